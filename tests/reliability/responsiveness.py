"""How long the window's thread is kept from answering, measured from inside it while it runs.

A heartbeat (a 2 ms timer on the window's thread) notes when it runs; the longest gap between
two beats is the longest a key pressed at that moment would have waited before the window
even saw it. Beside it, keys pressed through QTest on the library's list every 50 ms, each
timed from the press to the list's next paint: what answering the key costs once it is seen.
A key's worst answer is at most the worst gap plus the worst press-to-paint.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView


@dataclass
class Watch:
    beats: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the window's thread's CPU time at each beat
    keys: list[float] = field(default_factory=list)  # press to paint, seconds
    unpainted: int = 0  # presses with no paint before the next press

    @property
    def worst_gap(self) -> float:
        return max((b - a for a, b in zip(self.beats, self.beats[1:], strict=False)), default=0.0)

    @property
    def worst_gap_cpu(self) -> float:
        """CPU time the window's thread itself spent in its worst gap (the rest it waited: for
        the GIL, or for a core)."""
        gaps = [b - a for a, b in zip(self.beats, self.beats[1:], strict=False)]
        if not gaps:
            return 0.0
        at = gaps.index(max(gaps))
        return self.cpu[at + 1] - self.cpu[at]

    @property
    def worst_key(self) -> float:
        return max(self.keys, default=0.0)


class Responsiveness(QObject):
    """Beats and keys on `view` (a list in the window) between start() and stop()."""

    def __init__(self, view: QAbstractItemView, beat_ms: int = 2, key_ms: int = 50) -> None:
        super().__init__(view)
        self.view = view
        self.watch = Watch()
        self._beat = QTimer(self)
        self._beat.setTimerType(Qt.TimerType.PreciseTimer)
        self._beat.setInterval(beat_ms)
        self._beat.timeout.connect(self._tick)
        self._key = QTimer(self)
        self._key.setInterval(key_ms)
        self._key.timeout.connect(self._press)
        self._pressed: float | None = None
        self._presses = 0
        view.viewport().installEventFilter(self)

    def _tick(self) -> None:
        self.watch.beats.append(time.perf_counter())
        self.watch.cpu.append(time.thread_time())

    def start(self) -> None:
        self.watch = Watch()
        self._tick()
        self._beat.start()
        self._key.start()

    def stop(self) -> Watch:
        self._beat.stop()
        self._key.stop()
        self._tick()
        if self._pressed is not None:
            self.watch.unpainted += 1
            self._pressed = None
        return self.watch

    def _press(self) -> None:
        if self._pressed is not None:
            self.watch.unpainted += 1
        # Down, then Up: each press moves the selection, so each repaints the list.
        step = Qt.Key.Key_Up if self._presses % 2 else Qt.Key.Key_Down
        self._presses += 1
        self.view.setFocus()
        self._pressed = time.perf_counter()
        QTest.keyClick(self.view, step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._pressed is not None:
            self.watch.keys.append(time.perf_counter() - self._pressed)
            self._pressed = None
        return False

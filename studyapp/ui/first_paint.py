"""Running a slow step just after a window's first paint, so that the window shows before it.

A zero-delay timer set right after show() fires before the window system asks for the first
paint, so the step it runs (loading every bank) would keep the window blank until it is done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never painted (started minimised, say) still gets its step run.
FALLBACK_MS = 500


class AfterFirstPaint(QObject):
    """Calls `then` once: on the loop turn after the window's first paint, or after a while."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._run)  # after this paint has reached the screen
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.removeEventFilter(self)
        self._then()

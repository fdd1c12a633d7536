"""Slow work of the insight pages (statistics, exports) run off the GUI thread.

A `Job` runs one plain function in a thread pool and reports back by signal: `step` as it goes
(done, of, what), then `done` with the result or `failed` with a sentence. Signals cross to the
GUI thread queued, so the slots run there and may touch widgets. The pool belongs to the page
that started the job; a page destroyed mid-job waits for it, so no result outlives its page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

Step = Callable[[int, int, str], None]


class JobSignals(QObject):
    step = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Run `work(step)` in a pool thread; its result comes back through `signals.done`."""

    def __init__(self, work: Callable[[Step], object]) -> None:
        super().__init__()
        # The page keeps the job (and so its signals) alive: Python owns it, not the pool.
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.work = work

    def run(self) -> None:
        try:
            result = self.work(self.signals.step.emit)
        except Exception as error:  # any failure is said on the page, not lost
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.signals.done.emit(result)

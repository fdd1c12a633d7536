"""The bridge from a background ListingJob to the GUI thread, and the library's progress bar.

The job calls back from its own thread; a Qt signal emitted there is delivered on the GUI
thread (a queued connection, because the receiver lives there), so the window only ever
touches its widgets and the backend from the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

if TYPE_CHECKING:
    from studyapp.bank.background import ListingJob
    from studyapp.bank.built import Listed


class BankLoading(QObject):
    """One background listing of bank files: `listed(place, Listed)` per file, then `done`."""

    listed = Signal(int, object)
    done = Signal()

    def __init__(
        self,
        places: Sequence[int],
        files: Sequence[Path],
        cache_dir: Path,
        parent: QObject | None = None,
        workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        # the bank package loads after the window is painted
        from studyapp.bank.background import ListingJob

        self.places = list(places)
        self.job: ListingJob = ListingJob(files, cache_dir, self._report, self._done, workers)

    def _report(self, index: int, listed: Listed) -> None:
        try:
            self.listed.emit(self.places[index], listed)  # from the job's thread
        except RuntimeError:
            self.job.cancel()  # the window closed while the job ran: nobody is listening

    def _done(self) -> None:
        with contextlib.suppress(RuntimeError):  # as above
            self.done.emit()

    def start(self) -> None:
        self.job.start()

    def cancel(self) -> None:
        self.job.cancel()


class InThread(QObject):
    """Runs one call in a thread of its own; `finished(result)` arrives on the GUI thread."""

    finished = Signal(object)

    def __init__(self, call: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call

    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        result = self._call()
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.finished.emit(result)


class LoadProgress(QProgressBar):
    """How many of the library's bank files are listed so far, while some still load."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadProgress")
        self.setAccessibleName("Banks loaded")
        self.setTextVisible(True)
        self.hide()

    def show_count(self, done: int, total: int) -> None:
        if total <= 0 or done >= total:
            self.hide()
            return
        self.setRange(0, total)
        self.setValue(done)
        self.setFormat(f"Loading banks: {done} of {total}")
        self.show()

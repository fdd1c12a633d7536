"""Export a learner's progress from the GUI: the same CSV or JSON as `studyapp progress`.

`export_progress` writes at once (the settings dialog's button); `ExportRun` is the Insight
menu's, which writes in a worker thread through the backend."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from studyapp.printable import shown
from studyapp.progress import Store
from studyapp.progress.export import write_export
from studyapp.ui.common.text import plain_title
from studyapp.ui.insight.work import Job
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.ui.backend import Backend

FILTERS = "CSV for spreadsheets (*.csv);;JSON (*.json)"


def ask_path(parent: QWidget | None, profile: str, start: Path | None = None) -> str:
    """The file to write, chosen by the learner; the suffix follows the chosen filter."""
    dialog = QFileDialog(parent, plain_title(f"Export the progress of {profile}"))
    dialog.setObjectName("export-dialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(FILTERS.split(";;"))
    dialog.setDefaultSuffix("csv")
    dialog.filterSelected.connect(
        lambda chosen: dialog.setDefaultSuffix("json" if "json" in chosen else "csv")
    )
    if start is not None:
        dialog.setDirectory(str(start))
    dialog.selectFile(f"progress-{profile}.csv")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def export_progress(
    parent: QWidget | None, store: Store, profile: str, path: str | Path | None = None
) -> str:
    """Ask where (unless `path` is given), write the export, say how it went; the path or ""."""
    target = str(path) if path is not None else ask_path(parent, profile)
    if not target:
        return ""
    try:
        count = write_export(store, profile, target)
    except ValueError as error:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export progress", str(error), parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes the path
        box.exec()
        return ""
    if parent is not None and hasattr(parent, "statusBar"):
        message = f"Exported {counted(count, 'answer')} of {profile} to {target}"
        parent.statusBar().showMessage(shown(message), 8000)  # names may hold overrides
    return target


class ExportRun(QObject):
    """One export from the Insight menu: the file is asked for here, then written in a worker
    thread, with a progress dialog should it take more than a moment (a log of years of
    answers); `finished` carries the path written, or "" when it failed."""

    finished = Signal(str)

    def __init__(self, parent: QWidget, backend: Backend, profile: str) -> None:
        super().__init__(parent)
        self.window = parent
        self.backend = backend
        self.profile = profile
        self.pool = QThreadPool(self)
        self.target = ""
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None

    def start(self, path: str | Path | None = None) -> str:
        """Begin the export (asking where, unless `path` is given); the path, or "" if none."""
        self.target = str(path) if path is not None else ask_path(self.window, self.profile)
        if not self.target:
            self.deleteLater()
            return ""
        progress = QProgressDialog(
            f"Exporting the progress of {self.profile}…", "", 0, 0, self.window
        )
        progress.setObjectName("export-progress-dialog")
        progress.setWindowTitle(plain_title("Export progress"))
        progress.setCancelButton(None)  # the file is written whole or not at all: no half stop
        progress.setMinimumDuration(400)  # shown only if the export takes longer than this
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress = progress
        job = Job(self.backend.export_work(self.profile, self.target))
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.pool.start(job)
        return self.target

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, count: int) -> None:
        self._close_progress()
        window = self.window
        if hasattr(window, "statusBar"):
            message = f"Exported {counted(count, 'answer')} of {self.profile} to {self.target}"
            window.statusBar().showMessage(message, 8000)
        self.finished.emit(self.target)
        self.deleteLater()

    def _failed(self, why: str) -> None:
        self._close_progress()
        message = why.partition(": ")[2] or why  # a ValueError's sentence, without its type
        box = QMessageBox(QMessageBox.Icon.Warning, "Export progress", message, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes the path
        box.setObjectName("export-failed")
        box.open()
        self.finished.emit("")
        self.deleteLater()

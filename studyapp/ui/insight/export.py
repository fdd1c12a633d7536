"""Export a learner's progress from the GUI: the same CSV or JSON as `studyapp progress`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from studyapp.printable import shown
from studyapp.progress import Store
from studyapp.progress.export import write_export
from studyapp.ui.common.text import plain_title

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
        message = f"Exported {count} answers of {profile} to {target}"
        parent.statusBar().showMessage(shown(message), 8000)  # names may hold overrides
    return target

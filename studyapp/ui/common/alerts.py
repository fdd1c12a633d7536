"""Messages about the learner's data (progress moved aside, a save that failed) as dialogs.

The text may quote file names and system messages, so it is shown as plain text. The dialog is
window-modal and does not block the caller: the app keeps running behind it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from studyapp.printable import shown
from studyapp.ui.common.text import plain_labels, plain_title


def alert(
    parent: QWidget,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    # File names in the text may hold a bidi override or a control character.
    box = QMessageBox(
        icon, plain_title(title), shown(text, keep="\n"), QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    plain_labels(box)
    box.setObjectName("alert")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

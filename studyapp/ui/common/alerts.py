"""Messages about the learner's data (progress moved aside, a save that failed) as dialogs.

The text may quote file names and system messages, so it is shown as plain text. The dialog is
window-modal and does not block the caller: the app keeps running behind it.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QMessageBox, QScrollArea, QWidget

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
    scroll_long_text(box)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


# Room a message box keeps on its screen for its title bar, its first line, its buttons and its
# margins, beside the scrolled text.
_AROUND_TEXT = 220
_TEXT_WIDTH = 560  # px: the scrolled text's width, about as wide as QMessageBox lets text be


def scroll_long_text(box: QMessageBox) -> QScrollArea | None:
    """Put the box's long text (the informative text, else the main text) in a scroll area no
    taller than the screen leaves room for: a message that lists sixty review notes or moved
    files was taller than the screen, its OK button out of reach and the window behind it
    hidden whole. Short texts are left as they are; returns the area, if one was made."""
    label = box.findChild(QLabel, "qt_msgbox_informativelabel") or box.findChild(
        QLabel, "qt_msgbox_label"
    )
    grid = box.layout()
    if label is None or not isinstance(grid, QGridLayout):
        return None
    # The parent's screen: asking a box that has no window yet for its own is not safe.
    parent = box.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    room = max(120, screen.availableGeometry().height() - _AROUND_TEXT)
    # Measured on the text, without touching the label: QMessageBox lays its labels out itself.
    width = _TEXT_WIDTH
    flags = int(Qt.TextFlag.TextWordWrap)
    needs = label.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), flags, label.text())
    if needs.height() <= room:
        return None
    label.setWordWrap(True)
    index = grid.indexOf(label)
    # PySide's stub says object; it is (row, column, row span, column span).
    row, column, rows, columns = cast(tuple[int, int, int, int], grid.getItemPosition(index))
    grid.removeWidget(label)
    area = QScrollArea(box)
    area.setObjectName("message-text")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(label)
    label.setAutoFillBackground(False)
    label.setContentsMargins(0, 0, 8, 0)  # clear of the scroll bar
    area.viewport().setAutoFillBackground(False)
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(width + bar)
    area.setFixedHeight(room)
    # The keys of a message box are its buttons': Page Up and Down, or the wheel, scroll it.
    area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    grid.addWidget(area, row, column, rows, columns)
    return area

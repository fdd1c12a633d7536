"""How a bank's row is drawn: the selected row keeps its count colours.

Qt draws a selected row in the highlight colour with the highlight's text colour, which wipes
out the red, amber and blue of the due, learning and new counts on the very row the learner is
about to study. Here the selected row is a soft tint of the highlight with a bar of the full
highlight at its start, and every text keeps its own colour, moved only as far as it must be to
read on the tint at 4.5:1.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from studyapp.ui.common.theme import readable, soft

Index = QModelIndex | QPersistentModelIndex
# How much of the highlight colour the selected row's fill takes, over the table's background.
TINT = 0.22
BAR = 4  # px: the full-strength highlight at the row's start, so the choice shows without hue


def selected_fill(palette: QPalette) -> QColor:
    return soft(palette.color(QPalette.ColorRole.Highlight), palette, TINT)


class BankRowDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.state & QStyle.StateFlag.State_Selected:
            return
        # The application's palette, not the view's: after a live theme switch the view's own
        # may still be the old one until its style sheet is set again.
        palette = QApplication.palette()
        fill = selected_fill(palette)
        # The row's tint and bar show the choice; Qt's dotted frame on one cell of it only
        # cut the title out of the row.
        option.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        option.backgroundBrush = QBrush(fill)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        text = (
            foreground.color()
            if isinstance(foreground, QBrush)
            else palette.color(QPalette.ColorRole.Text)
        )
        option.palette.setColor(QPalette.ColorRole.Text, readable(text, fill))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if index.column() == 0 and option.state & QStyle.StateFlag.State_Selected:
            rect = QRect(option.rect)
            rect.setWidth(BAR)
            # Full strength while the table has the keys, so it shows where Enter and ↑ ↓ go.
            view = self.parent()
            focused = isinstance(view, QWidget) and view.hasFocus()
            role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
            painter.fillRect(rect, QApplication.palette().color(role))

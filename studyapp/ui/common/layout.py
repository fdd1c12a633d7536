"""The calm centred column every screen uses, inside a scroll area."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

COLUMN_WIDTH = 720


class _Content(QWidget):
    """The scrolled page. Its minimum height is what its text needs at the width it has.

    Qt's own minimum assumes every wrapped label at its narrowest, which makes the page taller
    than its text and shows a scroll bar on screens whose content fits.
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth() or self.width() <= 0:
            return hint
        return QSize(hint.width(), layout.totalHeightForWidth(max(self.width(), hint.width())))


class CentredScroll(QScrollArea):
    """A scroll area whose content is one column at most `width` wide, centred."""

    def __init__(
        self, parent: QWidget | None = None, margin: int = 28, width: int = COLUMN_WIDTH
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = _Content(self)
        row = QHBoxLayout(outer)
        row.setContentsMargins(margin, margin, margin, margin)
        self.inner = QWidget(outer)
        self.inner.setMaximumWidth(width)
        self.column = QVBoxLayout(self.inner)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(18)
        row.addStretch(1)
        row.addWidget(self.inner, 100)
        row.addStretch(1)
        self.setWidget(outer)
        outer.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()

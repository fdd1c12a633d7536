"""A thin rounded bar filled to a share, drawn for the eye only.

Not a QProgressBar: screen readers speak every value change of one ("11 percent"), and text
printed across a filled bar changes colour mid-word where the fill ends. The words that say the
figure always sit beside the bar, in a label of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget


class FillBar(QWidget):
    def __init__(self, parent: QWidget | None, height: int, width: int, share: float = 0.0) -> None:
        super().__init__(parent)
        self.share = max(0.0, min(1.0, share))
        self._hint = QSize(width, height)
        self.setFixedHeight(height)

    def set_share(self, share: float) -> None:
        self.share = max(0.0, min(1.0, share))
        self.update()

    def sizeHint(self) -> QSize:
        return self._hint

    def paintEvent(self, event: object) -> None:
        pal = self.palette()
        radius = self.height() / 2
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        track = QRectF(self.rect())
        p.setBrush(pal.color(QPalette.ColorRole.Mid))
        p.drawRoundedRect(track, radius, radius)
        if self.share > 0:
            p.setBrush(pal.color(QPalette.ColorRole.Highlight))
            filled = QRectF(0, 0, track.width() * self.share, track.height())
            p.drawRoundedRect(filled, radius, radius)
        p.end()

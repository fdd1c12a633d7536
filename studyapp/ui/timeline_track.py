"""One actor's stance on one issue drawn on a time axis: a point per stance, the later end of
each move marked as the shift, the chosen point's stance, date and article spelled out below.

Left and Right (Home, End) move between the points; the chosen point is also the widget's
accessible description, so a screen reader reads what a sighted learner sees highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from studyapp.insight.tracks import Track
from studyapp.ui.common.text import plain_label

MARGIN = 28
RADIUS = 6


class Axis(QWidget):
    """The drawn part: the line, a mark per point, dates below where they fit."""

    def __init__(self, track: Track, parent: TrackView) -> None:
        super().__init__(parent)
        self.track = track
        self.view = parent
        self.setMinimumHeight(58)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def x_of(self, at: float) -> float:
        return MARGIN + at * max(1, self.width() - 2 * MARGIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        y = 20.0
        painter.setPen(QPen(ink, 1.5))
        painter.drawLine(QPointF(MARGIN - 10, y), QPointF(self.width() - MARGIN + 10, y))
        metrics = painter.fontMetrics()
        right_edge = float("-inf")
        for i, point in enumerate(self.track.points):
            x = self.x_of(point.at)
            chosen = i == self.view.index
            painter.setPen(QPen(accent if chosen else ink, 3 if chosen else 1.5))
            painter.setBrush(ink if point.later else palette.color(QPalette.ColorRole.Window))
            if point.later:  # the shift: a diamond, so it reads without colour
                r = RADIUS + 1
                painter.drawPolygon(
                    [QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]
                )
            else:
                painter.drawEllipse(QPointF(x, y), RADIUS, RADIUS)
            text = point.date or point.label
            width = metrics.horizontalAdvance(text)
            left = min(max(0.0, x - width / 2), self.width() - width)
            if left > right_edge + 6 or chosen:
                painter.setPen(accent if chosen else ink)
                painter.drawText(QRectF(left, y + 12, width + 2, 20), text)
                right_edge = left + width
        painter.end()


class TrackView(QWidget):
    def __init__(self, track: Track, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track = track
        self.index = len(track.points) - 1  # the latest stance first
        self.setObjectName("track")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{track.actor_name} on {track.issue}, over time")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.axis = Axis(track, self)
        column.addWidget(self.axis)
        self.detail = plain_label("", self, scale=0.95, name="point")
        column.addWidget(self.detail)
        self._show()

    def choose(self, index: int) -> None:
        self.index = max(0, min(index, len(self.track.points) - 1))
        self._show()

    def _show(self) -> None:
        point = self.track.points[self.index]
        count = len(self.track.points)
        self.detail.setText(f"{self.index + 1} of {count} · {point.text}")
        self.setAccessibleDescription(self.detail.text())
        self.axis.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: self.index - 1,
            Qt.Key.Key_Right: self.index + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.track.points) - 1,
        }
        target = moves.get(Qt.Key(event.key()))
        if target is None:
            super().keyPressEvent(event)
            return
        self.choose(target)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.axis.update()

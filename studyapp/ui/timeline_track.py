"""One actor's stance on one issue drawn on the timeline's shared time axis: a point per stance,
the later end of each move marked as the shift, the learner's mastery above each point, the
chosen point's stance, date, article, evidence and status spelled out below.

Every track of a timeline is drawn on one scale (`insight.tracks.Timeline`), so a day sits at
the same x on each track and under `ArticleAxis`, the row of the articles' own dates. The axis
runs in the reading direction: right to left under a right-to-left layout.

Left and Right (Home, End) move between the points, in the direction they are drawn; Up and
Down go to the track above or below, to its point nearest in time. The chosen point is also the
widget's accessible description, so a screen reader reads what a sighted learner sees
highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from studyapp.insight.tracks import Tick, Track
from studyapp.ui.common import theme
from studyapp.ui.common.text import emphasise, plain_label, plain_tip

MARGIN = 28
RADIUS = 6
LINE_Y = 30.0  # the axis line, below the row of mastery marks


def x_on(widget: QWidget, at: float) -> float:
    """Where a fraction of the axis falls in a widget, in its reading direction."""
    span = max(1, widget.width() - 2 * MARGIN)
    if widget.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return widget.width() - MARGIN - at * span
    return MARGIN + at * span


def _tick_pen(palette: QPalette) -> QPen:
    return QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)


class ArticleAxis(QWidget):
    """The articles' dates on the shared axis: a tick and the date for each, the titles in the
    accessible description (and the tooltip) since they do not fit under the ticks."""

    def __init__(self, ticks: tuple[Tick, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticks = ticks
        self.setObjectName("article-axis")
        self.setMinimumHeight(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        told = "; ".join(f"{t.date}: {t.source}" for t in ticks)
        self.setAccessibleName("The articles' dates")
        self.setAccessibleDescription(told)
        self.setToolTip(plain_tip("\n".join(f"{t.date} · {t.source}" for t in ticks)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        painter.setPen(QPen(ink, 1))
        y = self.height() - 6.0
        painter.drawLine(QPointF(MARGIN - 10, y), QPointF(self.width() - MARGIN + 10, y))
        right_edge = float("-inf")
        for tick in sorted(self.ticks, key=lambda t: x_on(self, t.at)):
            x = x_on(self, tick.at)
            painter.setPen(QPen(ink, 1))
            painter.drawLine(QPointF(x, y - 8), QPointF(x, y))
            width = metrics.horizontalAdvance(tick.date)
            left = min(max(0.0, x - width / 2), self.width() - width)
            if left > right_edge + 6:
                painter.drawText(QRectF(left, y - 8 - metrics.height(), width + 2, 20), tick.date)
                right_edge = left + width
        painter.end()


class Axis(QWidget):
    """The drawn part: the line, the articles' days as faint ticks, a mark per point, the
    learner's mastery above it, dates (or labels) below where they fit."""

    def __init__(self, track: Track, parent: TrackView, ticks: tuple[Tick, ...] = ()) -> None:
        super().__init__(parent)
        self.track = track
        self.ticks = ticks
        self.view = parent
        self.setMinimumHeight(66)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def x_of(self, at: float) -> float:
        return x_on(self, at)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        y = LINE_Y
        painter.setPen(_tick_pen(palette))
        for tick in self.ticks:
            x = self.x_of(tick.at)
            # From below the row of mastery marks, so a mark is never crossed out.
            painter.drawLine(QPointF(x, LINE_Y - 10), QPointF(x, self.height() - 4))
        painter.setPen(QPen(ink, 1.5))
        painter.drawLine(QPointF(MARGIN - 10, y), QPointF(self.width() - MARGIN + 10, y))
        metrics = painter.fontMetrics()
        right_edge = float("-inf")
        # Stances of one day share a place: the count beside it says there is more than one.
        together: dict[float, int] = {}
        for point in self.track.points:
            together[round(point.at, 6)] = together.get(round(point.at, 6), 0) + 1
        for at, count in together.items():
            if count > 1:
                x = self.x_of(at)
                painter.setPen(ink)
                painter.drawText(QRectF(x + RADIUS + 3, y - 20, 30, 16), f"×{count}")
        order = sorted(
            range(len(self.track.points)), key=lambda i: self.x_of(self.track.points[i].at)
        )
        for i in order:
            point = self.track.points[i]
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
            if point.mark and point.later:
                # Mastery belongs to the move's question: shown once, over its shift.
                mark_width = metrics.horizontalAdvance(point.mark)
                verdict = {"mastered": "right", "learning": "partial"}.get(point.status, "")
                shade = theme.verdict_colour(verdict, palette) if verdict else ink
                painter.setPen(theme.readable(shade, palette.color(QPalette.ColorRole.Window)))
                painter.drawText(QRectF(x - mark_width / 2, 2, mark_width + 2, 18), point.mark)
            text = point.date or point.label
            width = metrics.horizontalAdvance(text)
            left = min(max(0.0, x - width / 2), self.width() - width)
            if left > right_edge + 6 or chosen:
                painter.setPen(accent if chosen else ink)
                painter.drawText(QRectF(left, y + 12, width + 2, 20), text)
                right_edge = left + width
        painter.end()


class TrackView(QWidget):
    def __init__(
        self, track: Track, parent: QWidget | None = None, ticks: tuple[Tick, ...] = ()
    ) -> None:
        super().__init__(parent)
        self.track = track
        self.index = len(track.points) - 1  # the latest stance first
        self.setObjectName("track")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{track.actor_name} on {track.issue}, over time")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.axis = Axis(track, self, ticks)
        column.addWidget(self.axis)
        self.detail = plain_label("", self, scale=0.95, name="point")
        column.addWidget(self.detail)
        self.evidence = plain_label("", self, scale=0.9, selectable=True, name="point-evidence")
        column.addWidget(self.evidence)
        self._show()

    @property
    def point_at(self) -> float:
        return self.track.points[self.index].at

    def choose(self, index: int) -> None:
        self.index = max(0, min(index, len(self.track.points) - 1))
        self._show()

    def choose_nearest(self, at: float) -> None:
        points = self.track.points
        self.choose(min(range(len(points)), key=lambda i: (abs(points[i].at - at), -i)))

    def _show(self) -> None:
        point = self.track.points[self.index]
        count = len(self.track.points)
        self.detail.setText(f"{self.index + 1} of {count} · {point.text}")
        passages = " ".join(point.evidence)
        status = f"{point.mark} {point.status}" if point.mark else "stated, not asked"
        self.evidence.setText(f"{status} · From the article: {passages}" if passages else status)
        if passages:
            emphasise(self.evidence, passages)
        self.setAccessibleDescription(f"{self.detail.text()}. {self.evidence.text()}")
        self.axis.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._to_neighbour(-1 if key == Qt.Key.Key_Up else 1)
            return
        forward, back = Qt.Key.Key_Right, Qt.Key.Key_Left
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            forward, back = back, forward  # later is to the left
        moves = {
            back: self.index - 1,
            forward: self.index + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.track.points) - 1,
        }
        target = moves.get(key)
        if target is None:
            super().keyPressEvent(event)
            return
        self.choose(target)

    def _to_neighbour(self, step: int) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        views = [v for v in parent.findChildren(TrackView) if v.isVisible()]
        if self not in views:
            return
        place = views.index(self) + step
        if 0 <= place < len(views):
            views[place].choose_nearest(self.point_at)
            views[place].setFocus(Qt.FocusReason.OtherFocusReason)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.axis.update()

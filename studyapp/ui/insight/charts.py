"""Charts painted with QPainter, coloured from the current palette.

They were pyqtgraph plots. Each one is a QGraphicsView with a scene, a plot item, a view box,
four axes and a context-menu form built even with its menus off: 10 to 40 ms of the window's
thread per chart, three of them in view as the statistics page opens, a third of its opening
over 100,000 answers. These charts only ever show a few dozen bars or points that never move,
so they are painted directly: about a millisecond each. Charts are pictures only: the same
figures are always in a table too.
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from studyapp.ui.common.text import plain_tip
from studyapp.ui.insight.stats_items import BAR, HBAR, LINE, Chart, Heat

MAX_TICKS = 7
CHART_HEIGHT = 280
VALUE_TICKS = 5  # at most this many steps up the value axis
PAD = 6.0  # around the plot, in pixels
TICK = 5.0  # a tick mark's length
SLOT_MARGIN = 0.6  # room before the first and after the last bar, in bars
GRID_ALPHA = 64  # of 255: the grid reads behind the bars, not over them


def _colours(palette: QPalette) -> tuple[QColor, QColor, QColor, QColor]:
    """Background, text, grid and bar colours that read on this palette."""
    base = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text)
    grid = palette.color(QPalette.ColorRole.Mid)
    bar = palette.color(QPalette.ColorRole.Highlight)
    return base, fg, grid, bar


def value_scale(chart: Chart) -> tuple[float, float]:
    """(step between the value axis's ticks, top of the axis). Whole steps (counts are whole,
    percentages go by 25), and headroom above the top tick so that its label is drawn whole
    rather than cut by the edge."""
    values = [v for v in chart.values if v is not None and not math.isnan(v)]
    top = chart.maximum or max([*values, 1.0])
    step = 25.0 if chart.maximum == 100 else float(max(1, math.ceil(top / VALUE_TICKS)))
    return step, top + max(step * 0.25, top * 0.06)


class ChartPicture(QWidget):
    """One Chart (bars, a line, or bars across), painted in its widget's palette."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart")
        self.setAccessibleName(f"{chart.title} (chart; the table beside it has the figures)")
        # A picture takes no keys: Tab skips it for its table's toggle, which a reader can use.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A picture beside a table, not the page: as tall as reads well, never the whole window.
        self.setMinimumHeight(220)
        self.setMaximumHeight(CHART_HEIGHT)
        self.chart = chart
        self.step, self.upper = value_scale(chart)

    def backgroundBrush(self) -> QBrush:
        """What the chart is painted on: the palette's base, read at every paint."""
        return QBrush(self.palette().color(QPalette.ColorRole.Base))

    def value_ticks(self) -> list[float]:
        """The values labelled up the value axis (across, for bars across)."""
        return [k * self.step for k in range(int(self.upper // self.step) + 1)]

    def category_ticks(self) -> list[tuple[int, str]]:
        """(place, label) along the category axis: every label for bars across, else at most
        MAX_TICKS of them, evenly spaced."""
        labels = self.chart.labels
        step = 1 if self.chart.kind == HBAR else max(1, math.ceil(len(labels) / MAX_TICKS))
        return [(i, label) for i, label in enumerate(labels) if i % step == 0]

    def plot_area(self) -> QRectF:
        """Where the values are drawn, inside the axes and their labels."""
        fm = QFontMetricsF(self.font())
        line = fm.height()
        value_labels = [_number(v) for v in self.value_ticks()]
        if self.chart.kind == HBAR:
            widest = max((fm.horizontalAdvance(t) for t in self.chart.labels), default=0.0)
            left = PAD + min(widest, self.width() * 0.35) + TICK + 2
            right = PAD + fm.horizontalAdvance(value_labels[-1]) / 2
            bottom = PAD + line + TICK + line  # tick labels, then the axis's title
            top = PAD
        else:
            widest = max(fm.horizontalAdvance(t) for t in value_labels)
            left = PAD + line + 4 + widest + TICK  # the axis's title (turned), its labels
            bottom = PAD + TICK + line
            top = PAD + line / 2  # the top label is centred on its tick
            right = PAD
            ticks = self.category_ticks()
            if ticks:  # room for the last label's right half, where the bars leave none
                area = QRectF(left, top, max(1.0, self.width() - left - right), 1.0)
                place, label = ticks[-1]
                over = self.slot_at(place, area) + fm.horizontalAdvance(label) / 2 - area.right()
                right += max(0.0, over)
        return QRectF(
            left, top, max(1.0, self.width() - left - right), max(1.0, self.height() - top - bottom)
        )

    def value_at(self, value: float, area: QRectF) -> float:
        """Where `value` falls along the value axis, in pixels."""
        if self.chart.kind == HBAR:
            return area.left() + area.width() * value / self.upper
        return area.bottom() - area.height() * value / self.upper

    def slot_at(self, place: float, area: QRectF) -> float:
        """Where the category at `place` (0 first) falls, in pixels; first at the top for
        bars across."""
        span = max(1, len(self.chart.values)) - 1 + 2 * SLOT_MARGIN
        share = (place + SLOT_MARGIN) / span
        if self.chart.kind == HBAR:
            return area.top() + area.height() * share
        return area.left() + area.width() * share

    def paintEvent(self, event: QPaintEvent) -> None:
        base, fg, grid, bar = _colours(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), base)
        area = self.plot_area()
        fm = QFontMetricsF(self.font())
        line = fm.height()
        across = self.chart.kind == HBAR
        faint = QColor(grid)
        faint.setAlpha(GRID_ALPHA)
        # the grid and the value axis's labels
        for value in self.value_ticks():
            at = self.value_at(value, area)
            label = _number(value)
            painter.setPen(QPen(faint, 1))
            if across:
                painter.drawLine(QPointF(at, area.top()), QPointF(at, area.bottom()))
                painter.setPen(fg)
                box = QRectF(at - 40, area.bottom() + TICK, 80, line)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            else:
                painter.drawLine(QPointF(area.left(), at), QPointF(area.right(), at))
                painter.setPen(fg)
                box = QRectF(0, at - line / 2, area.left() - TICK - 2, line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
                )
        self._paint_values(painter, area, bar)
        # the axes, their category labels and the value axis's title
        painter.setPen(QPen(grid, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        painter.setPen(fg)
        shown = -math.inf  # where the last label across was written: none may overlap it
        for place, label in self.category_ticks():
            at = self.slot_at(place, area)
            if across:
                if at - shown < line:
                    continue  # too many tags for their names to fit: every other one, or less
                shown = at
                room = area.left() - PAD - TICK - 2
                text = fm.elidedText(label, Qt.TextElideMode.ElideRight, room)
                box = QRectF(PAD, at - line / 2, room, line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
                )
            else:
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(at, area.bottom()), QPointF(at, area.bottom() + TICK))
                painter.setPen(fg)
                box = QRectF(at - 80, area.bottom() + TICK, 160, line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label
                )
        title = self.chart.axis
        if across:
            box = QRectF(area.left(), area.bottom() + TICK + line, area.width(), line)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, title)
        else:
            painter.save()
            painter.translate(PAD, area.center().y())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-area.height() / 2, 0, area.height(), line),
                Qt.AlignmentFlag.AlignCenter,
                title,
            )
            painter.restore()
        painter.end()

    def _paint_values(self, painter: QPainter, area: QRectF, bar: QColor) -> None:
        chart = self.chart
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar)
        if chart.kind == LINE:
            points = [
                None
                if v is None or math.isnan(v)
                else QPointF(self.slot_at(i, area), self.value_at(v, area))
                for i, v in enumerate(chart.values)
            ]
            painter.setPen(QPen(bar, 2))
            for a, b in itertools.pairwise(points):
                if a is not None and b is not None:  # a day without answers breaks the line
                    painter.drawLine(a, b)
            painter.setPen(Qt.PenStyle.NoPen)
            for point in points:
                if point is not None:
                    painter.drawEllipse(point, 3.0, 3.0)
            return
        half = (0.3 if chart.kind == HBAR else 0.35) * (
            self.slot_at(1, area) - self.slot_at(0, area)
        )
        zero = self.value_at(0.0, area)
        for i, v in enumerate(chart.values):
            if v is None or math.isnan(v) or not v:
                continue
            at, end = self.slot_at(i, area), self.value_at(v, area)
            if chart.kind == HBAR:
                painter.drawRect(QRectF(zero, at - half, end - zero, 2 * half))
            elif chart.kind == BAR:
                painter.drawRect(QRectF(at - half, end, 2 * half, zero - end))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def make_chart(chart: Chart, parent: QWidget | None = None) -> QWidget:
    return ChartPicture(chart, parent)


def _mix(low: QColor, high: QColor, t: float) -> QColor:
    return QColor(
        round(low.red() + (high.red() - low.red()) * t),
        round(low.green() + (high.green() - low.green()) * t),
        round(low.blue() + (high.blue() - low.blue()) * t),
    )


def _luminance(colour: QColor) -> float:
    def part(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * part(colour.red()) + 0.7152 * part(colour.green()) + 0.0722 * part(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def heat_colours(heat: Heat, palette: QPalette) -> list[list[tuple[QColor, QColor]]]:
    """(fill, text) of each cell: the fill runs from the page's base (no mix-up) to the
    highlight (the most frequent); the count is written in whichever of the palette's text
    colours or white and black reads best on that fill."""
    base, fg, _grid, bar = _colours(palette)
    top = heat.top or 1
    out = []
    for row in heat.counts:
        cells = []
        for n in row:
            fill = _mix(base, bar, 0.15 + 0.85 * n / top) if n else base
            ink = max((fg, QColor("white"), QColor("black")), key=lambda c: contrast(c, fill))
            cells.append((fill, ink))
        out.append(cells)
    return out


# Column names side by side need at most this much room (about what the plot has in the page's
# column, after the speakers' names): past it they are set upright, reading upwards, each in
# a band as tall as the longest name up to NAME_BAND (longer ones elided, every name in full
# in the tooltip). Fixed, not the width the map gets, so that its stand-in, made before the
# map is laid out, is as tall as the map will be.
FLAT_NAMES = 560.0
NAME_BAND = 170.0


def heat_names_upright(heat: Heat, font: QFont) -> bool:
    """Whether the column names are set upright (they would not fit side by side)."""
    fm = QFontMetricsF(font)
    return sum(fm.horizontalAdvance(n) + 8 for n in heat.columns) > FLAT_NAMES


def _names_band(heat: Heat, font: QFont) -> float:
    """How tall the column names stand below the cells."""
    fm = QFontMetricsF(font)
    if not heat_names_upright(heat, font):
        return fm.height()
    widest = max((fm.horizontalAdvance(n) for n in heat.columns), default=0.0)
    return min(widest + 4, NAME_BAND)


def heat_height(heat: Heat, font: QFont) -> int:
    """How tall the heat map asks to be: a line of cells per speaker, each as tall as reads
    well, above the column names (upright when many); its stand-in before it is drawn is as
    tall."""
    line = QFontMetricsF(font).height()
    return math.ceil(90 + 34 * len(heat.rows) + _names_band(heat, font) - line)


class HeatPicture(QWidget):
    """The mix-ups' heat map: said by (rows, named on the left) against chosen (columns, named
    below, upright when there are many), each cell filled by its count and the count written
    in it; a tooltip names a cell's speaker and pick in full, or a name cut short."""

    def __init__(self, heat: Heat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heat-map")
        self.setAccessibleName("Mix-ups as a heat map (the table below has the figures)")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        height = self.wanted = heat_height(heat, self.font())
        self.setMinimumHeight(min(height, 200))
        self.setMaximumHeight(max(height, 200))
        self.heat = heat
        self.setMouseTracking(True)  # for the tooltip of the cell or name under the pointer

    def sizeHint(self) -> QSize:
        # a line of cells for each speaker, each as tall as reads well (the stand-in's too)
        return QSize(super().sizeHint().width(), max(self.wanted, 200))

    def backgroundBrush(self) -> QBrush:
        return QBrush(self.palette().color(QPalette.ColorRole.Base))

    def cells_area(self) -> QRectF:
        fm = QFontMetricsF(self.font())
        line = fm.height()
        widest = max((fm.horizontalAdvance(n) for n in self.heat.rows), default=0.0)
        left = PAD + line + 4 + min(widest, self.width() * 0.3) + TICK
        bottom = PAD + _names_band(self.heat, self.font()) + TICK + line  # names, axis title
        return QRectF(
            left, PAD, max(1.0, self.width() - left - PAD), max(1.0, self.height() - PAD - bottom)
        )

    def tip_at(self, x: float, y: float) -> str:
        """What the tooltip says at a point: a cell's speaker, pick and count, or the name of
        the row or column pointed at, in full ("" elsewhere)."""
        heat = self.heat
        area = self.cells_area()
        columns, rows = max(1, len(heat.columns)), max(1, len(heat.rows))
        w, h = area.width() / columns, area.height() / rows
        c = math.floor((x - area.left()) / w) if area.left() <= x < area.right() else -1
        r = math.floor((y - area.top()) / h) if area.top() <= y < area.bottom() else -1
        if 0 <= r < len(heat.rows) and 0 <= c < len(heat.columns):
            n = heat.counts[r][c]
            times = "never" if n == 0 else "once" if n == 1 else f"{n} times"
            return f"Said by {heat.rows[r]}; you chose {heat.columns[c]}: {times}"
        if 0 <= c < len(heat.columns) and area.bottom() <= y:
            return heat.columns[c]
        if 0 <= r < len(heat.rows) and x < area.left():
            return heat.rows[r]
        return ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # The tooltip follows the pointer: Qt shows the widget's tooltip where it rests.
        tip = plain_tip(self.tip_at(event.position().x(), event.position().y()))
        if tip != self.toolTip():
            self.setToolTip(tip)
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        heat = self.heat
        palette = self.palette()
        base, fg, grid, _bar = _colours(palette)
        colours = heat_colours(heat, palette)
        painter = QPainter(self)
        painter.fillRect(self.rect(), base)
        area = self.cells_area()
        fm = QFontMetricsF(self.font())
        line = fm.height()
        columns, rows = max(1, len(heat.columns)), max(1, len(heat.rows))
        w, h = area.width() / columns, area.height() / rows
        for r, row in enumerate(heat.counts):
            for c, n in enumerate(row):
                fill, ink = colours[r][c]
                box = QRectF(area.left() + c * w, area.top() + r * h, w, h)
                painter.setPen(QPen(grid, 1))
                painter.setBrush(fill)
                painter.drawRect(box)
                painter.setPen(ink)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "·" if n == 0 else str(n))
        painter.setPen(fg)
        band = _names_band(heat, self.font())
        upright = heat_names_upright(heat, self.font())
        for c, name in enumerate(heat.columns):
            if upright:
                # Read upwards from just under the column, its end against the cells.
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, band - 4)
                painter.save()
                painter.translate(area.left() + (c + 0.5) * w, area.bottom() + TICK)
                painter.rotate(-90)
                box = QRectF(-band, -line / 2, band, line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
                )
                painter.restore()
            else:
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, w - 4)
                box = QRectF(area.left() + c * w, area.bottom() + TICK, w, line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text
                )
        room = area.left() - PAD - line - 4 - TICK
        for r, name in enumerate(heat.rows):
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, room)
            box = QRectF(area.left() - TICK - room, area.top() + r * h, room, h)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        box = QRectF(area.left(), area.bottom() + TICK + band, area.width(), line)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "you chose")
        painter.translate(PAD, area.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-area.height() / 2, 0, area.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            "said by",
        )
        painter.end()


def make_heat(heat: Heat, parent: QWidget | None = None) -> QWidget:
    return HeatPicture(heat, parent)

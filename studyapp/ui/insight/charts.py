"""Charts drawn with pyqtgraph, coloured from the current palette.

pyqtgraph (and numpy under it) is imported only when a chart is first made, so that opening the
app does not pay for it. Charts are pictures only: the same figures are always in a table too.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsObject, QWidget

from studyapp.ui.insight.stats_items import BAR, HBAR, LINE, Chart, Heat

MAX_TICKS = 7
CHART_HEIGHT = 280
VALUE_TICKS = 5  # at most this many steps up the value axis


def _colours(palette: QPalette) -> tuple[QColor, QColor, QColor, QColor]:
    """Background, text, grid and bar colours that read on this palette."""
    base = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text)
    grid = palette.color(QPalette.ColorRole.Mid)
    bar = palette.color(QPalette.ColorRole.Highlight)
    return base, fg, grid, bar


def make_chart(chart: Chart, parent: QWidget | None = None) -> QWidget:
    # pyqtgraph (and numpy) load when a chart is first drawn: start-up time
    import pyqtgraph as pg

    # enableMenu=False at construction: made and then disabled, each chart's menus cost 4 ms
    widget = pg.PlotWidget(parent, enableMenu=False)  # untyped (no types shipped): Any here
    widget.setObjectName("chart")
    widget.setAccessibleName(f"{chart.title} (chart; the table beside it has the figures)")
    # A picture takes no keys: Tab skips it for the table tab, which a reader can use.
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # A picture beside a table, not the page: as tall as reads well, never the whole window.
    widget.setMinimumHeight(220)
    widget.setMaximumHeight(CHART_HEIGHT)
    widget.setMenuEnabled(False)
    widget.hideButtons()
    widget.setMouseEnabled(x=False, y=False)
    widget.chart = chart
    draw(widget, widget.palette())
    made: QWidget = widget
    return made


def draw(widget: Any, palette: QPalette) -> None:  # widget: the PlotWidget make_chart made
    """(Re)draw the chart held by `widget` in the palette's colours."""
    # pyqtgraph loads when a chart is first drawn
    import pyqtgraph as pg

    chart: Chart = widget.chart
    base, fg, grid, bar = _colours(palette)
    widget.setBackground(base)
    item = widget.getPlotItem()
    item.clear()
    values = [math.nan if v is None else v for v in chart.values]
    positions = list(range(len(values)))
    category = "left" if chart.kind == HBAR else "bottom"
    value_axis = "bottom" if chart.kind == HBAR else "left"
    if chart.kind == BAR:
        item.addItem(
            pg.BarGraphItem(x=positions, height=values, width=0.7, brush=bar, pen=pg.mkPen(None))
        )
    elif chart.kind == HBAR:
        item.addItem(
            pg.BarGraphItem(
                x0=0, y=positions, width=values, height=0.6, brush=bar, pen=pg.mkPen(None)
            )
        )
        item.invertY(True)
    elif chart.kind == LINE:
        item.plot(
            positions,
            values,
            pen=pg.mkPen(bar, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=bar,
            symbolPen=pg.mkPen(None),
            connect="finite",
        )
    step = max(1, math.ceil(len(chart.labels) / MAX_TICKS)) if chart.kind != HBAR else 1
    ticks = [(i, label) for i, label in enumerate(chart.labels) if i % step == 0]
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(grid))
        axis.setTextPen(pg.mkPen(fg))
    item.getAxis(category).setTicks([ticks, []])
    item.setLabel(value_axis, chart.axis, color=fg.name())
    item.showGrid(x=chart.kind == HBAR, y=chart.kind != HBAR, alpha=0.25)
    top = chart.maximum or max([v for v in values if not math.isnan(v)] + [1.0])
    # Whole steps up the value axis (counts are whole, percentages go by 25), and headroom
    # above the top one so that its label is drawn whole rather than cut by the edge.
    value_step = 25.0 if chart.maximum == 100 else float(max(1, math.ceil(top / VALUE_TICKS)))
    item.getAxis(value_axis).setTickSpacing(value_step, value_step)
    upper = top + max(value_step * 0.25, top * 0.06)
    margin = 0.6
    if chart.kind == HBAR:
        item.setXRange(0, upper, padding=0)
        item.setYRange(-margin, max(0, len(values) - 1) + margin, padding=0)
    else:
        item.setYRange(0, upper, padding=0)
        item.setXRange(-margin, max(0, len(values) - 1) + margin, padding=0)


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


class HeatCells(QGraphicsObject):
    """The heat map's cells, one unit square each (column x, row y), each count written
    upright at the screen's size in the middle of its cell, whatever the view's scale."""

    def __init__(
        self, heat: Heat, colours: list[list[tuple[QColor, QColor]]], grid: QColor
    ) -> None:
        super().__init__()
        self.heat = heat
        self.colours = colours
        self.grid = grid
        self.columns = max((len(row) for row in heat.counts), default=0)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.columns, len(self.heat.counts))

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        pen = QPen(self.grid)
        pen.setCosmetic(True)  # one pixel wide at any scale, as pg.mkPen draws it
        painter.setPen(pen)
        for r, row in enumerate(self.heat.counts):
            for c, _n in enumerate(row):
                painter.setBrush(self.colours[r][c][0])
                painter.drawRect(QRectF(c, r, 1, 1))
        # The counts in screen pixels: the view's scale would stretch the text.
        to_screen = painter.transform()
        painter.resetTransform()
        for r, row in enumerate(self.heat.counts):
            for c, n in enumerate(row):
                box = to_screen.mapRect(QRectF(c, r, 1, 1))
                painter.setPen(self.colours[r][c][1])
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "·" if n == 0 else str(n))
        painter.setTransform(to_screen)


def make_heat(heat: Heat, parent: QWidget | None = None) -> QWidget:
    # pyqtgraph loads when a chart is first drawn
    import pyqtgraph as pg

    widget = pg.PlotWidget(parent, enableMenu=False)
    widget.setObjectName("heat-map")
    widget.setAccessibleName("Mix-ups as a heat map (the table below has the figures)")
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setMenuEnabled(False)
    widget.hideButtons()
    widget.setMouseEnabled(x=False, y=False)
    height = 90 + 34 * len(heat.rows)
    widget.setMinimumHeight(min(height, 200))
    widget.setMaximumHeight(max(height, 200))
    widget.heat = heat
    draw_heat(widget, widget.palette())
    made: QWidget = widget
    return made


def draw_heat(widget: Any, palette: QPalette) -> None:  # widget: what make_heat made
    # pyqtgraph loads when a chart is first drawn
    import pyqtgraph as pg

    heat: Heat = widget.heat
    base, fg, grid, _bar = _colours(palette)
    widget.setBackground(base)
    item = widget.getPlotItem()
    item.clear()
    # One item paints every cell and its count: a rectangle and a TextItem per cell took
    # 0.1 s for a 12 x 12 map (pyqtgraph works out each text's place anew on every change).
    item.addItem(HeatCells(heat, heat_colours(heat, palette), grid))
    item.invertY(True)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(grid))
        axis.setTextPen(pg.mkPen(fg))
    item.getAxis("bottom").setTicks([[(c + 0.5, n) for c, n in enumerate(heat.columns)], []])
    item.getAxis("left").setTicks([[(r + 0.5, n) for r, n in enumerate(heat.rows)], []])
    item.setLabel("bottom", "you chose", color=fg.name())
    item.setLabel("left", "said by", color=fg.name())
    item.setXRange(0, max(1, len(heat.columns)), padding=0.02)
    item.setYRange(0, max(1, len(heat.rows)), padding=0.02)

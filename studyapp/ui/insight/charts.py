"""Charts drawn with pyqtgraph, coloured from the current palette.

pyqtgraph (and numpy under it) is imported only when a chart is first made, so that opening the
app does not pay for it. Charts are pictures only: the same figures are always in a table too.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from studyapp.ui.insight.stats_items import BAR, HBAR, LINE, Chart

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
    import pyqtgraph as pg

    widget = pg.PlotWidget(parent)  # untyped (pyqtgraph ships no types): Any from here
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

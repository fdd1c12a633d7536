"""The statistics page: answers per day, accuracy, the due forecast, mastery per tag, and the
speakers the learner confuses, with a button that drills exactly those questions.

Under every chart, a fold-out table holds the same figures. Charts (insight/charts.py) are
painted in the palette of the moment, so a change of theme redraws them with no help.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPoint,
    QRect,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.insight.statistics import STEPS, Memory, Retention, Statistics
from studyapp.insight.views import Confusion
from studyapp.model import Bank
from studyapp.study import Mode, SessionConfig
from studyapp.ui.common.accessible import disclosure
from studyapp.ui.common.layout import clear_layout
from studyapp.ui.common.text import plain_label
from studyapp.ui.insight.page import ProgressPage
from studyapp.ui.insight.stats_items import (
    Chart,
    accuracy_chart,
    confusion_heat,
    confusion_matrix,
    confusion_table,
    forecast_chart,
    mastery_chart,
    reviews_chart,
)
from studyapp.ui.insight.table_model import TableModel, TableView
from studyapp.ui.insight.work import Job
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.scheduler.fit import MemoryModel


def retention_sentence(retention: Retention) -> str:
    """Recall actually achieved, beside what the schedule aims for, with how many it rests on."""
    aim = f"{round(100 * retention.desired)} %"
    if retention.rate is None:
        return (
            "Recall achieved: nothing to measure yet. It counts the questions that came back a "
            "day or more after you last answered them, over the last 30 days; your schedule "
            f"aims for {aim}."
        )
    tests = retention.tests
    return (
        f"Recall achieved over the last 30 days: {round(100 * retention.rate)} % right of {tests} "
        f"question{'s' if tests != 1 else ''} answered a day or more after you last saw "
        f"{'them' if tests != 1 else 'it'} (your schedule aims for {aim})."
    )


def figures_toggle(
    parent: QWidget, title: str, what: str, table: Callable[[], QWidget], made: Callable[[], bool]
) -> QToolButton:
    """A fold-out "Show the figures" under a chart: the table with the chart's own numbers.

    `table()` makes the table the first time it is asked for (`made()` says whether it has
    been): a folded table is never seen, and six of them made up front cost a fifth of the
    page's opening over 100,000 answers (their views asked the models for every cell's size).

    Tabs (chart | table) were used here first. A tab bar announces its current tab to screen
    readers as it is built, which moved Orca's attention into the statistics window before the
    window itself was announced, so its title was never spoken; a fold-out says nothing until
    it is used, and is heard as collapsed or expanded.
    """
    toggle = disclosure(parent, body=what)
    toggle.setObjectName("figures-toggle")
    toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toggle.setAutoRaise(True)
    toggle.setAccessibleName(f"{title}: {what}")

    def show(on: bool) -> None:
        if on or made():
            table().setVisible(on)
        toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        toggle.setText(f"Hide {what}" if on else f"Show {what}")

    toggle.toggled.connect(show)
    show(False)
    return toggle


def _replace(layout: QVBoxLayout, old: QWidget, new: QWidget) -> None:
    layout.replaceWidget(old, new)
    old.hide()
    old.deleteLater()
    new.show()


class PendingPicture(QWidget):
    """Where a chart goes until it is first in view: as tall as the chart will be, so that
    nothing moves when it is drawn, and named as the chart is (see StatsPage.draw_in_view)."""

    def __init__(self, name: str, low: int, high: int, parent: QWidget, wanted: int = -1) -> None:
        super().__init__(parent)
        self.setObjectName("chart-pending")
        self.setAccessibleName(name)
        self.setMinimumHeight(low)
        self.setMaximumHeight(high)
        self.wanted = wanted

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.wanted)


class ChartSection(QWidget):
    """A heading, the chart, and under it the same figures as a table that folds out."""

    def __init__(self, chart: Chart, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.chart = chart
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(chart.title, self, scale=1.2, bold=True))
        self.model = TableModel(chart.table, self)
        self._table: TableView | None = None  # made when first unfolded (figures_toggle)
        self._pending: PendingPicture | None = None
        if chart.has_data:
            # the chart is made when first in view (StatsPage.draw_in_view): as its heights
            name = f"{chart.title} (chart; the table beside it has the figures)"
            self._pending = PendingPicture(name, 220, 280, self)
            self._picture: QWidget = self._pending
        else:
            self._picture = plain_label(chart.empty, self, name="empty")
            self._picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._picture.setMinimumHeight(120)
        layout.addWidget(self._picture)
        self.note = plain_label(chart.note, self, name="lone-note")
        self.note.setVisible(bool(chart.note))
        layout.addWidget(self.note)
        what = "the figures as a table"
        self.toggle = figures_toggle(
            self, chart.title, what, lambda: self.table, lambda: self._table is not None
        )
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)

    @property
    def table(self) -> TableView:
        """The chart's figures as a table, under the fold-out; made when first asked for."""
        if self._table is None:
            self._table = TableView(self.model, f"{self.chart.title} (table)", self)
            self._table.setMinimumHeight(220)
            self._table.hide()  # folded until the toggle says otherwise
            self._layout.addWidget(self._table)
            # made last, it would be last in the Tab order too: it follows its toggle instead
            QWidget.setTabOrder(self.toggle, self._table)
        return self._table

    @property
    def pending(self) -> QWidget | None:
        """The stand-in while the chart is not made yet, else None."""
        return self._pending

    @property
    def picture(self) -> QWidget:
        """The chart (made now if it was not yet), or the words said instead of an empty one."""
        if self._pending is not None:
            # the charts load when a chart is first drawn
            from studyapp.ui.insight.charts import make_chart

            self._picture = make_chart(self.chart, self)
            _replace(self._layout, self._pending, self._picture)
            self._pending = None
        return self._picture


class ConfusionSection(QWidget):
    """Whose words the learner gives to whom; drills the questions behind the chosen lines."""

    drill = Signal(object)  # a SessionConfig

    def __init__(self, rows: list[Confusion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusions")
        self.rows = rows
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label("Who said it? Your mix-ups", self, scale=1.2, bold=True))
        if rows:
            hint = (
                "Each line is a speaker whose words you gave to someone else. Choose lines "
                "(or none, for all) and drill exactly those questions."
            )
        else:
            hint = "No mix-ups: every quote you have answered went to the right speaker."
        layout.addWidget(plain_label(hint, self, name="confusion-hint"))
        self.heat = confusion_heat(rows)
        self._picture: QWidget | None = None
        self._pending: PendingPicture | None = None
        if rows:
            # made when first in view, as a chart, and as tall as it will be
            from studyapp.ui.insight.charts import heat_height  # the charts load when drawn

            height = heat_height(self.heat, self.font())  # the map's font, inherited
            name = "Mix-ups as a heat map (the table below has the figures)"
            low, high = min(height, 200), max(height, 200)
            self._pending = PendingPicture(name, low, high, self, wanted=high)
            layout.addWidget(self._pending)
        self.model = TableModel(confusion_table(rows), self)
        self.list = TableView(self.model, "Mix-ups (list)", self)
        self.matrix_model = TableModel(confusion_matrix(rows), self)
        self._matrix: TableView | None = None  # made when first unfolded, as a chart's table
        self.list.setMinimumHeight(160)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        layout.addWidget(self.list)
        what = "the heat map's figures as a table"
        self.toggle = figures_toggle(
            self, "Mix-ups", what, lambda: self.matrix, lambda: self._matrix is not None
        )
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self._matrix_at = layout.count()  # where the matrix goes once made
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.button = QPushButton("&Drill these questions", self)
        self.button.setObjectName("drill")
        self.button.setEnabled(bool(rows))
        self.button.clicked.connect(self.request_drill)
        buttons.addWidget(self.button)
        layout.addLayout(buttons)
        self.list.selectionModel().selectionChanged.connect(self._label_button)
        self._label_button()

    @property
    def matrix(self) -> TableView:
        """The heat map's figures as a table, under its fold-out; made when first asked for."""
        if self._matrix is None:
            self._matrix = TableView(self.matrix_model, "Mix-ups (said by against chosen)", self)
            self._matrix.setMinimumHeight(160)
            self._matrix.hide()  # folded until the toggle says otherwise
            self._layout.insertWidget(self._matrix_at, self._matrix)
            QWidget.setTabOrder(self.toggle, self._matrix)  # as a chart's table
        return self._matrix

    @property
    def pending(self) -> QWidget | None:
        return self._pending

    @property
    def picture(self) -> QWidget | None:
        """The heat map (made now if it was not yet); None without mix-ups."""
        if self._pending is not None:
            # the charts load when a chart is first drawn
            from studyapp.ui.insight.charts import make_heat

            self._picture = make_heat(self.heat, self)
            _replace(self._layout, self._pending, self._picture)
            self._pending = None
        return self._picture

    def chosen(self) -> list[Confusion]:
        picked = self.list.selected_source_rows()
        return [self.rows[i] for i in picked] if picked else list(self.rows)

    def question_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for c in self.chosen() for q in c.questions))

    def _label_button(self, *_: object) -> None:
        n = len(self.question_ids())
        words = "&Drill this question" if n == 1 else f"&Drill these {n} questions"
        self.button.setText(words if n else "&Drill")

    def request_drill(self) -> None:
        ids = self.question_ids()
        if ids:
            self.drill.emit(SessionConfig(mode=Mode.PRACTICE, question_ids=ids))


class StatsPage(ProgressPage):
    """Standalone: give it the backend and the profile; connect `drill_requested`.

    The figures are worked out in worker threads (Backend.statistics_work, and the memory
    model's beside it) while the page shows a progress bar; `figures_ready` says when they are
    drawn. A new fit of the memory model, when one is due, starts only then (its section says
    it is fitting): it reads tens of thousands of answers in Python, and beside the charts'
    work it held the interpreter lock they need. `memory_fitted` says when it is shown.
    """

    NAME = "statistics"
    TITLE = "Statistics"
    drill_requested = Signal(object)  # a SessionConfig of the questions to drill
    charts_ready = Signal()  # the charts of the last refresh() are on the page
    figures_ready = Signal()  # and the memory section too: the page is complete
    every_chart_drawn = Signal()  # the charts below the fold too (see IDLE_DRAW_MS)
    memory_fitted = Signal()  # the opening's new fit of the memory model is shown (if one was due)

    # A chart below the fold is made when scrolled (or tabbed) into view, or this long after
    # the page is complete, one at a time, whichever comes first.
    IDLE_DRAW_MS = 150

    def build(self) -> None:
        self.sections: list[ChartSection] = []
        self.confusions: ConfusionSection | None = None
        self.all_drawn = False  # every chart made, below the fold too
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.draw_in_view())
        self.ready = False
        self.pool = QThreadPool(self)  # the page's own: destroying the page waits for its jobs
        self.pool.setMaxThreadCount(2)  # the figures and, beside them, the memory model
        self._jobs: list[Job] = []  # kept alive (and their signals) until the next refresh
        self._memory: Memory | None = None
        self._quotes: Mapping[str, Bank] | None = None
        self._round = 0
        self.refresh()

    def refresh(self) -> None:
        """Work the figures out again (after a session, or a profile switch)."""
        self.ready = self.all_drawn = False
        self.sections = []
        self.confusions = None
        clear_layout(self.column)
        heading = plain_label(f"Statistics — {self.profile}", self.inner, scale=1.5, bold=True)
        self.column.addWidget(heading)
        self.progress = QProgressBar(self.inner)
        self.progress.setObjectName("stats-progress")
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.progress.setFormat("Working out your statistics…")
        self.progress.setAccessibleName("Working out your statistics")
        self.column.addWidget(self.progress)
        self.column.addStretch(1)
        self._round += 1
        self._memory = self._quotes = None
        this = self._round
        job = Job(self.backend.statistics_work(self.profile, self.tz))
        job.signals.step.connect(lambda done, of, what: self._step(this, done, of, what))
        job.signals.done.connect(lambda stats: self._show(this, stats))
        job.signals.failed.connect(lambda why: self._failed(this, why))
        memory = Job(self.backend.memory_work(self.profile))
        memory.signals.done.connect(lambda found: self._memory_read(this, found))
        memory.signals.failed.connect(lambda why: self._failed(this, why))
        self._jobs = [job, memory]
        self.pool.start(job)
        self.pool.start(memory)

    def _memory_read(self, this: int, memory: Memory) -> None:
        if this == self._round:
            self._memory = memory
            self._show_memory(this)

    def _step(self, this: int, done: int, of: int, what: str) -> None:
        if this == self._round and not self.ready:
            self.progress.setRange(0, of)
            self.progress.setValue(done)
            self.progress.setFormat(f"{what}… (%v of %m)")

    def _failed(self, this: int, why: str) -> None:
        if this != self._round:
            return
        self.progress.hide()
        self.column.insertWidget(
            1,
            plain_label(
                f"The statistics could not be worked out: {why}", self.inner, name="failed"
            ),
        )
        self.ready = True
        self.figures_ready.emit()

    def _show(self, this: int, stats: Statistics) -> None:
        if this != self._round:
            return  # a later refresh() is on its way
        clear_layout(self.column)
        self.statistics = stats
        profile = self.profile
        heading = plain_label(f"Statistics — {profile}", self.inner, scale=1.5, bold=True)
        self.column.addWidget(heading)
        today = stats.today
        line = f"{counted(stats.total, 'answer')} in all. " + (
            f"Today: {today.answered} answered, {round(100 * (today.fraction_right or 0))} % right."
            if today.answered
            else "Nothing answered today yet."
        )
        self.summary = plain_label(line, self.inner, name="stats-summary")
        self.column.addWidget(self.summary)
        self.retention = plain_label(retention_sentence(stats.retention), self.inner)
        self.retention.setObjectName("retention")
        self.column.addWidget(self.retention)
        charts = (
            (reviews_chart(stats.days), "reviews"),
            (accuracy_chart(stats.days), "accuracy"),
            (forecast_chart(stats.forecast), "forecast"),
            (mastery_chart(stats.mastery), "mastery"),
        )
        self.sections = [ChartSection(chart, name, self.inner) for chart, name in charts]
        for section in self.sections:
            self.column.addWidget(section)
        self.confusions = ConfusionSection(list(stats.confusions), self.inner)
        self.confusions.drill.connect(self.drill_requested)
        self.column.addWidget(self.confusions)
        # The memory section waits for the memory model, read beside the figures (with the
        # leeches' banks, built to quote them); it says it is on its way meanwhile.
        self.memory_wait = QProgressBar(self.inner)
        self.memory_wait.setObjectName("memory-progress")
        self.memory_wait.setRange(0, 0)  # busy: how far it is is not known
        self.memory_wait.setFormat("Reading your memory model…")
        self.memory_wait.setAccessibleName("Reading your memory model")
        self.column.addWidget(self.memory_wait)
        self.column.addStretch(1)
        self._quotes = stats.quoted  # built beside the figures
        # The memory model is usually read by now: its section goes in before the page is laid
        # out, which then happens once (each pass works out every wrapped label's height).
        built = self._build_memory(this)
        self.draw_in_view()
        self.charts_ready.emit()
        if built:
            self._complete(this)

    def _show_memory(self, this: int) -> None:
        if self._build_memory(this):
            self._complete(this)

    def _build_memory(self, this: int) -> bool:
        """Put the memory section in place of its progress bar, once both the model and the
        figures are here; whether it did."""
        memory, quotes = self._memory, self._quotes
        if this != self._round or memory is None or quotes is None:
            return False  # the other half is on its way
        # the memory section, and the fitter it drives, load once the model is ready
        from studyapp.ui.insight.memory import MemorySection

        stats = self.statistics
        self.memory = MemorySection(
            memory.calibration,
            memory.model,
            list(stats.leeches),
            quotes,
            self.inner,
            store=self.backend.store,  # "Fit now" reads the answers and keeps the new model
            profile=self.profile,
            clock=self.clock,
        )
        self.memory.drill.connect(self.drill_requested)
        at = self.column.indexOf(self.memory_wait)
        self.column.insertWidget(at, self.memory)
        self.memory_wait.hide()
        self.memory_wait.deleteLater()
        return True

    def _complete(self, this: int) -> None:
        """Every figure is on the page: say so, draw the rest when idle, and fit if due."""
        memory = self._memory
        if memory is None:
            return  # not called before _build_memory has put its section in
        self.ready = True
        self.figures_ready.emit()
        QTimer.singleShot(self.IDLE_DRAW_MS, self, lambda: self._draw_one_more(this))
        if not memory.fit_due:
            return
        # Enough new answers to fit again: now that every figure is drawn (see the class's
        # docstring). The kept model is shown until the new one comes.
        self.memory.fitting()
        fit = Job(self.backend.refit_work(self.profile))
        fit.signals.done.connect(lambda model: self._fitted(this, model))
        fit.signals.failed.connect(lambda _why: self._fitted(this, memory.model))
        self._jobs.append(fit)
        self.pool.start(fit)

    def _fitted(self, this: int, model: MemoryModel | None) -> None:
        if this == self._round:
            self.memory.show_fitted(model)
            self.memory_fitted.emit()

    def _holders(self) -> list[ChartSection | ConfusionSection]:
        return [*self.sections, *([self.confusions] if self.confusions is not None else [])]

    def draw_in_view(self) -> None:
        """Make the charts any part of which is in the viewport (the others wait for it)."""
        waiting = [h for h in self._holders() if h.pending is not None]
        if not waiting:
            return
        # Sections just added have no place yet: lay the page out now, so that only what will
        # be seen is drawn (a frame of blank stand-ins would be seen).
        for holder in waiting:
            holder.show()  # now, not at the next turn of the event loop: hidden, it has no place
        for _ in range(3):  # the column's, the page's, then the scroll area's
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        view = self.viewport().rect()
        for holder in waiting:
            pending = holder.pending
            if pending is None:
                continue
            box = QRect(pending.mapTo(self.viewport(), QPoint(0, 0)), pending.size())
            if box.intersects(view):
                holder.picture  # noqa: B018 (made on first use)

    def _draw_one_more(self, this: int) -> None:
        if this != self._round:
            return
        waiting = [h for h in self._holders() if h.pending is not None]
        if waiting:
            waiting[0].picture  # noqa: B018 (made on first use)
        if len(waiting) > 1:
            # one per turn of the event loop: the window answers keys between them
            QTimer.singleShot(0, self, lambda: self._draw_one_more(this))
            return
        self.all_drawn = True
        self.every_chart_drawn.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.draw_in_view()  # a taller window shows more of the page

    def section(self, name: str) -> ChartSection:
        return next(s for s in self.sections if s.objectName() == name)

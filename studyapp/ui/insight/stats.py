"""The statistics page: answers per day, accuracy, the due forecast, mastery per tag, and the
speakers the learner confuses, with a button that drills exactly those questions.

Under every chart, a fold-out table holds the same figures. Charts (pyqtgraph) are made the
first time the page is built, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QThreadPool, Signal
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
        if chart.has_data:
            # the charts (pyqtgraph) load when a chart is first drawn
            from studyapp.ui.insight.charts import make_chart

            self.picture: QWidget = make_chart(chart, self)
        else:
            self.picture = plain_label(chart.empty, self, name="empty")
            self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.picture.setMinimumHeight(120)
        layout.addWidget(self.picture)
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

    def restyle(self) -> None:
        if self.chart.has_data:
            # the charts (pyqtgraph) load when a chart is first drawn
            from studyapp.ui.insight.charts import draw

            draw(self.picture, self.palette())

    def changeEvent(self, event: QEvent) -> None:
        # Each section redraws on its own palette change: a new app palette reaches widgets
        # one by one, and the page hearing of it first would draw with its sections' old one.
        if event.type() == QEvent.Type.PaletteChange:
            self.restyle()
        super().changeEvent(event)


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
        self.picture: QWidget | None = None
        if rows:
            # the charts (pyqtgraph) load when a chart is first drawn
            from studyapp.ui.insight.charts import make_heat

            self.picture = make_heat(self.heat, self)
            layout.addWidget(self.picture)
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

    def restyle(self) -> None:
        if self.picture is not None:
            # the charts (pyqtgraph) load when a chart is first drawn
            from studyapp.ui.insight.charts import draw_heat

            draw_heat(self.picture, self.palette())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # as ChartSection's
            self.restyle()
        super().changeEvent(event)

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

    The figures are worked out in a worker thread (Backend.statistics_work) while the page
    shows a progress bar; `figures_ready` says when they are drawn.
    """

    NAME = "statistics"
    TITLE = "Statistics"
    drill_requested = Signal(object)  # a SessionConfig of the questions to drill
    charts_ready = Signal()  # the charts of the last refresh() are on the page
    figures_ready = Signal()  # and the memory section too: the page is complete

    def build(self) -> None:
        self.sections: list[ChartSection] = []
        self.ready = False
        self.pool = QThreadPool(self)  # the page's own: destroying the page waits for its job
        self.pool.setMaxThreadCount(1)
        self._job: Job | None = None
        self._round = 0
        self.refresh()

    def refresh(self) -> None:
        """Work the figures out again (after a session, or a profile switch)."""
        self.ready = False
        self.sections = []
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
        job = Job(self.backend.statistics_work(self.profile, self.tz))
        this = self._round
        job.signals.step.connect(lambda done, of, what: self._step(this, done, of, what))
        job.signals.done.connect(lambda stats: self._show(this, stats))
        job.signals.failed.connect(lambda why: self._failed(this, why))
        self._job = job
        self.pool.start(job)

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
        line = f"{stats.total} answers in all. " + (
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
        # The memory model takes longest (a fit over up to tens of thousands of answers): the
        # charts are up meanwhile, and its section says it is on its way.
        self.memory_wait = QProgressBar(self.inner)
        self.memory_wait.setObjectName("memory-progress")
        self.memory_wait.setRange(0, 0)  # busy: a fit does not know how far it is
        self.memory_wait.setFormat("Fitting your memory model…")
        self.memory_wait.setAccessibleName("Fitting your memory model")
        self.column.addWidget(self.memory_wait)
        self.column.addStretch(1)
        self.charts_ready.emit()
        job = Job(self.backend.memory_work(profile, stats.leeches))
        job.signals.done.connect(lambda memory: self._show_memory(this, memory))
        job.signals.failed.connect(lambda why: self._failed(this, why))
        self._job = job
        self.pool.start(job)

    def _show_memory(self, this: int, memory: Memory) -> None:
        if this != self._round:
            return
        # the memory section, and the fitter it drives, load once the model is ready
        from studyapp.ui.insight.memory import MemorySection

        stats = self.statistics
        self.memory = MemorySection(
            memory.calibration,
            memory.model,
            list(stats.leeches),
            memory.leech_banks,
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
        self.ready = True
        self.figures_ready.emit()

    def section(self, name: str) -> ChartSection:
        return next(s for s in self.sections if s.objectName() == name)

"""The statistics page: answers per day, accuracy, the due forecast, mastery per tag, and the
speakers the learner confuses, with a button that drills exactly those questions.

Under every chart, a fold-out table holds the same figures. Charts (pyqtgraph) are made the
first time the page is built, never at start-up.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from studyapp.insight import figures
from studyapp.insight.views import Confusion, confusions
from studyapp.study import Mode, SessionConfig
from studyapp.ui.common.accessible import disclosure
from studyapp.ui.common.text import plain_label
from studyapp.ui.insight.page import ProgressPage
from studyapp.ui.insight.stats_items import (
    Chart,
    accuracy_chart,
    confusion_matrix,
    confusion_table,
    forecast_chart,
    mastery_chart,
    reviews_chart,
)
from studyapp.ui.insight.table_model import TableModel, TableView

DAYS = 30


def figures_toggle(parent: QWidget, title: str, what: str, table: QWidget) -> QToolButton:
    """A fold-out "Show the figures" under a chart: the table with the chart's own numbers.

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
        table.setVisible(on)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(chart.title, self, scale=1.2, bold=True))
        self.model = TableModel(chart.table, self)
        self.table = TableView(self.model, f"{chart.title} (table)", self)
        self.table.setMinimumHeight(220)
        if chart.has_data:
            from studyapp.ui.insight.charts import make_chart

            self.picture: QWidget = make_chart(chart, self)
        else:
            self.picture = plain_label(chart.empty, self, name="empty")
            self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.picture.setMinimumHeight(120)
        layout.addWidget(self.picture)
        self.toggle = figures_toggle(self, chart.title, "the figures as a table", self.table)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table)

    def restyle(self) -> None:
        if self.chart.has_data:
            from studyapp.ui.insight.charts import draw

            draw(self.picture, self.palette())


class ConfusionSection(QWidget):
    """Whose words the learner gives to whom; drills the questions behind the chosen lines."""

    drill = Signal(object)  # a SessionConfig

    def __init__(self, rows: list[Confusion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusions")
        self.rows = rows
        layout = QVBoxLayout(self)
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
        self.model = TableModel(confusion_table(rows), self)
        self.list = TableView(self.model, "Mix-ups (list)", self)
        self.matrix_model = TableModel(confusion_matrix(rows), self)
        self.matrix = TableView(self.matrix_model, "Mix-ups (said by against chosen)", self)
        for view in (self.list, self.matrix):
            view.setMinimumHeight(160)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        layout.addWidget(self.list)
        what = "who said it against whom you chose"
        self.toggle = figures_toggle(self, "Mix-ups", what, self.matrix)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.matrix)
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

    def chosen(self) -> list[Confusion]:
        picked = self.list.selected_source_rows()
        return [self.rows[i] for i in picked] if picked else list(self.rows)

    def question_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for c in self.chosen() for q in c.questions))

    def _label_button(self, *_: object) -> None:
        n = len(self.question_ids())
        self.button.setText(f"&Drill these {n} question{'s' if n != 1 else ''}" if n else "&Drill")

    def request_drill(self) -> None:
        ids = self.question_ids()
        if ids:
            self.drill.emit(SessionConfig(mode=Mode.PRACTICE, question_ids=ids))


class StatsPage(ProgressPage):
    """Standalone: give it the store, banks, profile and clock; connect `drill_requested`."""

    NAME = "statistics"
    TITLE = "Statistics"
    drill_requested = Signal(object)  # a SessionConfig of the questions to drill

    def build(self) -> None:
        self.sections: list[ChartSection] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (after a session, or a profile switch)."""
        from studyapp.ui.common.layout import clear_layout

        clear_layout(self.column)
        now = self.clock()
        tz = self.tz or now.astimezone().tzinfo or UTC  # astimezone() always names a zone
        store, profile = self.store, self.profile
        days = figures.reviews_per_day(store, profile, now, DAYS, tz)
        today = figures.today(store, profile, now, tz)
        heading = plain_label(f"Statistics — {profile}", self.inner, scale=1.5, bold=True)
        self.column.addWidget(heading)
        total = store.review_count(profile)
        line = f"{total} answers in all. " + (
            f"Today: {today.answered} answered, {round(100 * (today.fraction_right or 0))} % right."
            if today.answered
            else "Nothing answered today yet."
        )
        self.summary = plain_label(line, self.inner, name="stats-summary")
        self.column.addWidget(self.summary)
        charts = (
            (reviews_chart(days), "reviews"),
            (accuracy_chart(days), "accuracy"),
            (forecast_chart(figures.due_forecast(store, profile, now, DAYS, tz)), "forecast"),
            (
                mastery_chart(figures.tag_mastery(store, profile, self.banks.values(), now)),
                "mastery",
            ),
        )
        self.sections = [ChartSection(chart, name, self.inner) for chart, name in charts]
        for section in self.sections:
            self.column.addWidget(section)
        self.confusions = ConfusionSection(
            confusions(store, profile, self.banks.values()), self.inner
        )
        self.confusions.drill.connect(self.drill_requested)
        self.column.addWidget(self.confusions)
        from studyapp.insight import leeches
        from studyapp.study.memory import fit_due
        from studyapp.study.plan import calibration
        from studyapp.ui.insight.memory import MemorySection

        self.memory = MemorySection(
            calibration(store, profile),
            store.memory_model(profile),
            leeches(store, profile, self.banks.values()),
            self.banks,
            self.inner,
            store=store,
            profile=profile,
            clock=self.clock,
        )
        self.memory.drill.connect(self.drill_requested)
        if fit_due(store, profile):  # once enough answers exist, and again as more come
            self.memory.fit_now()
        self.column.addWidget(self.memory)
        self.column.addStretch(1)

    def section(self, name: str) -> ChartSection:
        return next(s for s in self.sections if s.objectName() == name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for section in self.sections:
                section.restyle()
        super().changeEvent(event)

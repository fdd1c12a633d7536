"""The statistics page on a real store after real sessions: charts, their tables, copying, and
drilling the speakers the learner confuses."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studyapp.model import Bank
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.insight.charts import ChartPicture
from studyapp.ui.insight.stats import StatsPage
from studyapp.ui.insight.table_model import TableView
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import backend_for, wait_ready

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def answer(store: Store, bank: Bank, clock: Clock, responses: dict[str, object]) -> None:
    config = SessionConfig(question_ids=tuple(responses))
    session = Session({bank.id: bank}, store, "ana", config, clock, random.Random(1))
    while (shown := session.current()) is not None:
        session.answer(responses[shown.question.id])
        clock.now += timedelta(seconds=20)
        session.advance()


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Store, dict[str, Bank], Clock]:
    clock = Clock()
    bank = make_bank("attribution", "multiple_choice", "true_false", "position_shift")
    store = Store.open(tmp_path / "progress.sqlite3", clock)
    answer(store, bank, clock, {"who-nato": "macron", "mc-minerals": "Grain"})
    clock.now += timedelta(days=1)
    answer(store, bank, clock, {"who-nato": "macron", "tf-troops": False, "mc-minerals": "Grain"})
    clock.now += timedelta(days=1)
    answer(store, bank, clock, {"who-nato": "starmer", "mc-minerals": "Mineral rights"})
    clock.now += timedelta(hours=2)
    yield store, {bank.id: bank}, clock
    store.close()


def open_page(qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]) -> StatsPage:
    store, banks, clock = seeded
    page = StatsPage(backend_for(store, banks, clock), "ana", tz=UTC)
    qtbot.addWidget(page)
    page.resize(900, 900)
    page.show()
    wait_ready(qtbot, page)  # the figures come from a worker
    return page


def test_one_answer_in_all_is_said_in_the_singular(qtbot: QtBot, tmp_path: Path) -> None:
    """The page's first line counted '1 answers in all' for a learner's first answer."""
    clock = Clock()
    bank = make_bank("attribution")
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        answer(store, bank, clock, {"who-nato": "trump"})
        page = open_page(qtbot, (store, {bank.id: bank}, clock))
        assert page.summary.text().startswith("1 answer in all. Today: 1 answered")
        page.close()


def test_every_chart_has_a_table_with_the_same_figures(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    page = open_page(qtbot, seeded)
    for name in ("reviews", "accuracy", "forecast", "mastery"):
        section = page.section(name)
        QAbstractItemModelTester(section.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        assert section.toggle.text() == "Show the figures as a table"
        assert section.table.isHidden()  # folded away until asked for
        assert section.picture.objectName() == "chart"
    reviews = page.section("reviews").model
    last = reviews.rowCount() - 1
    cells = [reviews.index(last - d, 1).data() for d in (2, 1, 0)]
    assert cells == ["2", "3", "2"]  # answers on each of the three days
    assert reviews.index(last, 3).data() == "50 %"
    assert reviews.index(last, 0).data() == "Wed 5 Mar"
    accuracy = page.section("accuracy").model
    assert accuracy.rowCount() == 3  # only days with answers
    assert [accuracy.index(r, 2).data() for r in range(3)] == ["0 %", "33 %", "50 %"]
    mastery = page.section("mastery").model
    assert [mastery.index(r, 0).data() for r in range(mastery.rowCount())] == ["demo"]
    assert mastery.index(0, 3).data() == "4"  # questions carrying the tag
    assert mastery.index(0, 2).data() == "3"  # seen
    assert "7 answers in all" in page.summary.text()


def test_the_table_sorts_and_copies_as_text(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    page = open_page(qtbot, seeded)
    section = page.section("reviews")
    section.toggle.click()
    assert section.table.isVisible()
    assert section.toggle.text() == "Hide the figures as a table"
    view = section.table
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.model().index(0, 1).data() == "3"
    view.selectRow(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == "Day\tAnswered\tRight\tAccuracy\nTue 4 Mar\t3\t1\t33 %\n"


def test_a_folded_table_is_made_when_first_unfolded_and_tab_reaches_it_next(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    page = open_page(qtbot, seeded)
    folds = [(page.section(n), "table") for n in ("reviews", "forecast", "mastery")]
    folds.append((page.confusions, "matrix"))
    for holder, _name in folds:
        # none made at opening: a table nobody unfolded costs the page nothing
        assert [v.objectName() for v in holder.findChildren(TableView)] in ([], ["Mix-ups (list)"])
    for holder, name in folds:
        holder.toggle.setFocus()
        qtbot.keyClick(holder.toggle, Qt.Key.Key_Space)  # unfolded from the keyboard
        view = getattr(holder, name)
        assert view.isVisible()
        assert holder.toggle.nextInFocusChain() is view  # Tab goes from its toggle to it
        source = view.model().sourceModel()
        assert source is (holder.model if name == "table" else holder.matrix_model)
        assert view.model().rowCount() == source.rowCount() > 0
        qtbot.keyClick(holder.toggle, Qt.Key.Key_Space)
        assert view.isHidden()
    mastery = page.section("mastery").table.model()
    assert [mastery.index(0, c).data() for c in (0, 2, 3)] == ["demo", "3", "4"]


def test_charts_below_the_fold_are_drawn_when_tabbed_or_scrolled_to(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StatsPage, "IDLE_DRAW_MS", 600_000)  # only what is seen is drawn
    store, banks, clock = seeded
    page = StatsPage(backend_for(store, banks, clock), "ana", tz=UTC)
    qtbot.addWidget(page)
    page.resize(900, 520)
    page.show()
    wait_ready(qtbot, page)
    assert page.section("reviews").pending is None  # in view: drawn with the page
    later = [page.section(n) for n in ("forecast", "mastery")]
    assert all(s.pending is not None for s in later)
    assert page.confusions is not None
    assert page.confusions.pending is not None
    heights = [s.pending.height() for s in later if s.pending is not None]
    # From the keyboard: Tab from the accuracy chart's toggle reaches the forecast's, which
    # scrolls it into view, and its chart is drawn, as tall as its stand-in was.
    accuracy = page.section("accuracy").toggle
    accuracy.setFocus()
    qtbot.keyClick(accuracy, Qt.Key.Key_Tab)
    assert page.focusWidget() is later[0].toggle
    qtbot.waitUntil(lambda: later[0].pending is None)
    assert later[0].picture.objectName() == "chart"
    assert later[0].picture.height() == heights[0]
    # Scrolled to the end: the rest are drawn.
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: later[1].pending is None and page.confusions.pending is None)
    assert page.confusions.picture is not None
    assert page.confusions.picture.objectName() == "heat-map"


def test_charts_below_the_fold_are_drawn_soon_after_without_scrolling(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    store, banks, clock = seeded
    page = StatsPage(backend_for(store, banks, clock), "ana", tz=UTC)
    qtbot.addWidget(page)
    page.resize(900, 520)
    with qtbot.waitSignal(page.every_chart_drawn, timeout=10_000):
        page.show()
    assert page.all_drawn
    assert all(s.pending is None for s in page.sections)
    assert [s.picture.objectName() for s in page.sections] == ["chart"] * 4
    assert page.confusions is not None
    assert page.confusions.pending is None


def test_confusions_in_words_and_the_drill_button(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    page = open_page(qtbot, seeded)
    section = page.confusions
    QAbstractItemModelTester(section.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(
        section.matrix_model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    lines = [section.model.index(r, 0).data() for r in range(section.model.rowCount())]
    assert lines == [
        "You attribute Donald Trump’s words to Emmanuel Macron (2 times)",
        "You attribute Donald Trump’s words to Keir Starmer (once)",
    ]
    matrix = section.matrix_model
    assert [matrix.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Said by ↓ / you chose →",
        "Emmanuel Macron",
        "Keir Starmer",
    ]
    assert [matrix.index(0, c).data() for c in range(3)] == ["Donald Trump", "2", "1"]
    assert section.button.text() == "&Drill this question"
    section.list.selectionModel().select(
        section.list.model().index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(page.drill_requested) as signal:
        qtbot.mouseClick(section.button, Qt.MouseButton.LeftButton)
    config = signal.args[0]
    assert isinstance(config, SessionConfig)
    assert (config.mode, config.question_ids) == ("practice", ("demo/who-nato",))


def test_a_learner_with_no_answers_sees_words_not_empty_charts(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = Clock()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = StatsPage(backend_for(store, {"demo": make_bank()}, clock), "ben", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)  # the figures come from a worker
        picture = page.section("reviews").picture
        assert isinstance(picture, QLabel)
        assert picture.text() == "No answers in the last 30 days yet."
        assert not page.confusions.button.isEnabled()
        assert page.confusions.model.rowCount() == 0


def test_opening_the_app_does_not_import_the_chart_library() -> None:
    code = (
        "import sys; import studyapp.ui.window, studyapp.ui.insight.stats;"
        "print('studyapp.ui.insight.charts' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_every_answer_wrong_still_draws_accuracy_at_zero(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank("multiple_choice", "true_false")
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        answer(store, bank, clock, {"mc-minerals": "Grain", "tf-troops": True})
        page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)  # the figures come from a worker
        picture = page.section("accuracy").picture
        assert not isinstance(picture, QLabel), picture.text()
        assert page.section("accuracy").model.rowCount() == 1


def test_value_axes_step_by_whole_numbers_with_room_above_the_top_label(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    page = open_page(qtbot, seeded)
    for name, top in (("reviews", 3.0), ("accuracy", 100.0)):
        picture = page.section(name).picture
        assert isinstance(picture, ChartPicture)
        area = picture.plot_area()
        # The top figure's label is centred on its tick: half a line of room keeps it whole,
        # inside the chart, not cut by its edge.
        line = QFontMetrics(picture.font()).height()
        room = picture.value_at(top, area) - picture.value_at(picture.upper, area)
        assert room >= line / 2
        assert picture.value_at(top, area) - line / 2 >= 0
        ticks = picture.value_ticks()
        assert ticks
        assert all(float(v).is_integer() for v in ticks)
        assert max(ticks) == top
        assert picture.height() <= 280


def test_leeches_are_shown_with_evidence_and_offered_for_practice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from dataclasses import replace

    clock = Clock()
    plain = make_bank("attribution", "multiple_choice", "true_false", "position_shift")
    passage = "The US sought rights to Ukraine's minerals in return for its aid."
    bank = replace(
        plain,
        questions=tuple(
            replace(q, evidence=(passage,)) if q.id == "mc-minerals" else q for q in plain.questions
        ),
    )
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        answer(store, bank, clock, {"mc-minerals": "Mineral rights"})
        # Each day: remembered after the first study, then forgotten; a lapse each time.
        for _ in range(9):
            clock.now += timedelta(days=3)
            answer(store, bank, clock, {"mc-minerals": "Mineral rights"})
            clock.now += timedelta(days=3)
            answer(store, bank, clock, {"mc-minerals": "Grain"})
        card = store.card("ana", bank.id, "mc-minerals")
        assert card is not None
        assert card.state.lapses >= 8
        page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)  # the figures come from a worker
        texts = [label.text() for label in page.memory.findChildren(QLabel)]
        question = bank.question("mc-minerals")
        assert question is not None
        assert any(t.startswith(question.prompt) and "forgotten" in t for t in texts)  # type: ignore[attr-defined]
        assert f"From the article: {passage}" in texts
        assert any("fit FSRS's predictions" in t or "Log-loss" in t for t in texts)
        with qtbot.waitSignal(page.drill_requested) as signal:
            qtbot.mouseClick(page.memory.button, Qt.MouseButton.LeftButton)
        assert signal.args[0].question_ids == ("demo/mc-minerals",)


def test_the_fitted_memory_model_and_its_log_loss_are_shown(
    qtbot: QtBot, seeded: tuple[Store, dict[str, Bank], Clock]
) -> None:
    from studyapp.scheduler.fit import MemoryModel

    store, _, clock = seeded
    page = open_page(qtbot, seeded)
    [before] = [w.text() for w in page.memory.findChildren(QLabel, "memory-fitted")]
    assert before.startswith("After 400 answers given a day or more apart")
    # A fit kept with the profile (fitting one takes hundreds of answers: see
    # test_memory_fit.py); fewer than 200 answers since, so the page shows it as kept.
    model = MemoryModel(tuple(0.5 for _ in range(21)), 512, 0.4321, 0.3012, clock())
    store.save_memory_model("ana", model)
    page = open_page(qtbot, seeded)
    [after] = [w.text() for w in page.memory.findChildren(QLabel, "memory-fitted")]
    assert after == (
        "FSRS's optimiser fitted all of its parameters to your 512 answers given a day or "
        "more apart: log-loss 0.432 with its defaults, 0.301 fitted."
    )


def test_the_memory_model_is_fitted_off_the_gui_thread_on_opening_and_on_request(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pytest.importorskip("fsrs_rs_python")
    from tests.test_memory_fit import _fill, _learner

    clock = Clock()
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        answers = _learner(0.3, 200, random.Random(5))  # a fast forgetter, 1,000 answers
        _fill(store, answers)
        clock.now = answers[-1][1] + timedelta(hours=1)
        assert store.memory_model("ana") is None
        page = StatsPage(backend_for(store, {}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        # Enough answers: the page is drawn with the model as kept (none yet) and says it is
        # fitting; then the fit runs on a worker and its model is shown.
        with qtbot.waitSignal(page.figures_ready, timeout=60_000):
            page.show()
        [label] = page.memory.findChildren(QLabel, "memory-fitted")
        with qtbot.waitSignal(page.memory_fitted, timeout=60_000):
            assert label.text() == "Fitting FSRS's parameters to your answers…"
            assert not page.memory.fit_button.isEnabled()  # one fit at a time
        first = store.memory_model("ana")
        assert first is not None
        assert first.log_loss_fitted < first.log_loss_default
        [label] = page.memory.findChildren(QLabel, "memory-fitted")
        assert label.text().startswith("FSRS's optimiser fitted all of its parameters")
        assert f"{first.log_loss_fitted:.3f} fitted" in label.text()
        # "Fit now" fits again at once, though no new answers came.
        clock.now += timedelta(days=1)
        assert page.memory.fit_button.isEnabled()
        on_the_window = []  # what the window's own connection runs meanwhile
        store._db.set_trace_callback(on_the_window.append)
        with qtbot.waitSignal(page.memory.fitted, timeout=60_000):
            qtbot.mouseClick(page.memory.fit_button, Qt.MouseButton.LeftButton)
            assert not page.memory.fit_button.isEnabled()  # one fit at a time
        store._db.set_trace_callback(None)
        # The answers were read on the fit's thread, through a connection of its own.
        assert not [sql for sql in on_the_window if "FROM reviews" in sql]
        assert any("UPDATE profiles SET memory_model" in sql for sql in on_the_window)
        again = store.memory_model("ana")
        assert again is not None
        assert again.fitted_at == clock.now
        assert page.memory.fit_button.isEnabled()


SIXTEEN = (
    "Alexandria Ocasio-Cortez",
    "Volodymyr Zelenskyy",
    "Emmanuel Macron",
    "Keir Starmer",
    "Olaf Scholz",
    "Giorgia Meloni",
    "Donald Trump",
    "Joe Biden",
    "Ursula von der Leyen",
    "Mark Rutte",
    "Recep Tayyip Erdoğan",
    "Viktor Orbán",
    "Pedro Sánchez",
    "Justin Trudeau",
    "Anthony Albanese",
    "Narendra Modi",
)


def test_the_heat_maps_column_names_stay_readable_with_many_speakers(qtbot: QtBot) -> None:
    """With 16 speakers the columns were named 'Al…', 'An…', 'Do…': past what fits side by
    side the names stand upright, each whole (up to a band's height), and a tooltip names a
    cell's speaker and pick in full."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QFontMetricsF

    from studyapp.insight.views import Confusion
    from studyapp.ui.common.text import plain_tip
    from studyapp.ui.insight.charts import (
        NAME_BAND,
        HeatPicture,
        heat_height,
        heat_names_upright,
    )
    from studyapp.ui.insight.stats_items import confusion_heat

    rows = [
        Confusion(s, s, c, c, 1 + (i + j) % 4, ())
        for i, s in enumerate(SIXTEEN)
        for j, c in enumerate(SIXTEEN)
        if c != s and (i + j) % 5 == 0
    ]
    heat = confusion_heat(rows)
    assert len(heat.columns) == 16
    picture = HeatPicture(heat)
    qtbot.addWidget(picture)
    picture.resize(720, picture.sizeHint().height())
    picture.show()
    assert heat_names_upright(heat, picture.font())
    assert picture.height() == heat_height(heat, picture.font())
    metrics = QFontMetricsF(picture.font())
    assert all(metrics.horizontalAdvance(n) + 4 <= NAME_BAND for n in heat.columns)
    area = picture.cells_area()
    # The names' band under the cells is as tall as the longest name, and fits in the map.
    widest = max(metrics.horizontalAdvance(n) for n in heat.columns)
    assert picture.height() - area.bottom() >= widest
    w = area.width() / 16
    h = area.height() / len(heat.rows)
    r, c = 0, heat.columns.index("Ursula von der Leyen")
    cell = QPoint(int(area.left() + (c + 0.5) * w), int(area.top() + (r + 0.5) * h))
    n = heat.counts[r][c]
    said = {0: "never", 1: "once"}.get(n, f"{n} times")
    expected = f"Said by {heat.rows[0]}; you chose Ursula von der Leyen: {said}"
    assert picture.tip_at(cell.x(), cell.y()) == expected
    under = QPoint(cell.x(), int(area.bottom() + 40))
    assert picture.tip_at(under.x(), under.y()) == "Ursula von der Leyen"
    qtbot.mouseMove(picture, under)
    assert picture.toolTip() == plain_tip("Ursula von der Leyen")  # as plain text, not markup
    qtbot.mouseMove(picture, cell)
    assert picture.toolTip() == plain_tip(expected)

    # A few short names still sit side by side, under their columns.
    few = confusion_heat([Confusion("a", "Ana", "b", "Ben", 2, ())])
    assert not heat_names_upright(few, picture.font())

"""The statistics page through the backend: figures worked out in a worker thread from the
banks' infos (no question built), delivered by signal, and the figures added for issue 15:
recall achieved, the mix-ups as a heat map, and a word under a chart of one point."""

from __future__ import annotations

import threading
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QProgressBar
from pytestqt.qtbot import QtBot

from studyapp.insight import figures
from studyapp.insight.statistics import gather
from studyapp.insight.views import confusions
from studyapp.model import Bank
from studyapp.paths import Paths
from studyapp.progress import Store
from studyapp.ui.backend import Backend
from studyapp.ui.common import theme
from studyapp.ui.insight.stats import StatsPage
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import backend_for, wait_ready
from tests.ui.test_stats_page import Clock, answer  # one clock and answer helper


def seed(store: Store, bank: Bank, clock: Clock) -> None:
    answer(store, bank, clock, {"who-nato": "macron", "mc-minerals": "Grain"})
    clock.now += timedelta(days=1)
    answer(store, bank, clock, {"who-nato": "macron", "tf-troops": False})
    clock.now += timedelta(days=2)
    answer(store, bank, clock, {"who-nato": "starmer", "mc-minerals": "Mineral rights"})


BANK_YAML = """\
studyapp: 1
id: demo
title: Demo bank
tags: [demo]
actors:
  trump: {name: Donald Trump}
  macron: {name: Emmanuel Macron}
  starmer: {name: Keir Starmer}
questions:
  - id: who-nato
    type: attribution
    quote: "NATO membership for Ukraine is off the table."
    speaker: trump
    distractors: [macron, starmer]
    tags: [nato]
  - id: tf-troops
    type: true_false
    statement: The US will send troops to guarantee a ceasefire.
    answer: false
  - id: mc-minerals
    type: multiple_choice
    prompt: What did the US seek in return for its aid?
    choices: [Mineral rights, Grain, Bases]
    answer: Mineral rights
    tags: [deal]
"""


def disk_backend(tmp_path: Path, clock: Clock) -> Backend:
    """A backend as the app has it: the bank listed from a file, its questions not built."""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "demo.yaml").write_text(BANK_YAML, encoding="utf-8")
    paths = Paths(tmp_path / "data", tmp_path / "config", tmp_path / "cache", tmp_path / "logs")
    backend = Backend(paths, [folder], clock, bundled=False)
    backend.load()
    backend.finish_pending()
    return backend


def test_the_page_opens_at_once_and_the_figures_arrive_from_a_worker(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = Clock()
    backend = disk_backend(tmp_path, clock)
    bank = backend.banks["demo"]
    seed(backend.store, bank, clock)
    backend.banks = {}  # a new start: listed, nothing built
    backend.load()
    assert backend.banks.built() == {}
    threads: list[threading.Thread] = []
    work = backend.statistics_work

    def spy(profile: str, tz: object = None) -> object:
        inner = work(profile, tz)  # type: ignore[arg-type]

        def run(step: object) -> object:
            threads.append(threading.current_thread())
            return inner(step)  # type: ignore[arg-type]

        return run

    backend.statistics_work = spy  # type: ignore[method-assign]
    page = StatsPage(backend, "ana", tz=UTC)
    qtbot.addWidget(page)
    assert not page.ready  # the constructor does not wait for the figures
    bar = page.findChild(QProgressBar, "stats-progress")
    assert bar is not None
    with qtbot.waitSignal(page.figures_ready, timeout=10_000):
        page.show()
    assert threads
    assert threads[0] is not threading.main_thread()
    assert not [b for b in page.findChildren(QProgressBar) if b.isVisible()]  # figures instead
    assert "6 answers in all" in page.summary.text()  # 2 + 2 + 2 in seed()
    lines = [page.confusions.model.index(r, 0).data() for r in range(3)]
    assert lines[:2] == [
        "You attribute Donald Trump’s words to Emmanuel Macron (2 times)",
        "You attribute Donald Trump’s words to Keir Starmer (once)",
    ]
    mastery = page.section("mastery").model
    tags = [mastery.index(r, 0).data() for r in range(mastery.rowCount())]
    assert tags == ["deal", "demo", "nato"]
    # Every figure came from the bank's info: not one question was built for them.
    assert backend.banks.built() == {}
    backend.close()


def test_the_figures_agree_with_the_question_by_question_ones(tmp_path: Path) -> None:
    clock = Clock()
    backend = disk_backend(tmp_path, clock)
    bank = backend.banks["demo"]
    store = backend.store
    seed(store, bank, clock)
    clock.now += timedelta(hours=1)
    now = clock()
    stats = gather(store, "ana", backend.infos.values(), now, UTC)
    assert stats.mastery == figures.tag_mastery(store, "ana", [bank], now)
    assert list(stats.confusions) == confusions(store, "ana", [bank])
    assert list(stats.days) == figures.reviews_per_day(store, "ana", now, 30, UTC)
    assert list(stats.forecast) == figures.due_forecast(store, "ana", now, 30, UTC)
    assert stats.total == store.review_count("ana") == 6
    backend.close()


def test_recall_achieved_counts_only_answers_given_a_day_or_more_later(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = Clock()
    bank = make_bank("true_false", "multiple_choice")
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        # tf-troops: right, then right 2 days later, then wrong 2 days after that (2 tests);
        # mc-minerals: right, wrong a minute later (same sitting: no test), right 3 days on.
        answer(store, bank, clock, {"tf-troops": False, "mc-minerals": "Mineral rights"})
        answer(store, bank, clock, {"mc-minerals": "Grain"})
        clock.now += timedelta(days=2)
        answer(store, bank, clock, {"tf-troops": False})
        clock.now += timedelta(days=1)
        answer(store, bank, clock, {"mc-minerals": "Mineral rights"})
        clock.now += timedelta(days=1)
        answer(store, bank, clock, {"tf-troops": True})
        page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)
        assert page.statistics.retention.tests == 3
        assert page.statistics.retention.right == 2
        assert page.retention.text() == (
            "Recall achieved over the last 30 days: 67 % right of 3 questions answered a day "
            "or more after you last saw them (your schedule aims for 90 %)."
        )


def test_a_chart_of_one_point_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank("multiple_choice", "true_false")
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        answer(store, bank, clock, {"mc-minerals": "Grain", "tf-troops": False})
        page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)
        accuracy = page.section("accuracy")
        assert accuracy.note.isVisible()
        assert accuracy.note.text().startswith("One point only: Mon 3 Mar is the only day")
        assert page.section("reviews").note.text() == (
            "One bar only: all your answers of the last 30 days were given on Mon 3 Mar."
        )
        mastery = page.section("mastery")
        assert mastery.note.text() == "One bar only: demo is the only tag in the loaded banks."
        # Once a second day has answers, the line needs no word.
        clock.now += timedelta(days=1)
        answer(store, bank, clock, {"tf-troops": False})
        page.refresh()
        wait_ready(qtbot, page)
        assert not page.section("accuracy").note.isVisible()


@pytest.mark.parametrize("dark", [False, True])
def test_the_mix_ups_are_a_heat_map_whose_counts_read_in_both_themes(
    qtbot: QtBot, tmp_path: Path, dark: bool
) -> None:
    from studyapp.ui.insight.charts import contrast, heat_colours

    clock = Clock()
    bank = make_bank("attribution", "multiple_choice", "true_false")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        seed(store, bank, clock)
        page = StatsPage(backend_for(store, {bank.id: bank}, clock), "ana", tz=UTC)
        qtbot.addWidget(page)
        page.show()
        wait_ready(qtbot, page)
        try:
            theme.apply(app, "light" if dark else "dark")
            QApplication.processEvents()
            theme.apply(app, "dark" if dark else "light")  # a live switch, after the page is up
            QApplication.processEvents()  # the new palette reaches each widget by event
            heat = page.confusions.heat
            assert heat.rows == ("Donald Trump",)
            assert heat.columns == ("Emmanuel Macron", "Keir Starmer")
            assert heat.counts == ((2, 1),)
            assert page.confusions.picture is not None
            assert page.confusions.picture.objectName() == "heat-map"
            palette = page.confusions.picture.palette()
            cells = heat_colours(heat, palette)
            (most, _ink), (fewer, _) = cells[0]
            base = palette.color(QPalette.ColorRole.Base)
            # The most frequent mix-up is the strongest fill, and each count reads on its fill.
            assert contrast(most, base) > contrast(fewer, base) > 1.0
            assert all(contrast(fill, ink) >= 4.5 for row in cells for fill, ink in row)
            # Every picture follows the switch: the heat map and each chart.
            now = app.palette().color(QPalette.ColorRole.Base)
            assert theme.is_dark(app.palette()) is dark
            assert page.confusions.picture.backgroundBrush().color() == base == now
            for section in page.sections:
                assert section.picture.backgroundBrush().color() == now, section.objectName()
        finally:
            theme.apply(app, "system")


def test_the_insight_menu_changes_the_sources_only_through_the_backend(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data", tmp_path / "config", tmp_path / "cache", tmp_path / "logs")
    given = tmp_path / "given"
    backend = Backend(paths, [given], bundled=False)
    assert backend.set_folders([tmp_path / "a", given]) is True
    assert backend.sources == [given, tmp_path / "a"]  # a folder already given is not doubled
    assert backend.set_folders([tmp_path / "b"]) is True
    assert backend.sources == [given, tmp_path / "b"]  # the old extra folder left
    assert backend.set_folders([tmp_path / "b"]) is False


def test_the_memory_model_is_fitted_beside_the_charts_figures(qtbot: QtBot, tmp_path: Path) -> None:
    """The fit needs none of the charts' figures: it runs in a second worker while they are
    worked out, not after them (at 100,000 answers each takes a few hundred ms)."""
    clock = Clock()
    backend = disk_backend(tmp_path, clock)
    seed(backend.store, backend.banks["demo"], clock)
    fitting = threading.Event()
    fit_work, statistics_work = backend.fit_work, backend.statistics_work

    def fit_spy(profile: str) -> object:
        inner = fit_work(profile)

        def run(step: object) -> object:
            fitting.set()
            return inner(step)  # type: ignore[arg-type]

        return run

    def statistics_spy(profile: str, tz: object = None) -> object:
        inner = statistics_work(profile, tz)  # type: ignore[arg-type]

        def run(step: object) -> object:
            assert fitting.wait(10), "the fit waited for the charts' figures"
            return inner(step)  # type: ignore[arg-type]

        return run

    backend.fit_work = fit_spy  # type: ignore[method-assign]
    backend.statistics_work = statistics_spy  # type: ignore[method-assign]
    page = StatsPage(backend, "ana", tz=UTC)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.figures_ready, timeout=20_000):
        page.show()
    assert page.memory is not None  # the memory section came after both
    assert "6 answers in all" in page.summary.text()
    backend.close()

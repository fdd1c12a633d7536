"""The positions timeline as a timeline: the three test banks of one story (tests/data/timeline,
made-up articles marked as fixtures) on ONE axis to scale in the articles' dates, a stance told
by two banks as one point, each point with its evidence, source and mastery, reached by keys;
and opening the page builds only the banks whose info counts positions."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from studyapp.bank import catalogue
from studyapp.bank.catalogue import Shelf
from studyapp.bank.info import info_from_data, info_of, info_to_data
from studyapp.bank.loader import load_one
from studyapp.model import Bank
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.common import theme
from studyapp.ui.insight.timeline import TimelinePage
from studyapp.ui.timeline_track import ArticleAxis, TrackView
from tests.ui.insight_helpers import backend_for

STORY = Path(__file__).parent.parent / "data" / "timeline"
NOW = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def story_banks() -> dict[str, Bank]:
    out = {}
    for name in ("bridge-june", "bridge-march", "bridge-april"):  # not in date order
        bank = load_one(STORY / f"{name}.yaml", None).bank
        assert bank is not None
        out[bank.id] = bank
    return out


def shown_tracks(page: TimelinePage) -> list[TrackView]:
    return [t for t in page.content.findChildren(TrackView) if t.isVisible()]


def open_story(qtbot: QtBot, store: Store) -> TimelinePage:
    page = TimelinePage(backend_for(store, story_banks(), clock), "ana")  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    assert page.chooser.itemText(0) == "Story: lowmere-bridge (3 articles)"
    page.chooser.setCurrentIndex(0)
    qtbot.wait(10)
    return page


def test_every_track_of_the_story_shares_one_axis_to_scale(qtbot: QtBot, tmp_path: Path) -> None:
    # 4 March to 15 April is 42 days, to 10 June 98 (by hand: 27 + 15; 15 + 31 + 10 more).
    april = 42 / 98
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_story(qtbot, store)
        [axis] = [a for a in page.content.findChildren(ArticleAxis) if a.isVisible()]
        assert [(t.date, round(t.at, 4)) for t in axis.ticks] == [
            ("2024-03-04", 0.0),
            ("2024-04-15", round(april, 4)),
            ("2024-06-10", 1.0),
        ]
        assert "2024-06-10: هيئة ميناء لومير تتخلى عن رسوم الجسر" in axis.accessibleDescription()
        ellis, port = shown_tracks(page)
        assert ellis.track.actor_name == "Mara Ellis"
        # Named as the earliest bank names it, though the June bank spells it in Arabic.
        assert port.track.actor_name == "Lowmere Port Authority"
        # Stated in March and recalled by April's move: one point, the March article's words.
        assert [(p.date, p.stance, p.later) for p in ellis.track.points] == [
            ("2024-03-04", "Opposes any toll", False),
            ("2024-04-15", "Backs a toll for lorries only", True),
        ]
        first = ellis.track.points[0]
        assert not first.implied
        assert first.source == "Lowmere council debates a toll for the new river bridge"
        # The same day sits at the same place on every track.
        at = {(p.date, round(p.at, 6)) for t in (ellis, port) for p in t.track.points}
        assert at == {
            ("2024-03-04", 0.0),
            ("2024-04-15", round(april, 6)),
            ("2024-06-10", 1.0),
        }
        # The port authority's track runs through all three articles, in two scripts.
        assert [p.stance for p in port.track.points] == [
            "Supports a toll",
            "Supports a toll for every vehicle",
            "تدعم رسوم العبور",
            "تعارض أي رسوم",
        ]
        note = page.content.findChild(QLabel, "axis-note").text()
        assert note.startswith("To scale in time, 2024-03-04 to 2024-06-10")


def test_keys_walk_the_points_and_the_tracks_with_evidence_and_mastery(
    qtbot: QtBot, tmp_path: Path
) -> None:
    banks = story_banks()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        Session(
            {"bridge-april": banks["bridge-april"]},
            store,
            "ana",
            SessionConfig(question_ids=("shift-ellis-toll",)),
            clock,
            random.Random(1),
        ).answer(("Opposes any toll", "Backs a toll for lorries only"))
        page = open_story(qtbot, store)
        ellis, port = shown_tracks(page)
        ellis.setFocus()
        detail = ellis.findChild(QLabel, "point")
        evidence = ellis.findChild(QLabel, "point-evidence")
        assert detail.text() == (
            "2 of 2 · 2024-04-15 · In April: Backs a toll for lorries only — "
            "Ellis now backs a lorry toll on Lowmere bridge"
        )
        assert evidence.text() == (
            "✓ mastered · From the article: Councillor Mara Ellis reversed course and now backs "
            "a toll on the river bridge for lorries only."
        )
        qtbot.keyClick(ellis, Qt.Key.Key_Left)
        assert detail.text().startswith("1 of 2 · 2024-03-04 · In March: Opposes any toll")
        assert evidence.text().endswith("she opposes any toll on the new river bridge.")
        # Down: the next track, at its point nearest in time (4 March: the port's first).
        qtbot.keyClick(ellis, Qt.Key.Key_Down)
        assert port.hasFocus()
        port_detail = port.findChild(QLabel, "point")
        assert port_detail.text().startswith("1 of 4 · 2024-03-04 · In March: Supports a toll")
        assert port.findChild(QLabel, "point-evidence").text().startswith("stated, not asked")
        qtbot.keyClick(port, Qt.Key.Key_End)
        assert port_detail.text().startswith("4 of 4 · 2024-06-10 · في حزيران: تعارض أي رسوم")
        assert port.findChild(QLabel, "point-evidence").text().startswith("○ not studied")
        qtbot.keyClick(port, Qt.Key.Key_Up)
        assert ellis.hasFocus()
        assert detail.text().startswith("2 of 2")


def test_right_to_left_the_axis_runs_from_the_right(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_story(qtbot, store)
        _, port = shown_tracks(page)
        port.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        early = port.axis.x_of(0.0)
        late = port.axis.x_of(1.0)
        assert early > late
        port.setFocus()
        port.choose(0)
        qtbot.keyClick(port, Qt.Key.Key_Left)  # later lies to the left
        assert port.index == 1


def test_the_bank_info_counts_positions_and_keeps_them_in_the_cache() -> None:
    banks = story_banks()
    # march: one stance on each of two positions; april: 2 + 1 stances and a shift; june: 2 + 1.
    counts = {b: info_of(bank).positions for b, bank in banks.items()}
    assert counts == {"bridge-march": 2, "bridge-april": 4, "bridge-june": 3}
    info = info_of(banks["bridge-june"])
    again = info_from_data(info_to_data(info), info.path)
    assert (again.positions, again.story) == (3, "lowmere-bridge")


def test_opening_the_timeline_builds_only_banks_with_positions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "studyapp: 1\nid: plain\ntitle: No positions here\nquestions:\n"
        "  - id: q\n    type: multiple_choice\n    prompt: Which is a colour?\n"
        "    choices: [Red, Seven, Tuesday]\n    answer: Red\n",
        encoding="utf-8",
    )
    files = [plain, *(STORY / f"bridge-{m}.yaml" for m in ("march", "april", "june"))]
    infos = {}
    for path in files:
        bank = load_one(path, None).bank
        assert bank is not None
        infos[bank.id] = info_of(bank)
    built: list[str] = []
    real = catalogue.load_one

    def counting(path: Path, cache_dir: object, item_checks: bool = False) -> object:
        built.append(path.stem)
        return real(path, None)

    monkeypatch.setattr(catalogue, "load_one", counting)
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        backend = backend_for(store, {}, clock)
        backend.infos = infos
        backend._shelf = Shelf(infos, None)
        page = TimelinePage(backend, "ana")
        qtbot.addWidget(page)
        assert sorted(built) == ["bridge-april", "bridge-june", "bridge-march"]
        assert page.chooser.itemText(0) == "Story: lowmere-bridge (3 articles)"


def test_the_story_fits_a_small_window_across(qtbot: QtBot, tmp_path: Path) -> None:
    # The page window at 800x600 is 720 px wide: nothing may reach past its viewport, where
    # the horizontal scroll bar is off (the last date and the Save PNG button were cut).
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_story(qtbot, store)
        page.resize(700, 500)
        qtbot.wait(20)
        room = page.viewport().width()
        assert page.widget().minimumSizeHint().width() <= room
        [axis] = [a for a in page.content.findChildren(ArticleAxis) if a.isVisible()]
        right = axis.mapTo(page.viewport(), axis.rect().topRight()).x()
        assert right <= room


def test_the_printout_holds_the_axis_drawn_for_paper_and_in_words(
    qtbot: QtBot, tmp_path: Path, restore_theme: None
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QTextDocument

    from studyapp.ui.insight.timeline import AXIS_PICTURE

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, "dark")
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_story(qtbot, store)
        doc = page.document()
        picture = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(AXIS_PICTURE))
        corner = QColor(picture.pixel(picture.width() - 3, 3))  # beyond the note's end
        assert corner.lightnessF() > 0.9  # paper, though the screen is dark
        text = doc.toPlainText()
        assert "On the time axis" in text
        assert "◆ 2024-06-10 · في حزيران: تعارض أي رسوم" in text
        assert text.index("● 2024-03-04 · In March: Supports a toll") < text.index(
            "● 2024-04-15 · In April: Supports a toll for every vehicle"
        )
        assert "On the time axis" in page.text()
        page.save_pdf(tmp_path / "t.pdf")
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF-")

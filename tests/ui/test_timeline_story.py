"""A story told by several banks: the timeline offers it, follows each actor's stance on each
issue from article to article in the order of the articles' dates, and says of each move when
and where it was reported, on screen and in the copy."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studyapp.insight.views import stories, story_rows
from studyapp.model import Bank, PositionShift, Source, Stance
from studyapp.progress import Store
from studyapp.ui.insight.timeline import ShiftCard, TimelinePage
from tests.ui.conftest import QUESTIONS, make_bank
from tests.ui.insight_helpers import backend_for

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def _story() -> dict[str, Bank]:
    shift = QUESTIONS["position_shift"]
    assert isinstance(shift, PositionShift)
    later = dataclasses.replace(
        shift,
        id="shift-nato-later",
        before=Stance("In February", "ruled membership out"),
        after=Stance("In March", "left membership to NATO's members"),
    )
    march = dataclasses.replace(
        make_bank("position_shift", bank_id="march", title="March report"),
        questions=(later,),
        story="nato-talks",
        source=Source(title="Allies meet in Brussels", date="2025-03-20"),
    )
    february = dataclasses.replace(
        make_bank("position_shift", bank_id="february", title="February report"),
        story="nato-talks",
        source=Source(title="US withdraws promises", date="2025-02-27"),
    )
    alone = make_bank("position_shift", bank_id="alone", title="Another bank")
    # Given out of order: the story is told in the order of its dates.
    return {"march": march, "february": february, "alone": alone}


def test_the_story_is_told_in_the_order_of_its_articles_dates(tmp_path: Path) -> None:
    banks = _story()
    told = stories(banks.values())
    assert list(told) == ["nato-talks"]
    assert [b.id for b in told["nato-talks"]] == ["february", "march"]
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        rows = story_rows(store, "ana", told["nato-talks"], NOW)
    assert [(r.question, r.date) for r in rows] == [
        ("february/shift-nato", "2025-02-27"),
        ("march/shift-nato-later", "2025-03-20"),
    ]
    assert [r.after for r in rows] == ["ruled membership out", "left membership to NATO's members"]


def test_the_timeline_offers_the_story_and_dates_each_move(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = TimelinePage(backend_for(store, _story(), clock), "ana")  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.resize(800, 700)
        page.show()
        entries = [page.chooser.itemText(i) for i in range(page.chooser.count())]
        assert entries[0] == "Story: nato-talks (2 articles)"
        assert "Another bank" in entries
        page.chooser.setCurrentIndex(0)
        qtbot.wait(10)
        cards = [c for c in page.content.findChildren(ShiftCard) if not c.isHidden()]
        when = [c.findChild(QLabel, "when").text() for c in cards]
        assert when == [
            "2025-02-27 · US withdraws promises",
            "2025-03-20 · Allies meet in Brussels",
        ]
        text = page.text()
        assert text.startswith("Positions: Story: nato-talks\n")
        assert text.index("2025-02-27 · US withdraws promises") < text.index("2025-03-20")
        # A bank on its own is still offered, with its own title.
        page.chooser.setCurrentIndex(entries.index("Another bank"))
        qtbot.wait(10)
        assert page.text().startswith("Positions: Another bank\n")


def test_one_actor_s_stance_on_one_issue_is_drawn_on_a_time_axis(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from studyapp.ui.timeline_track import TrackView

    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = TimelinePage(backend_for(store, _story(), clock), "ana")  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.resize(800, 700)
        page.show()
        page.chooser.setCurrentIndex(0)
        qtbot.wait(10)
        [track] = [t for t in page.content.findChildren(TrackView) if not t.isHidden()]
        points = track.track.points
        # Both articles' moves on one axis: two dated later stances, each after its earlier one.
        assert [p.stance for p in points] == [
            "supported eventual membership",
            "ruled membership out",
            "ruled membership out",
            "left membership to NATO's members",
        ]
        assert [p.date for p in points if p.later] == ["2025-02-27", "2025-03-20"]
        assert points[1].at == pytest.approx(0.08)  # room for the undated first stance
        assert points[-1].at == 1.0
        assert all(a.at <= b.at for a, b in itertools.pairwise(points))
        # The latest stance is chosen first; the arrow keys walk back through time.
        detail = track.findChild(QLabel, "point")
        assert detail.text().startswith("4 of 4 · 2025-03-20 · In March: left membership")
        track.setFocus()
        qtbot.keyClick(track, Qt.Key.Key_Left)
        assert detail.text().startswith("3 of 4 · In February: ruled membership out")
        qtbot.keyClick(track, Qt.Key.Key_Home)
        assert detail.text() == (
            "1 of 4 · Biden administration: supported eventual membership — US withdraws promises"
        )
        assert track.accessibleDescription().startswith(detail.text())
        qtbot.keyClick(track, Qt.Key.Key_End)
        assert detail.text().startswith("4 of 4")
        image = track.grab().toImage()
        assert not image.isNull()


def test_stated_positions_are_placed_on_their_own_axis(qtbot: QtBot, tmp_path: Path) -> None:
    from studyapp.model import Position
    from studyapp.ui.timeline_track import TrackView

    banks = _story()
    stated = Position(
        "starmer-troops",
        "usa",
        "troops for Ukraine",
        (Stance("Before the summit", "Ruled out troops"), Stance("At the summit", "Open to it")),
    )
    banks["march"] = dataclasses.replace(banks["march"], positions=(stated,))
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = TimelinePage(backend_for(store, banks, clock), "ana")  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.show()
        page.chooser.setCurrentIndex(0)
        qtbot.wait(10)
        titles = [w.text() for w in page.content.findChildren(QLabel, "stated")]
        assert titles == ["United States on troops for Ukraine"]
        shown = [t for t in page.content.findChildren(TrackView) if not t.isHidden()]
        [own] = [t for t in shown if t.track.issue == "troops for Ukraine"]
        assert [p.date for p in own.track.points] == ["2025-03-20", "2025-03-20"]
        assert [p.stance for p in own.track.points] == ["Ruled out troops", "Open to it"]

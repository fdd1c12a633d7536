"""The positions timeline on a real store: stances, evidence, mastery, copy, PDF and PNG."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from studyapp.model import PositionShift
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.insight.timeline import ShiftCard, TimelinePage
from tests.ui.conftest import QUESTIONS, make_bank
from tests.ui.insight_helpers import backend_for

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def cards(page: TimelinePage) -> list[ShiftCard]:
    # Cards replaced by a refresh linger hidden until Qt deletes them.
    return [c for c in page.content.findChildren(ShiftCard) if not c.isHidden()]


def open_page(qtbot: QtBot, store: Store, **banks: object) -> TimelinePage:
    page = TimelinePage(backend_for(store, banks or {"demo": make_bank()}, clock), "ana")  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(800, 700)
    page.show()
    return page


def test_each_shift_shows_before_after_evidence_and_status(qtbot: QtBot, tmp_path: Path) -> None:
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store, demo=bank)
        [card] = cards(page)
        texts = {label.objectName(): label.text() for label in card.findChildren(QLabel)}
        assert texts["before"] == "supported eventual membership"
        assert texts["after"] == "ruled membership out"
        assert texts["status"] == "○ not studied"
        assert texts["evidence"] == "From the article: Hegseth called membership unrealistic."
        actors = [w.text() for w in page.content.findChildren(QLabel, "actor")]
        assert actors == ["United States"]
        session = Session(
            {bank.id: bank},
            store,
            "ana",
            SessionConfig(question_ids=("shift-nato",)),
            clock,
            random.Random(1),
        )
        session.answer(("demanded immediate membership", "ruled membership out"))
        page.refresh()
        qtbot.wait(10)
        [card] = cards(page)
        assert card.findChild(QLabel, "status").text() == "◐ learning"
        assert "United States on Ukraine joining NATO" in card.accessibleName()


def test_copy_pdf_and_png(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store)
        qtbot.mouseClick(page.findChild(QPushButton, "copy"), Qt.MouseButton.LeftButton)
        copied = QGuiApplication.clipboard().text()
        assert copied.startswith("Positions: Demo bank\n\nUnited States\n  ○ Ukraine joining NATO")
        page.save_pdf(tmp_path / "t.pdf")
        assert page.save_png(tmp_path / "t.png")
    pdf = (tmp_path / "t.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page") >= 1
    image = QImage(str(tmp_path / "t.png"))
    assert image.width() > 300
    assert image.height() > 150


def test_banks_without_shifts_are_not_offered(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store, only=make_bank("multiple_choice", bank_id="only"))
        assert page.chooser.count() == 0
        assert page.content.findChild(QLabel, "empty").text() == (
            "None of the loaded banks has position-shift questions."
        )
        assert not page.buttons["pdf"].isEnabled()


def test_the_summary_counts_one_shift_in_the_singular(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store, demo=make_bank("position_shift"))
        summary = page.content.findChild(QLabel, "timeline-summary")
        assert summary.text() == "1 shift of position; you have mastered 0."


def test_an_implied_stance_is_marked_on_its_card_and_in_the_copy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    question = QUESTIONS["position_shift"]
    assert isinstance(question, PositionShift)
    implied = dataclasses.replace(
        question, after=dataclasses.replace(question.after, cue="a departure from")
    )
    bank = dataclasses.replace(make_bank("position_shift"), questions=(implied,))
    note = "Implied by “a departure from”; the source does not state it."
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store, demo=bank)
        [card] = cards(page)
        assert card.findChild(QLabel, "after-implied").text() == note
        assert card.findChild(QLabel, "before-implied") is None
        qtbot.mouseClick(page.findChild(QPushButton, "copy"), Qt.MouseButton.LeftButton)
        copied = QGuiApplication.clipboard().text()
        assert f"    After (Trump administration): ruled membership out\n      {note}\n" in copied
        assert "supported eventual membership\n    After" in copied


def test_an_issue_written_to_follow_on_is_a_capitalised_card_title(
    qtbot: QtBot, tmp_path: Path
) -> None:
    question = QUESTIONS["position_shift"]
    lower = dataclasses.replace(question, issue="security guarantees for Ukraine")
    bank = dataclasses.replace(make_bank("position_shift"), questions=(lower,))
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        page = open_page(qtbot, store, demo=bank)
        [card] = cards(page)
        titles = [label.text() for label in card.findChildren(QLabel)]
        assert "Security guarantees for Ukraine" in titles
        # Read with its actor, the issue keeps the author's case.
        assert "United States on security guarantees for Ukraine" in card.accessibleName()
        assert "  ○ Security guarantees for Ukraine — not studied" in page.text()

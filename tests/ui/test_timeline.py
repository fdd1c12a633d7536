"""The positions timeline on a real store: stances, evidence, mastery, copy, PDF and PNG."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from studyapp.progress import Store
from studyapp.session import Session, SessionConfig
from studyapp.ui.timeline import ShiftCard, TimelinePage
from tests.ui.conftest import make_bank

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def cards(page: TimelinePage) -> list[ShiftCard]:
    # Cards replaced by a refresh linger hidden until Qt deletes them.
    return [c for c in page.content.findChildren(ShiftCard) if not c.isHidden()]


def open_page(qtbot: QtBot, store: Store, **banks: object) -> TimelinePage:
    page = TimelinePage(store, banks or {"demo": make_bank()}, "ana", clock)  # type: ignore[arg-type]
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

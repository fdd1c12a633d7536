"""Quotations are set in italics only in scripts that have italic faces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.model import Actor
from studyapp.study import Session
from studyapp.ui.common.text import italic_suits
from studyapp.ui.study.questions.base import QuestionWidget
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import QUESTIONS, make_bank

ARABIC = "لن نوقع على أي اتفاق لا يحترم سيادتنا"
HEBREW = "לא נחתום על שום הסכם"
CHINESE = "我们不会签署任何协议"


@pytest.mark.parametrize(
    ("text", "suits"),
    [
        ("NATO — you can forget about it.", True),
        ("Ça ne se fera pas, dit-il à Zürich.", True),
        ("Это не обсуждается", True),
        ("Αυτό δεν θα γίνει", True),
        (ARABIC, False),
        (HEBREW, False),
        (CHINESE, False),
        # A Latin name inside an Arabic quote: slanting the whole would still box the Arabic.
        (f"{ARABIC} NATO", False),
        ("1999 — 2024", True),
    ],
)
def test_italics_only_for_scripts_that_have_them(text: str, suits: bool) -> None:
    assert italic_suits(text) is suits


def _quote_label(widget: QuestionWidget, quote: str) -> object:
    from PySide6.QtWidgets import QLabel

    return next(lab for lab in widget.findChildren(QLabel) if quote in lab.text())


@pytest.mark.parametrize(("quote", "italic"), [(ARABIC, False), ("We will not sign.", True)])
def test_attribution_quote_is_italic_only_where_the_script_has_italics(
    qtbot: QtBot, session_for: Callable[..., Session], quote: str, italic: bool
) -> None:
    bank = make_bank("attribution")
    question = replace(QUESTIONS["attribution"], quote=quote)
    actors = dict(bank.actors)
    actors["trump"] = Actor("trump", "سامي الحسن", "وزير الخارجية")
    bank = replace(bank, questions=(question,), actors=actors)
    view = StudyView()
    qtbot.addWidget(view)
    view.resize(800, 560)
    view.show()
    view.start(session_for(bank), "Demo bank")
    assert view.widget is not None
    label = _quote_label(view.widget, quote)
    assert label.font().italic() is italic  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("quote", "marks"),
    [
        (ARABIC, ("«", "»")),
        (HEBREW, ("«", "»")),
        ("We will not sign.", ("“", "”")),
        (CHINESE, ("“", "”")),
        # Direction is the first strong letter's, as the bidi algorithm sets the line's.
        (f"NATO {ARABIC}", ("“", "”")),
        (f"{ARABIC} NATO", ("«", "»")),
    ],
)
def test_quote_marks_point_the_right_way_in_right_to_left_text(
    qtbot: QtBot, session_for: Callable[..., Session], quote: str, marks: tuple[str, str]
) -> None:
    """The curly marks are not mirrored in a right-to-left line, so an Arabic quote showed its
    opening mark at the right facing the wrong way; guillemets are mirrored and usual there."""
    from studyapp.ui.common.text import quoted, right_to_left

    assert right_to_left(quote) is (marks[0] == "«")
    bank = make_bank("attribution")
    question = replace(QUESTIONS["attribution"], quote=quote)
    bank = replace(bank, questions=(question,))
    view = StudyView()
    qtbot.addWidget(view)
    view.resize(800, 560)
    view.show()
    view.start(session_for(bank), "Demo bank")
    assert view.widget is not None
    label = _quote_label(view.widget, quote)
    assert label.text() == f"{marks[0]}{quote}{marks[1]}"  # type: ignore[attr-defined]
    assert quoted(f"  {quote} ") == label.text()  # type: ignore[attr-defined]


def _badge_side(tile: object) -> str:
    """Which half of a tile its number's badge is painted in, read off the painted pixels: the
    badge of a checked tile is filled with the accent colour, the only strong colour in it."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(tile, QWidget)
    image = tile.grab().toImage()
    y = image.height() // 2
    accent = tile.palette().highlight().color()
    columns = [
        x
        for x in range(image.width())
        if abs(image.pixelColor(x, y).hue() - accent.hue()) < 12
        and image.pixelColor(x, y).saturation() > 150
    ]
    assert columns, "no badge painted"
    middle = sum(columns) / len(columns)
    return "right" if middle > image.width() / 2 else "left"


@pytest.mark.parametrize(
    ("choices", "direction", "side"),
    [
        (("בנמל חיפה", "בירושלים", "בתל אביב"), Qt.LayoutDirection.RightToLeft, "right"),
        (("في ميناء حيفا", "في القدس", "Tel Aviv"), Qt.LayoutDirection.RightToLeft, "right"),
        (("Port Ellis", "Northwick", "Haifa"), Qt.LayoutDirection.LeftToRight, "left"),
        # Numbers have no direction: the first letter decides, here a Hebrew one.
        (("1914", "בירושלים", "Haifa"), Qt.LayoutDirection.RightToLeft, "right"),
    ],
)
def test_options_in_a_right_to_left_script_lay_out_right_to_left(
    qtbot: QtBot,
    session_for: Callable[..., Session],
    choices: tuple[str, ...],
    direction: Qt.LayoutDirection,
    side: str,
) -> None:
    """Hebrew answer tiles were laid out left to right: the number at the left, the text
    ragged at the right. Options in a right-to-left script now read from the right."""
    from studyapp.ui.study.questions.choice import ChoiceQuestion
    from tests.ui.conftest import open_study

    bank = make_bank("multiple_choice")
    question = replace(
        QUESTIONS["multiple_choice"], choices=choices, answer=choices[0], shuffle=False
    )
    bank = replace(bank, questions=(question,))
    view = open_study(qtbot, session_for(bank), 800, 560)
    widget = view.widget
    assert isinstance(widget, ChoiceQuestion)
    assert [t.layoutDirection() for t in widget.tiles] == [direction] * 3
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert widget.tiles[1].isChecked()
    assert _badge_side(widget.tiles[1]) == side
    # The arrow pointing the way the options read goes on to the next one.
    onward = Qt.Key.Key_Left if side == "right" else Qt.Key.Key_Right
    qtbot.keyClick(QApplication.focusWidget(), onward)
    assert QApplication.focusWidget() is widget.tiles[2]

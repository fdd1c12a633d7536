"""The verdict after an answer: a short headline, and the right answer on a line of its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot

from studyapp.answering.grading import expected_answer
from studyapp.model import Cloze, Matching, Ordering, PositionShift
from studyapp.study import Session
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import QUESTIONS, make_bank
from tests.ui.test_question_types import _answer_right_by_keys, _key, _view

ENTER = Qt.Key.Key_Return
HEADLINES = {"right": "✓ Right", "wrong": "✗ Wrong", "partial": "◐ Partly right"}


def _assert_answer_on_its_own_line(view: StudyView, verdict: str) -> None:
    feedback = view.feedback
    assert view.outcome is not None
    assert view.outcome.verdict == verdict
    assert feedback.verdict.text() == HEADLINES[verdict]
    assert feedback.verdict.font().bold()
    question = view.shown.question  # type: ignore[union-attr]
    if isinstance(question, Cloze):
        # The sentence is on screen with each blank marked: the line gives the blanks' answers.
        words = [blank.accepted[0] for blank in question.blanks]
        expected = " " + "  ".join(f"({i}) {word}" for i, word in enumerate(words, 1))
    elif isinstance(question, Matching):  # a list reads one item a line
        expected = "\n" + "\n".join(f"{left} → {right}" for left, right in question.pairs)
    elif isinstance(question, Ordering):
        expected = "\n" + "\n".join(f"{i}. {item}" for i, item in enumerate(question.items, 1))
    else:
        expected = " " + expected_answer(question, view.shown.bank)  # type: ignore[union-attr]
    assert feedback.answer.isVisible()
    assert feedback.answer.text().endswith(f"The answer:{expected}")
    assert not feedback.answer.font().bold()
    # Below the headline, not beside it.
    assert feedback.answer.y() > feedback.verdict.y() + feedback.verdict.height() - 1


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_a_right_answer_of_every_kind_has_a_short_headline(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    _answer_right_by_keys(qtbot, view)
    _key(qtbot, ENTER)
    _assert_answer_on_its_own_line(view, "right")


@pytest.mark.parametrize("kind", ["short_answer", "cloze", "attribution", "true_false"])
def test_a_wrong_answer_has_a_short_headline_and_the_answer_in_normal_weight(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    if kind in ("short_answer", "cloze"):
        _key(qtbot, "Nowhere")
    else:
        widget = view.widget
        wrong = next(
            tile
            for value, tile in zip(widget.values, widget.tiles, strict=True)  # type: ignore[union-attr]
            if value not in widget.correct_values()  # type: ignore[union-attr]
        )
        _key(qtbot, str(wrong.number))
    _key(qtbot, ENTER)
    _assert_answer_on_its_own_line(view, "wrong")


def test_a_partly_right_cloze_says_how_much_beside_the_answer_not_in_the_headline(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("cloze")))
    _key(qtbot, "Hegseth")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, "Madrid")
    _key(qtbot, ENTER)
    _assert_answer_on_its_own_line(view, "partial")
    assert view.feedback.answer.text() == ("50 % right. The answer: (1) Hegseth  (2) Brussels")
    assert "spoke in" not in view.feedback.answer.text()
    assert "Hegseth" not in view.feedback.verdict.text()
    # Beside each blank, the word it wanted, close to the text that follows it.
    fixes = [label.text() for label in view.widget.corrections]  # type: ignore[union-attr]
    assert fixes == [" ✓", " ✗ Brussels"]


def test_cloze_words_sit_level_with_the_blanks_beside_them(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("cloze")))
    widget = view.widget
    field = widget.fields[1]  # type: ignore[union-attr]
    holder = field.parentWidget()
    words = [
        label
        for label in holder.findChildren(type(view.where))
        if label.isVisible() and abs(label.y() - field.y()) < field.height()
    ]
    assert words
    for label in words:
        assert abs(label.geometry().center().y() - field.geometry().center().y()) <= 1


def test_the_two_sides_of_a_checked_shift_start_level(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("position_shift")))
    options = view.shown.presentation.options  # type: ignore[union-attr]
    question = QUESTIONS["position_shift"]
    _key(qtbot, str(options.index(question.before.stance) + 1))  # type: ignore[attr-defined]
    wrong = next(o for o in options if o not in (question.after.stance,))  # type: ignore[attr-defined]
    _key(qtbot, str(options.index(wrong) + 1))  # the "after" side gets a longer, wrong note
    _key(qtbot, ENTER)
    box = view.widget.result_box  # type: ignore[union-attr]
    sides = [w for w in box.findChildren(QFrame) if w.objectName() == "shiftSide"]
    assert len(sides) == 2
    heads = [side.findChildren(QLabel)[0] for side in sides]
    assert heads[0].text().startswith("Before")
    assert (
        heads[0].mapTo(box, heads[0].rect().topLeft()).y()
        == heads[1].mapTo(box, heads[1].rect().topLeft()).y()
    )


def test_a_stance_the_source_only_implies_is_marked_in_the_feedback(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    question = QUESTIONS["position_shift"]
    assert isinstance(question, PositionShift)
    implied = dataclasses.replace(
        question, before=dataclasses.replace(question.before, cue="In contrast")
    )
    bank = dataclasses.replace(make_bank("position_shift"), questions=(implied,))
    view = _view(qtbot, session_for(bank))
    options = view.shown.presentation.options  # type: ignore[union-attr]
    _key(qtbot, str(options.index(implied.before.stance) + 1))
    _key(qtbot, str(options.index(implied.after.stance) + 1))
    _key(qtbot, ENTER)
    box = view.widget.result_box  # type: ignore[union-attr]
    sides = [w for w in box.findChildren(QFrame) if w.objectName() == "shiftSide"]
    notes = [[label.text() for label in side.findChildren(QLabel, "implied")] for side in sides]
    assert notes == [["Implied by “In contrast”; the source does not state it."], []]
    # A widget added to a shown window is shown on the next pass of the event loop.
    qtbot.waitUntil(sides[0].findChild(QLabel, "implied").isVisible)

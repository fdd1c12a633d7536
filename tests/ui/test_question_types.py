"""A whole session through each kind of question, driven by the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.study import Session
from studyapp.ui.study.questions.choice import ChoiceQuestion
from studyapp.ui.study.questions.matching import MatchingQuestion
from studyapp.ui.study.questions.ordering import OrderingQuestion
from studyapp.ui.study.questions.position import PositionShiftQuestion
from studyapp.ui.study.questions.typed import ClozeQuestion, ShortAnswerQuestion
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import QUESTIONS, make_bank

ENTER = Qt.Key.Key_Return


def _view(qtbot: QtBot, session: Session) -> StudyView:
    view = StudyView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start(session, "Demo bank")
    return view


def _key(qtbot: QtBot, key: Qt.Key | str) -> None:
    # Keys go where a person's would: to whichever widget has the focus.
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget()
    assert target is not None, (QApplication.activeWindow(), QApplication.focusWidget())
    if isinstance(key, str):
        qtbot.keyClicks(target, key)
    else:
        qtbot.keyClick(target, key)


def _answer_right_by_keys(qtbot: QtBot, view: StudyView) -> None:
    """Type the right answer to whatever is on screen, using only keys."""
    widget = view.widget
    q = view.shown.question  # type: ignore[union-attr]
    opts = view.shown.presentation.options  # type: ignore[union-attr]
    if isinstance(widget, PositionShiftQuestion):
        _key(qtbot, str(opts.index(q.before.stance) + 1))
        _key(qtbot, str(opts.index(q.after.stance) + 1))
    elif isinstance(widget, ChoiceQuestion):
        for value, tile in zip(widget.values, widget.tiles, strict=True):
            if value in widget.correct_values():
                _key(qtbot, str(tile.number))
    elif isinstance(widget, MatchingQuestion):
        for left, right in q.pairs:
            assert widget.combos[q.pairs.index((left, right))].hasFocus()
            _key(qtbot, str(opts.index(right) + 1))
    elif isinstance(widget, OrderingQuestion):
        for target, item in enumerate(q.items):
            row = widget.list.texts().index(item)
            widget.list.setCurrentRow(row)  # selecting by arrow keys below
            _key(qtbot, Qt.Key.Key_Home)
            for _ in range(row):
                _key(qtbot, Qt.Key.Key_Down)
            for _ in range(row - target):
                qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    elif isinstance(widget, ClozeQuestion):
        for blank in q.blanks:
            _key(qtbot, blank.accepted[0])
            _key(qtbot, Qt.Key.Key_Tab)
    elif isinstance(widget, ShortAnswerQuestion):
        _key(qtbot, q.answers[0])
    else:  # pragma: no cover - a new kind without a driver
        pytest.fail(f"no keyboard driver for {type(widget).__name__}")


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_each_kind_answered_right_by_keys_shows_feedback_and_summary(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    session = session_for(make_bank(kind))
    view = _view(qtbot, session)
    assert view.count.text() == "1 of 1"
    _answer_right_by_keys(qtbot, view)
    _key(qtbot, ENTER)
    assert view.outcome is not None
    assert view.outcome.verdict == "right", view.outcome.grade
    assert view.feedback.isVisible()
    assert view.feedback.verdict.text().startswith("✓ Right")
    assert view.action_button.text() == "Next  ⏎"
    if QUESTIONS[kind].evidence:
        assert view.feedback.evidence is not None
        assert (
            "From the article:" in view.feedback.evidence.findChildren(type(view.where))[0].text()
        )
    with qtbot.waitSignal(view.finished, timeout=1000):
        _key(qtbot, ENTER)
    summary = session.summary()
    assert (summary.answered, summary.right) == (1, 1)


@pytest.mark.parametrize("kind", ["attribution", "multiple_choice", "true_false"])
def test_a_wrong_pick_is_marked_and_the_right_one_shown(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    widget = view.widget
    assert isinstance(widget, ChoiceQuestion)
    wrong = next(
        t
        for v, t in zip(widget.values, widget.tiles, strict=True)
        if v not in widget.correct_values()
    )
    _key(qtbot, str(wrong.number))
    _key(qtbot, ENTER)
    assert view.feedback.verdict.text().startswith("✗ Wrong")
    assert wrong.result == "wrong"
    assert [t.result for t in widget.tiles].count("missed") == 1
    assert (
        "correct answer" in next(t for t in widget.tiles if t.result == "missed").accessibleName()
    )

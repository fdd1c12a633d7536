"""Enter on an answer the learner has not given grades nothing and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.progress import Store
from studyapp.study import Session, SessionError
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


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_enter_with_nothing_given_is_not_graded_or_stored(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store, kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    focus = view.focusWidget()
    assert focus is not None
    for _ in range(3):  # a fast double or triple Enter as the question appears
        qtbot.keyClick(focus, ENTER)
    assert view.outcome is None
    assert store.review_count() == 0
    assert not view.feedback.isVisible()


def test_multiple_select_needs_a_pick_and_untoggling_all_takes_it_back(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    view = _view(qtbot, session_for(make_bank("multiple_select")))
    assert not view.action_button.isEnabled()
    qtbot.keyClick(view.focusWidget(), "1")
    assert view.action_button.isEnabled()
    qtbot.keyClick(view.focusWidget(), "1")  # toggled off again: nothing given
    assert not view.action_button.isEnabled()
    qtbot.keyClick(view.focusWidget(), ENTER)
    assert store.review_count() == 0
    qtbot.keyClick(view.focusWidget(), "2")
    qtbot.keyClick(view.focusWidget(), ENTER)
    assert view.outcome is not None
    assert store.review_count() == 1


def test_ordering_shown_order_goes_in_only_by_an_explicit_check_after_a_moment(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    start = datetime.now(UTC)
    moment = [start]  # the session's clock, which the view reads, stands still until moved below
    view = _view(qtbot, session_for(make_bank("ordering"), now=lambda: moment[0]))
    # Enter in the list never sends the untouched order.
    qtbot.keyClick(view.widget.list, ENTER)
    assert view.outcome is None
    assert "Check" in view.order_hint.text()
    assert view.order_hint.isVisible()
    # An explicit Check the instant the question appears is a leftover key press, not an answer.
    view.action_button.setFocus()
    qtbot.keyClick(view.action_button, Qt.Key.Key_Space)
    assert view.outcome is None
    moment[0] = start + timedelta(seconds=2)
    qtbot.keyClick(view.action_button, Qt.Key.Key_Space)
    assert view.outcome is not None
    assert store.review_count() == 1


def test_ordering_a_moved_item_is_an_answer_enter_sends(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    view = _view(qtbot, session_for(make_bank("ordering")))
    qtbot.keyClick(view.widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.widget.list, ENTER)
    assert view.outcome is not None
    assert store.review_count() == 1


@pytest.mark.parametrize(
    ("kind", "response"),
    [
        ("multiple_select", ()),
        ("short_answer", "   "),
        ("cloze", ("", " ")),
        ("matching", {}),
        ("multiple_choice", None),
        ("position_shift", (None, None)),
    ],
)
def test_the_session_refuses_an_empty_answer_and_stores_nothing(
    session_for: Callable[..., Session], store: Store, kind: str, response: object
) -> None:
    session = session_for(make_bank(kind))
    with pytest.raises(SessionError, match="nothing"):
        session.answer(response)
    assert store.review_count() == 0
    shown = session.current()
    assert shown is not None
    assert shown.outcome is None

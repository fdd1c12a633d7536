"""The summary shows each missed question as the learner saw it, and answers to its keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.study import Session
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.study.summary import MissedItem, SummaryView
from studyapp.ui.window import MainWindow
from tests.ui.conftest import ACTORS, QUESTIONS, make_bank, on_library

# A wrong (or partly right) answer for every kind, as the learner would give it.
WRONG = {
    "attribution": "macron",
    "position_shift": ("took no position", "demanded immediate membership"),
    "multiple_choice": "Grain",
    "multiple_select": ("Putin",),
    "true_false": True,
    "matching": {"Trump": "UK PM"},
    "ordering": ("Summit", "Election", "Inauguration"),
    "cloze": ("Hegsethh", ""),
    "short_answer": "Rome",
}
# What the learner reads as their own answer, in the words the question showed.
YOURS = {
    "attribution": "Your answer: Emmanuel Macron",
    "position_shift": "Your answer: Before: took no position → After: demanded immediate",
    "multiple_choice": "Your answer: Grain",
    "multiple_select": "Your answer: Putin",
    "true_false": "Your answer: True",
    "matching": "Your answer: Trump → UK PM",
    "ordering": "Your answer:\n1. Summit\n2. Election\n3. Inauguration",
    "cloze": "Your answer: [Hegsethh] spoke in […] today.",
    "short_answer": "Your answer: Rome",
}


def _finished(session: Session) -> Session:
    while (shown := session.current()) is not None:
        session.answer(WRONG[shown.question.TYPE])
        if session.advance() is None:
            break
    return session


def _summary(qtbot: QtBot, session: Session) -> SummaryView:
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(_finished(session).summary(), "Demo bank")
    view.show()
    return view


def _shown_text(view: SummaryView) -> list[str]:
    """Every line the learner can read on the summary, with every row unfolded."""
    for item in view.findChildren(MissedItem):
        item.toggle.setChecked(True)
    lines = [item.toggle.text() for item in view.findChildren(MissedItem)]
    lines += [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    return lines


def test_each_missed_question_shows_as_seen_with_the_learners_own_answer(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _summary(qtbot, session_for(make_bank()))
    text = "\n".join(_shown_text(view))
    assert "{{" not in text
    assert "}}" not in text
    for question in QUESTIONS.values():
        assert question.id not in text
    for actor in ACTORS:  # ids are lower case; names and matching items are not
        assert not re.search(rf"\b{actor}\b", text), actor
    for kind, line in YOURS.items():
        assert line in text, (kind, text)


def test_tag_results_are_words_beside_a_bar_not_on_it(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    session = session_for(make_bank("multiple_select"))
    session.answer(("Macron",))  # half the credit: not a right answer
    view = SummaryView()
    qtbot.addWidget(view)
    view.show_summary(session.summary(), "Demo bank")
    assert view.findChildren(QProgressBar) == []  # its text changed colour mid-word
    words = [label.text() for label in view.findChildren(QLabel, "tagWords")]
    assert words == ["50 % · 0 of 1 fully right"]


def test_space_on_a_row_says_expanded_then_collapsed_at_once(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _summary(qtbot, session_for(make_bank("short_answer")))
    toggle = view.findChildren(MissedItem)[0].toggle
    iface = QAccessible.queryAccessibleInterface(toggle)
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert iface.state().expanded
    # Qt's AT-SPI bridge drops expanded-state events; a description change reaches Orca.
    assert iface.text(QAccessible.Text.Description).startswith("Expanded:")
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert iface.state().collapsed
    assert iface.text(QAccessible.Text.Description).startswith("Collapsed:")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    bank = make_bank(*[k for k in QUESTIONS if k != "ordering"], bank_id="a", title="Alpha")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.resize(800, 560)
    return on_library(qtbot, win)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_home_and_end_on_the_summary_go_to_its_top_and_bottom(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    session = window.study.session
    assert session is not None
    _finished(session)
    window.study.end()
    assert window.stack.currentWidget() is window.summary_holder
    scroll = window.summary_holder.verticalScrollBar()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: scroll.maximum() > 0)  # eight missed rows do not fit at 800x600
    qtbot.keyClick(_focus(), Qt.Key.Key_Home)
    assert scroll.value() == scroll.minimum()
    assert _focus() is window.summary.findChildren(MissedItem)[0].toggle
    qtbot.keyClick(_focus(), Qt.Key.Key_End)
    assert scroll.value() == scroll.maximum()
    assert _focus() is window.summary.default_button
    qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library


def test_review_is_not_offered_where_it_would_find_nothing(
    qtbot: QtBot, session_for: Callable[..., Session], window: MainWindow
) -> None:
    # A preview records nothing, so a review of its mistakes would find none.
    session = session_for(make_bank("true_false"), record=False)
    session.answer(True)
    window.study.start(session, "Demo bank")
    window.study.end()
    assert window.stack.currentWidget() is window.summary_holder
    assert window.summary.review_button.isHidden()
    assert window.summary.default_button is window.summary.back_button

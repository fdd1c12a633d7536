"""Study › Undo and End session where they mean something, undo from the summary, and an edit
of the question on screen that never drops the learner's pick in silence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.study import Session
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.study.view import StudyView
from studyapp.ui.window import MainWindow
from tests.ui.conftest import QUESTIONS, make_bank, on_library, open_study

UNDO = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    bank = make_bank("true_false", "short_answer", bank_id="a", title="Alpha")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    return on_library(qtbot, win)


def test_study_actions_are_enabled_only_where_they_mean_something(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.stack.currentWidget() is window.library
    assert not window.end_action.isEnabled()
    assert not window.undo_action.isEnabled()
    assert not window.back_action.isEnabled()
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.study
    assert window.end_action.isEnabled()
    assert window.undo_action.isEnabled()
    # Nothing answered yet: Undo says so instead of doing nothing. (Every message is kept:
    # another line, such as banks loading in the background, may follow it.)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    # Pressed on the study screen itself: in a typed answer's field Ctrl+Z undoes the typing.
    qtbot.keyClick(window.study, *UNDO)
    assert any("Nothing to undo" in line for line in said), said
    window.end_action.trigger()
    assert window.stack.currentWidget() is window.summary_holder
    assert not window.end_action.isEnabled()
    assert window.undo_action.isEnabled()


def test_undo_on_the_summary_goes_back_to_the_last_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    for _ in range(2):
        shown = window.study.shown
        assert shown is not None
        if shown.question.TYPE == "short_answer":
            qtbot.keyClicks(_focus(), "Paris")
        else:
            qtbot.keyClick(_focus(), "2")
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
        last = shown.question.id
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.summary_holder
    assert window.backend.store.review_count("ana") == 2
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    qtbot.keyClick(_focus(), *UNDO)
    assert window.stack.currentWidget() is window.study
    assert window.study.shown is not None
    assert window.study.shown.question.id == last
    assert window.study.outcome is None
    assert window.backend.store.review_count("ana") == 1
    assert any("taken back" in line for line in said), said


def _view(qtbot: QtBot, session: Session) -> StudyView:
    view = open_study(qtbot, session, 900, 700)
    return view


def test_an_edit_of_the_question_on_screen_keeps_the_pick_and_says_so(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    bank = make_bank("multiple_choice")
    view = _view(qtbot, session_for(bank))
    widget = view.widget
    assert widget is not None
    qtbot.keyClick(_focus(), str(widget.values.index("Naval bases") + 1))  # type: ignore[attr-defined]
    # The author fixes a typo in the prompt while the learner is on the question.
    edited = replace(QUESTIONS["multiple_choice"], prompt="What did the US ask for in return?")
    view.reload({bank.id: replace(bank, questions=(edited,))})
    assert view.widget is not widget  # redrawn with the new text
    assert view.widget.response() == "Naval bases"
    assert view.edit_note.isVisible()
    assert "was kept" in view.edit_note.text()
    # A choice taken away cannot be kept: the screen says the answer was cleared.
    fewer = replace(edited, choices=("Mineral rights", "Grain"))
    view.reload({bank.id: replace(bank, questions=(fewer,))})
    assert view.widget.response() is None
    assert "cleared" in view.edit_note.text()

"""A whole session of all nine kinds by keyboard alone, at 800x600, in the light and dark themes.

Nothing here calls a widget to answer: every answer is keys sent to whatever has the focus, as
a learner without a mouse would type them. The test only reads the screen to know which keys
are right (which number a choice has, where an item stands).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.model import Blank
from studyapp.ui.backend import Backend
from studyapp.ui.common import theme
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import QUESTIONS, make_bank, on_library

ENTER = Qt.Key.Key_Return
ALT = Qt.KeyboardModifier.AltModifier


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _key(
    qtbot: QtBot, key: Qt.Key | str, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_focus(), key, mods)


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _in_view(win: MainWindow, widget: QWidget) -> bool:
    """`widget` lies wholly inside the visible part of the study screen's scroll area."""
    viewport = win.study.pane.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def _answer_by_keys(qtbot: QtBot, win: MainWindow) -> None:
    shown = win.study.shown
    widget = win.study.widget
    assert shown is not None
    assert widget is not None
    q = shown.question
    kind = q.TYPE
    if kind in ("attribution", "multiple_choice", "true_false", "multiple_select"):
        right = widget.correct_values()  # type: ignore[attr-defined]
        for number, value in enumerate(widget.values, 1):  # type: ignore[attr-defined]
            if value in right:
                _key(qtbot, str(number))
    elif kind == "position_shift":
        for stance in (q.before.stance, q.after.stance):
            _key(qtbot, str(widget.options.index(stance) + 1))
    elif kind == "matching":
        for left, right in q.pairs:
            assert _focus() is widget.combos[widget.lefts.index(left)]  # type: ignore[attr-defined]
            _key(qtbot, str(widget.options.index(right) + 1))  # and on to the next field
    elif kind == "ordering":
        order = widget.list  # type: ignore[attr-defined]
        for target, item in enumerate(q.items):
            row = order.texts().index(item)
            while order.currentRow() > row:
                _key(qtbot, Qt.Key.Key_Up)
            while order.currentRow() < row:
                _key(qtbot, Qt.Key.Key_Down)
            for _ in range(row - target):
                _key(qtbot, Qt.Key.Key_Up, ALT)
        assert tuple(order.texts()) == q.items
    elif kind == "cloze":
        blanks = [s for s in q.segments if isinstance(s, Blank)]
        for i, blank in enumerate(blanks):
            if i:
                _key(qtbot, Qt.Key.Key_Tab)
            _type(qtbot, blank.accepted[0])
    elif kind == "short_answer":
        _type(qtbot, q.answers[0])
    else:  # a new kind must be added here
        raise AssertionError(kind)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_whole_session_of_every_kind_by_keys_alone_at_800x600(
    qtbot: QtBot, tmp_path: Path, restore_theme: None, name: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, name)
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    bank = make_bank(bank_id="all", title="Every kind")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.resize(800, 600)
    on_library(qtbot, win)
    assert theme.is_dark(app.palette()) is (name == "dark")

    _key(qtbot, ENTER)  # Start, from the library
    assert win.stack.currentWidget() is win.study
    seen: set[str] = set()
    for number in range(1, len(QUESTIONS) + 1):
        assert win.study.count.text() == f"{number} of {len(QUESTIONS)}"
        shown = win.study.shown
        assert shown is not None
        seen.add(shown.question.TYPE)
        assert _in_view(win, _focus()), f"{shown.question.TYPE}: the focus starts off screen"
        _answer_by_keys(qtbot, win)
        assert _in_view(win, _focus()), f"{shown.question.TYPE}: the focus went off screen"
        _key(qtbot, ENTER)  # Check
        outcome = win.study.outcome
        assert outcome is not None, shown.question.TYPE
        assert outcome.verdict == "right", (shown.question.TYPE, outcome.grade)
        # In a small window the verdict and the Next button are scrolled into view.
        verdict, next_button = win.study.feedback.verdict, win.study.action_button
        qtbot.waitUntil(lambda v=verdict: _in_view(win, v))
        qtbot.waitUntil(lambda b=next_button: _in_view(win, b))
        _key(qtbot, ENTER)  # Next
    assert seen == set(QUESTIONS)
    assert win.stack.currentWidget() is win.summary_holder
    texts = [label.text() for label in win.summary.content.findChildren(type(win.study.where))]  # type: ignore[union-attr]
    assert "100 %" in texts
    assert win.backend.store.review_count("ana") == len(QUESTIONS)
    _key(qtbot, Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.library

"""What assistive technology reads of the study screen, checked through Qt's own interfaces.

These fail fast without a screen reader: roles, names and relations as QAccessible exposes them
to AT-SPI (tests/a11y runs the same screens through Orca itself).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.study import Session
from studyapp.ui.study.questions.choice import ChoiceQuestion
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import QUESTIONS, make_bank

Role = QAccessible.Role
NAME = QAccessible.Text.Name
MARKS = ("✓", "✗", "◐")


def _iface(widget: QWidget) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    assert iface.isValid()
    return iface


def _tree(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    out = [iface]
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is not None and child.isValid():
            out += _tree(child)
    return out


def _view(qtbot: QtBot, session: Session) -> StudyView:
    view = StudyView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start(session, "Demo bank")
    return view


def _press(qtbot: QtBot, key: Qt.Key | str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    if isinstance(key, str):
        qtbot.keyClicks(target, key)
    else:
        qtbot.keyClick(target, key)


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_a_question_is_a_named_group_saying_where_it_stands(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    widget = view.widget
    assert widget is not None
    iface = _iface(widget)
    assert iface.role() == Role.Grouping
    assert iface.text(NAME).startswith("Question 1 of 1.")
    # The first line shown labels the group, so readers say it first and only once.
    labels = [target.text(NAME) for target, _ in iface.relations(QAccessible.RelationFlag.Label)]
    assert labels
    assert labels[0] in widget.spoken_text()
    assert widget.label_text.rstrip(".") in labels[0]
    # The focus starts inside the group, which is what makes a reader speak it.
    focus = QApplication.focusWidget()
    assert focus is not None
    assert widget.isAncestorOf(focus)


def test_what_each_kind_says_on_arrival(qtbot: QtBot, session_for: Callable[..., Session]) -> None:
    said = {}
    for kind in QUESTIONS:
        view = _view(qtbot, session_for(make_bank(kind)))
        assert view.widget is not None
        said[kind] = view.widget.spoken_text()
    assert said["attribution"].startswith("Who said it? Question 1 of 1. Choose the speaker.")
    assert "Quote: NATO — you can forget about it." in said["attribution"]
    assert said["true_false"] == "True or false? Question 1 of 1. The US promised troops."
    assert said["multiple_choice"].endswith("Choose one.")
    assert "Choose every answer that applies" in said["multiple_select"]
    assert "↑" not in said["ordering"]
    assert "Alt+Up" in said["ordering"]
    assert "blank 1" in said["cloze"]


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("attribution", Role.RadioButton),
        ("multiple_choice", Role.RadioButton),
        ("true_false", Role.RadioButton),
        ("multiple_select", Role.CheckBox),
    ],
)
def test_one_answer_kinds_offer_radio_buttons(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str, role: QAccessible.Role
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    assert isinstance(view.widget, ChoiceQuestion)
    for tile in view.widget.tiles:
        tile_iface = _iface(tile)
        assert tile_iface.role() == role
        assert tile_iface.parent().role() == Role.Grouping  # the question names the group


def test_position_shift_stances_and_slots_are_radio_buttons(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    from studyapp.ui.study.questions.position import PositionShiftQuestion

    view = _view(qtbot, session_for(make_bank("position_shift")))
    widget = view.widget
    assert isinstance(widget, PositionShiftQuestion)
    for tile in [*widget.slots, *widget.tiles]:
        assert _iface(tile).role() == Role.RadioButton
    _press(qtbot, "1")
    placed = _iface(widget.tiles[0]).state()
    assert placed.checked  # heard as selected once placed in a slot
    assert not _iface(widget.tiles[1]).state().checked


def test_after_check_the_feedback_has_the_focus_and_says_it_all(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("attribution")))
    widget = view.widget
    assert isinstance(widget, ChoiceQuestion)
    wrong = next(t for v, t in zip(widget.values, widget.tiles, strict=True) if v != "trump")
    _press(qtbot, str(wrong.number))
    _press(qtbot, Qt.Key.Key_Return)
    feedback = view.feedback
    assert feedback.hasFocus()
    iface = _iface(feedback)
    assert iface.role() == Role.Grouping
    name = iface.text(NAME)
    assert name.startswith("The answer: Donald Trump.")
    assert "Explanation: He rejected the bid outright." in name  # Markdown said as plain words
    assert "Evidence from the article: “NATO—you can forget about it,” Trump stated." in name
    labels = [t.text(NAME) for t, _ in iface.relations(QAccessible.RelationFlag.Label)]
    assert labels[0] == "Wrong"  # said before the name: the verdict word, never the mark
    # Tab goes on to the buttons, and Enter still moves on from the feedback.
    _press(qtbot, Qt.Key.Key_Tab)
    assert view.end_button.hasFocus()
    feedback.setFocus()
    with qtbot.waitSignal(view.finished, timeout=1000):
        _press(qtbot, Qt.Key.Key_Return)


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_the_study_screen_reads_in_visual_order_without_noise(
    qtbot: QtBot, session_for: Callable[..., Session], kind: str
) -> None:
    view = _view(qtbot, session_for(make_bank(kind)))
    for key in {"cloze": "x", "short_answer": "x", "position_shift": "12"}.get(kind, "1"):
        _press(qtbot, key)
    if kind == "ordering":  # an untouched order is sent only by an explicit Check: move one
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    _press(qtbot, Qt.Key.Key_Return)
    assert view.outcome is not None
    nodes = _tree(_iface(view))
    assert Role.ProgressBar not in {n.role() for n in nodes}  # no "N percent" on each question
    for node in nodes:
        assert not node.text(NAME).startswith(MARKS), node.text(NAME)
    # The question comes before the feedback, which comes before the buttons.
    order = [n.object() for n in nodes]
    assert view.widget is not None
    assert (
        order.index(view.widget)
        < order.index(view.feedback)
        < order.index(view.end_button)
        < order.index(view.action_button)
    )
    # Tab runs the same way: from the last answer control through the feedback to the buttons.
    chain, seen = [], view.feedback.nextInFocusChain()
    while seen is not view.feedback and len(chain) < 200:
        chain.append(seen)
        seen = seen.nextInFocusChain()
    assert chain.index(view.end_button) < chain.index(view.action_button)
    assert chain[chain.index(view.end_button) :].count(view.feedback) == 0

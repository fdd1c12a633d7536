"""After Check, each mark says what it means, agrees with the score, and stays readable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.study import Session
from studyapp.ui.study.questions.choice import MultipleSelectQuestion
from studyapp.ui.study.questions.matching import MatchingQuestion
from studyapp.ui.study.questions.ordering import OrderingQuestion
from studyapp.ui.study.questions.tiles import RESULT_LOOK
from studyapp.ui.study.questions.typed import ClozeQuestion
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import make_bank, open_study
from tests.ui.contrast import text_contrast

ENTER = Qt.Key.Key_Return


def _view(qtbot: QtBot, session: Session) -> StudyView:
    view = open_study(qtbot, session, 900, 700)
    return view


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_multiple_select_tells_picked_right_picked_wrong_and_missed_apart(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("multiple_select")))
    widget = view.widget
    assert isinstance(widget, MultipleSelectQuestion)
    number = {value: i for i, value in enumerate(widget.values, 1)}
    for pick in ("Macron", "Putin"):  # one right, one wrong; Starmer left out
        qtbot.keyClick(_focus(), str(number[pick]))
    qtbot.keyClick(_focus(), ENTER)
    assert not view.feedback.verdict.text().startswith("✓")
    result = {v: t.result for v, t in zip(widget.values, widget.tiles, strict=True)}
    assert result == {"Macron": "right", "Putin": "wrong", "Starmer": "unpicked", "Xi": ""}
    tags = {RESULT_LOOK[r][1] for r in ("right", "wrong", "unpicked")}
    assert len(tags) == 3  # each its own words, not only its own colour
    said = {t.accessibleName().rsplit("(", 1)[-1] for t in widget.tiles if t.result}
    assert len(said) == 3


@pytest.mark.parametrize(
    ("order", "marks"),
    [
        # The right order is Election, Inauguration, Summit.
        (("Summit", "Election", "Inauguration"), ("✗", "◐", "◐")),
        (("Election", "Summit", "Inauguration"), ("✓", "◐", "✗")),
        (("Summit", "Inauguration", "Election"), ("✗", "✓", "✗")),
        (("Election", "Inauguration", "Summit"), ("✓", "✓", "✓")),
    ],
)
def test_ordering_rows_are_marked_as_the_score_counts_them(
    qtbot: QtBot,
    session_for: Callable[..., Session],
    order: tuple[str, ...],
    marks: tuple[str, ...],
) -> None:
    view = _view(qtbot, session_for(make_bank("ordering")))
    widget = view.widget
    assert isinstance(widget, OrderingQuestion)
    # Put the rows in `order` by Alt+arrows, as the learner would (a move down and back up
    # where the order shown is already the one wanted: only a moved item is an answer).
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    for target, item in enumerate(order):
        row = widget.list.texts().index(item)
        widget.list.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tuple(widget.list.texts()) == order
    qtbot.keyClick(widget.list, ENTER)
    assert view.outcome is not None
    assert widget.marks == marks
    credited = sum(m != "✗" for m in marks)
    score = view.outcome.grade.score
    # One item in order earns nothing; each further one earns its share of the credit.
    assert round(score * (len(order) - 1)) == max(0, credited - 1)
    if 0 < score < 1:
        assert any(m != "✗" for m in marks)  # "Partly right" is never over all ✗


def test_a_cloze_gap_grows_to_show_the_whole_answer(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("cloze")))
    widget = view.widget
    assert isinstance(widget, ClozeQuestion)
    field = widget.fields[0]
    qtbot.keyClicks(field, "Secretary of Defense Hegseth")
    qtbot.waitUntil(lambda: field.width() > field.fontMetrics().horizontalAdvance(field.text()))
    qtbot.keyClick(field, ENTER)
    assert view.outcome is not None
    assert field.width() > field.fontMetrics().horizontalAdvance(field.text())


def test_matching_lists_its_choices_and_keeps_picks_readable_after_check(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    view = _view(qtbot, session_for(make_bank("matching")))
    widget = view.widget
    assert isinstance(widget, MatchingQuestion)
    shown = widget.choices.text()
    for number, right in enumerate(widget.options, 1):
        assert f"{number}. {right}" in shown  # what each key means, before any drop-down
    qtbot.keyClick(widget.combos[0], "1")
    qtbot.keyClick(_focus(), ENTER)
    assert view.outcome is not None
    assert all(combo.isHidden() for combo in widget.combos)
    picked = widget.given[0]
    assert picked.isVisible()
    assert picked.text() == widget.options[0]
    assert text_contrast(picked) >= 4.5


@pytest.fixture
def dark() -> object:
    from studyapp.ui.common import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = theme.style_key(app.style()), app.palette()
    theme.apply(app, "dark")
    yield app
    app.setStyle(style)
    app.setPalette(palette)


def test_number_badges_on_red_and_green_read_in_the_dark_theme(
    qtbot: QtBot, session_for: Callable[..., Session], dark: object
) -> None:
    """Dark-theme badges on the verdict colours were 2.1 to 2.5:1; each must reach 4.5:1."""
    from PySide6.QtCore import QRect

    from studyapp.ui.study.questions.tiles import _BADGE, _PAD_X, _PAD_Y

    view = _view(qtbot, session_for(make_bank("multiple_select")))
    widget = view.widget
    assert isinstance(widget, MultipleSelectQuestion)
    values = widget.values
    # One right pick (green), one wrong pick (red); the other right one is left missed.
    qtbot.keyClick(_focus(), str(values.index("Macron") + 1))
    qtbot.keyClick(_focus(), str(values.index("Putin") + 1))
    qtbot.keyClick(_focus(), ENTER)
    assert view.outcome is not None
    badge = QRect(_PAD_X + 2, _PAD_Y + 2, _BADGE - 4, _BADGE - 4)  # inside its rim
    for value in ("Macron", "Putin"):
        tile = widget.tiles[values.index(value)]
        assert tile.isChecked()
        measured = text_contrast(tile, badge)
        assert measured >= 4.5, (value, measured)

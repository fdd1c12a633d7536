"""Every option is reachable by keys and scrolled into view; position-shift slots by keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.model import MultipleChoice, MultipleSelect
from studyapp.progress import Store
from studyapp.study import Session
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import make_bank, open_study

TWELVE = tuple(f"Choice number {i}" for i in range(1, 13))


def _view(qtbot: QtBot, session: Session, height: int = 560) -> StudyView:
    view = open_study(qtbot, session, 800, height)  # an 800x600 screen, less the menu bar
    # Laid out: the last option has the height its text needs at its width.
    last = view.widget.tiles[-1]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: last.height() == last.heightForWidth(last.width()))
    return view


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot: QtBot, key: Qt.Key | str) -> None:
    qtbot.keyClick(_focus(), key)


def _on_screen(view: StudyView, widget: QWidget) -> bool:
    """The whole of `widget` lies inside the scroll area's visible part."""
    viewport = view.pane.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def _bank_with(question: object) -> object:
    bank = make_bank("multiple_choice")
    return bank.__class__(
        id=bank.id,
        title=bank.title,
        questions=(question,),
        tags=bank.tags,
        source=bank.source,
        actors=bank.actors,
    )


def test_arrows_reach_every_choice_past_nine_and_scroll_it_into_view(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    question = MultipleChoice(
        id="mc-twelve",
        prompt="Which was agreed?",
        choices=TWELVE,
        answer="Choice number 11",
        shuffle=False,
    )
    view = _view(qtbot, session_for(_bank_with(question)))
    tiles = view.widget.tiles  # type: ignore[union-attr]
    assert len(tiles) == 12
    # Every option has its number badge, the tenth and after too.
    assert [t.number for t in tiles] == list(range(1, 13))
    assert not _on_screen(view, tiles[10])  # the small window cannot show all twelve
    assert _focus() is tiles[0]
    for i in range(1, 11):
        _press(qtbot, Qt.Key.Key_Down)
        assert _focus() is tiles[i]
        assert _on_screen(view, tiles[i]), f"option {i + 1} is focused but off screen"
    # One answer: moving onto a choice picks it, as in any radio group.
    assert tiles[10].isChecked()
    assert sum(t.isChecked() for t in tiles) == 1
    _press(qtbot, Qt.Key.Key_Up)
    assert _focus() is tiles[9]
    _press(qtbot, Qt.Key.Key_End)
    assert _focus() is tiles[11]
    _press(qtbot, Qt.Key.Key_Home)
    assert _focus() is tiles[0]
    assert _on_screen(view, tiles[0])
    # Key 9 picks the ninth and brings it into view.
    _press(qtbot, "9")
    assert tiles[8].isChecked()
    assert _focus() is tiles[8]
    assert _on_screen(view, tiles[8])
    for _ in range(2):
        _press(qtbot, Qt.Key.Key_Down)
    _press(qtbot, Qt.Key.Key_Return)
    assert view.outcome is not None
    assert view.outcome.verdict == "right"
    assert store.review_count() == 1


def test_multiple_select_arrows_move_without_toggling_and_space_toggles(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    picks = tuple(f"Pick {i}" for i in range(1, 12))
    question = MultipleSelect(
        id="ms-eleven",
        prompt="Which apply?",
        choices=picks,
        answers=("Pick 2", "Pick 11"),
        shuffle=False,
    )
    view = _view(qtbot, session_for(_bank_with(question)))
    tiles = view.widget.tiles  # type: ignore[union-attr]
    _press(qtbot, "2")
    for _ in range(9):
        _press(qtbot, Qt.Key.Key_Down)
    assert _focus() is tiles[10]
    assert _on_screen(view, tiles[10])
    assert [t.isChecked() for t in tiles].count(True) == 1  # moving toggles nothing
    _press(qtbot, Qt.Key.Key_Space)
    assert tiles[10].isChecked()
    _press(qtbot, Qt.Key.Key_Return)
    assert view.outcome is not None
    assert view.outcome.verdict == "right"


def test_position_shift_slots_by_keys_and_one_stance_in_one_slot(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    view = _view(qtbot, session_for(make_bank("position_shift")))
    widget = view.widget
    options = widget.options  # type: ignore[union-attr]
    before = options.index("supported eventual membership") + 1
    after = options.index("ruled membership out") + 1
    _press(qtbot, str(after))  # placed in Before by mistake; After is now the active slot
    assert widget.picked == [options[after - 1], None]  # type: ignore[union-attr]
    assert widget.active == 1  # type: ignore[union-attr]
    # The same stance placed in After leaves Before: one stance sits in one slot only.
    _press(qtbot, str(after))
    assert widget.picked == [None, options[after - 1]]  # type: ignore[union-attr]
    # Left goes back to Before, Right on to After, from wherever the focus is in the question.
    _press(qtbot, Qt.Key.Key_Left)
    assert widget.active == 0  # type: ignore[union-attr]
    assert widget.slots[0].isChecked()  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_Right)
    assert widget.active == 1  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_Left)
    # Up and Down move between the stances; Space places the focused one.
    tiles = widget.tiles  # type: ignore[union-attr]
    start = tiles.index(_focus())
    steps = before - 1 - start
    for _ in range(abs(steps)):
        _press(qtbot, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    assert _focus() is tiles[before - 1]
    _press(qtbot, Qt.Key.Key_Space)
    assert widget.picked == [options[before - 1], options[after - 1]]  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_Return)
    assert view.outcome is not None
    assert view.outcome.verdict == "right"
    assert store.review_count() == 1


LONG = tuple(
    f"Option {i}: the two mayors agreed to run one ferry between the towns, to share one "
    f"timetable and to split the cost of a new pier, as the council had asked in the spring"
    for i in range(1, 13)
)


def _checked(qtbot: QtBot, view: StudyView) -> None:
    _press(qtbot, Qt.Key.Key_Return)  # Check
    assert view.outcome is not None
    qtbot.wait(50)  # the feedback is revealed on the next turns of the event loop


def test_after_check_on_a_long_list_the_pick_stays_in_view(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    question = MultipleChoice(
        id="mc-long", prompt="What was agreed?", choices=LONG, answer=LONG[5], shuffle=False
    )
    view = _view(qtbot, session_for(_bank_with(question)))
    tiles = view.widget.tiles  # type: ignore[union-attr]
    _press(qtbot, "1")  # far above the verdict, more than a screen away
    assert _on_screen(view, tiles[0])
    _checked(qtbot, view)
    assert _on_screen(view, tiles[0]), "the picked option scrolled out of sight after Check"


def test_after_check_near_the_end_the_pick_and_the_verdict_are_both_in_view(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    question = MultipleSelect(
        id="ms-long", prompt="Which were agreed?", choices=LONG, answers=LONG[10:], shuffle=False
    )
    view = _view(qtbot, session_for(_bank_with(question)))
    tiles = view.widget.tiles  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_End)
    _press(qtbot, Qt.Key.Key_Space)  # ticks the twelfth
    _press(qtbot, Qt.Key.Key_Up)
    _press(qtbot, Qt.Key.Key_Space)  # and the eleventh, where the focus stays
    _checked(qtbot, view)
    assert _on_screen(view, tiles[10])
    assert _on_screen(view, view.feedback.verdict)


def test_position_shift_a_number_never_fills_after_while_before_is_empty(
    qtbot: QtBot, session_for: Callable[..., Session], store: Store
) -> None:
    """A screenshot run showed "1" filling After with Before empty: the same number pressed
    twice moved the stance to After and left After highlighted, so the next number replaced it
    there while Before stayed empty. After each placement the highlight goes to the first empty
    slot, Before first."""
    view = _view(qtbot, session_for(make_bank("position_shift")))
    widget = view.widget
    options = widget.options  # type: ignore[union-attr]
    before = options.index("supported eventual membership") + 1
    after = options.index("ruled membership out") + 1
    _press(qtbot, str(after))
    _press(qtbot, str(after))  # the same key again: the stance moves to After
    assert widget.picked == [None, options[after - 1]]  # type: ignore[union-attr]
    assert widget.active == 0  # type: ignore[union-attr]
    assert widget.slots[0].isChecked()  # type: ignore[union-attr]
    _press(qtbot, str(before))
    assert widget.picked == [options[before - 1], options[after - 1]]  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_Return)
    assert view.outcome is not None
    assert view.outcome.verdict == "right"
    assert store.review_count() == 1


def test_position_shift_chosen_after_first_then_before_comes_next(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    """Right, then a number, fills After as the learner chose; the next number fills Before."""
    view = _view(qtbot, session_for(make_bank("position_shift")))
    widget = view.widget
    options = widget.options  # type: ignore[union-attr]
    _press(qtbot, Qt.Key.Key_Right)
    _press(qtbot, "2")
    assert widget.picked == [None, options[1]]  # type: ignore[union-attr]
    assert widget.active == 0  # type: ignore[union-attr]
    _press(qtbot, "3")
    assert widget.picked == [options[2], options[1]]  # type: ignore[union-attr]

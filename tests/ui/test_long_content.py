"""Long content fits: a 2,000-character prompt, ten options of 300 characters, long items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.model import Matching, MultipleChoice, MultipleSelect, Ordering
from studyapp.study import Session
from studyapp.ui.study.questions.matching import MatchingQuestion
from studyapp.ui.study.questions.ordering import OrderingQuestion
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import make_bank, open_study

SENTENCE = (
    "The negotiators agreed that the harbour dues would be shared between the two towns for ten "
    "years, after which a joint commission would review the arrangement and report back. "
)


def _text(length: int, lead: str = "") -> str:
    return (lead + SENTENCE * (length // len(SENTENCE) + 1))[:length]


def _view(qtbot: QtBot, session: Session) -> StudyView:
    view = open_study(qtbot, session, 800, 560)
    return view


def _only(question: object) -> object:
    return replace(make_bank("multiple_choice"), questions=(question,))


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_ten_long_options_are_shown_whole_before_and_after_checking(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    options = tuple(_text(300, f"Option {i}: ") for i in range(1, 11))
    question = MultipleChoice(
        id="long", prompt=_text(2000), choices=options, answer=options[3], shuffle=False
    )
    view = _view(qtbot, session_for(_only(question)))
    tiles = view.widget.tiles  # type: ignore[union-attr]
    prompt = next(
        lab for lab in view.widget.findChildren(type(view.where)) if len(lab.text()) > 1000
    )  # type: ignore[union-attr]

    def whole() -> bool:
        return all(t.height() >= t.heightForWidth(t.width()) for t in tiles)

    qtbot.waitUntil(whole)
    assert prompt.width() <= view.pane.viewport().width()
    assert prompt.height() >= prompt.heightForWidth(prompt.width())
    qtbot.keyClick(_focus(), "2")  # wrong: the tiles take their marks, which narrow the text
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert view.outcome is not None
    marked = [t for t in tiles if t.result]
    assert len(marked) == 2
    qtbot.waitUntil(whole)  # not clipped: each grew to fit its text beside the mark
    for tile in marked:
        assert tile.height() >= tile.heightForWidth(tile.width())


def test_an_ordering_of_long_items_is_one_list_with_no_scroll_bar_of_its_own(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    items = tuple(_text(300, f"Step {i}: ") for i in range(1, 6))
    question = Ordering(id="long-order", prompt="Put these in order.", items=items)
    view = _view(qtbot, session_for(_only(question)))
    widget = view.widget
    assert isinstance(widget, OrderingQuestion)
    order = widget.list

    def shown_whole() -> bool:
        metrics = QFontMetrics(order.font())
        for i in range(order.count()):
            rect = order.visualItemRect(order.item(i))
            box = QRect(0, 0, rect.width() - 20, 100_000)
            need = metrics.boundingRect(box, int(Qt.TextFlag.TextWordWrap), order.item(i).text())
            if rect.height() < need.height() or not order.viewport().rect().contains(rect):
                return False
        return True

    qtbot.waitUntil(shown_whole)
    assert order.verticalScrollBar().maximum() == 0
    assert order.horizontalScrollBar().maximum() == 0
    order.setCurrentRow(0)
    qtbot.keyClick(order, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(order, Qt.Key.Key_Return)
    assert view.outcome is not None
    qtbot.waitUntil(shown_whole)  # with their marks and "(belongs at N)" too
    assert order.horizontalScrollBar().maximum() == 0


# A pop-up asks the window system to raise it and grab the keyboard; offscreen has neither.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_matching_drop_down_stays_inside_the_window(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    pairs = tuple((f"Item {i}", _text(300, f"Match {i}: ")) for i in range(1, 4))
    question = Matching(id="long-match", prompt="Match them.", pairs=pairs)
    view = _view(qtbot, session_for(_only(question)))
    widget = view.widget
    assert isinstance(widget, MatchingQuestion)
    combo = widget.combos[0]
    combo.showPopup()
    popup = combo.view().window()
    qtbot.waitUntil(popup.isVisible)
    assert popup.width() <= view.width()
    combo.hidePopup()
    # Each choice is still there whole, in the list above the fields.
    for _, right in pairs:
        assert right in widget.choices.text()


def _drawn_whole(order: object) -> list[int]:
    """The rows whose text the list's own item painter would cut: it wraps at its text rect
    less the focus-frame margins each side, and elides a last line that does not fit."""
    from PySide6.QtWidgets import QListWidget, QStyle, QStyleOptionViewItem

    assert isinstance(order, QListWidget)
    style = order.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, order) + 1
    metrics = QFontMetrics(order.font())
    cut = []
    for i in range(order.count()):
        item = order.item(i)
        option = QStyleOptionViewItem()
        order.initViewItemOption(option)
        option.rect = order.visualItemRect(item)
        option.text = item.text()
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, order)
        box = QRect(0, 0, text.width() - 2 * margin, 100_000)
        need = metrics.boundingRect(box, int(Qt.TextFlag.TextWordWrap), item.text()).height()
        if need > text.height():
            cut.append(i)
    return cut


def test_ordering_rows_are_as_tall_as_the_item_painter_wraps_them(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    """A screenshot at 1280x800 showed every row of long items cut with "…": the rows were
    sized at a width 2 px wider than the one the painter wraps at, so a line that just fitted
    the one went over in the other. Items of every length from 150 to 229 characters: some of
    them fall in that gap at any width."""
    items = tuple(_text(n, f"Step {n}: ") for n in range(150, 230))
    question = Ordering(id="many-order", prompt="Put these in order.", items=items)
    view = _view(qtbot, session_for(_only(question)))
    widget = view.widget
    assert isinstance(widget, OrderingQuestion)
    for width in (800, 1000, 1280):
        view.resize(width, 560)
        qtbot.wait(20)
        assert _drawn_whole(widget.list) == [], width
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(widget.list, Qt.Key.Key_Return)
    assert view.outcome is not None
    qtbot.wait(20)
    assert _drawn_whole(widget.list) == []  # with their marks and "(belongs at N)" too


def test_a_multiple_select_past_nine_choices_has_one_hint_and_its_keys_work(
    qtbot: QtBot, session_for: Callable[..., Session]
) -> None:
    # Two hints stacked used to say half the same thing ("keys 1–9 or Space toggle" and
    # "Keys 1–9 choose the first nine; ↑ and ↓ reach every choice").
    choices = tuple(f"Choice {i}" for i in range(1, 12))
    question = MultipleSelect(
        id="many", prompt="Which?", choices=choices, answers=(choices[10],), shuffle=False
    )
    view = _view(qtbot, session_for(_only(question)))
    hints = [lab.text() for lab in view.widget.findChildren(type(view.where), "hint")]  # type: ignore[union-attr]
    assert hints == [
        "Choose every answer that applies: keys 1–9 toggle the first nine; ↑ and ↓ reach "
        "every choice, Space toggles it."
    ]
    qtbot.keyClick(_focus(), Qt.Key.Key_End)  # what the hint says: the eleventh is reached
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert view.outcome is not None
    assert view.outcome.verdict == "right"
    assert view.outcome.response == (choices[10],)

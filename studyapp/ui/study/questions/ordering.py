"""Ordering: put the items in order by dragging, or with Alt+Up / Alt+Down on the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QWidget,
)

from studyapp.answering.grading import Grade, in_order
from studyapp.answering.responses import OrderingResponse, Response
from studyapp.model import Bank, Ordering, Question
from studyapp.ui.common import theme
from studyapp.ui.common.text import set_scale
from studyapp.ui.study.questions.base import QuestionWidget

RAW = Qt.ItemDataRole.UserRole
_PAD_Y, _PAD_X = 7, 8  # room around each item, so rows read as things to grab, not a table
# After checking, each row is in its right place (✓), in the right order among the others that
# earned credit but shifted (◐), or out of order (✗): the marks add up to the score shown.
MARK_WORDS = {"✓": ", right place", "◐": ", in order", "✗": ", out of order"}
ROW_VERDICT = {"✓": "right", "◐": "partial", "✗": "wrong"}


class OrderList(QListWidget):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setStyleSheet(f"QListWidget::item {{ padding: {_PAD_Y}px {_PAD_X}px; }}")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Long items wrap inside the page's own width; the page scrolls, never the list.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.moved = False  # the learner has moved an item (by keys or by dragging)
        self.model().rowsMoved.connect(lambda *_: self._moved_by_drag())

    def _moved_by_drag(self) -> None:
        self.moved = True
        self.renumber()

    def move_current(self, step: int) -> bool:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return False
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.moved = True
        self.renumber()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        moving = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if moving and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if (
                self.isEnabled()
                and self.dragDropMode() != QAbstractItemView.DragDropMode.NoDragDrop
            ):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)

    # Not `items`: QListWidget.items(mime_data) already has that name, with another meaning.
    def texts(self) -> list[str]:
        return [self.item(i).data(RAW) for i in range(self.count())]

    def renumber(self, marks: tuple[str, ...] = ()) -> None:
        for i in range(self.count()):
            item = self.item(i)
            mark = f"{marks[i]}  " if i < len(marks) else ""
            item.setText(f"{mark}{i + 1}.  {item.data(RAW)}")
            # Readers get the word for the mark, after the item rather than before it.
            word = MARK_WORDS.get(marks[i], "") if i < len(marks) else ""
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{i + 1}. {item.data(RAW)}{word}")
        self.fit()
        self.parent_changed()

    def parent_changed(self) -> None:
        pass

    def fit(self) -> None:
        """Every row as tall as its wrapped text at the list's width, and the list as tall as
        its rows: a list of long items is shown whole, with no scroll bar of its own.

        The rows' heights are worked out here, from the text, because the item delegate's own
        guess does not wrap and leaves long items one line tall."""
        width = max(160, self.viewport().width() - 2 * self.spacing())
        metrics = QFontMetrics(self.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        # The item painter wraps inside the padding less a focus-frame margin each side (Qt's
        # textMargin); a box any wider lets a line that fits here go over there, and the
        # painter then cuts the row's last line with "…".
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        text_box = QRect(0, 0, width - 2 * _PAD_X - 2 * margin, 100_000)
        total = 0
        for i in range(self.count()):
            item = self.item(i)
            height = metrics.boundingRect(text_box, flags, item.text()).height() + 2 * _PAD_Y + 2
            item.setSizeHint(QSize(width, height))
            total += height + 2 * self.spacing()
        self.doItemsLayout()
        self.setFixedHeight(total + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


class OrderingQuestion(QuestionWidget):
    question: Ordering

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        self.add_prompt(self.question.prompt)
        self.add_hint(
            "Drag the items into order, or select one and move it with Alt+↑ / Alt+↓.",
            said="Select an item and move it with Alt+Up or Alt+Down.",
        )
        self.list = OrderList(self)
        set_scale(self.list, 1.1)
        self.list.setAccessibleName("Items to put in order")
        self.list.setAccessibleDescription("Alt+Up and Alt+Down move the selected item")
        for text in options:
            item = QListWidgetItem()
            item.setData(RAW, text)
            self.list.addItem(item)
        self.list.parent_changed = self.changed.emit  # type: ignore[method-assign]
        self.list.renumber()
        self.list.setCurrentRow(0)
        self.column.addWidget(self.list)
        self.marks: tuple[str, ...] = ()

    shown_is_an_answer = True

    def response(self) -> OrderingResponse:
        return tuple(self.list.texts())

    def has_response(self) -> bool:
        return self.list.moved

    def restore(self, response: Response | None) -> bool:
        if not isinstance(response, tuple):
            return False
        texts = [t for t in response if isinstance(t, str)]
        if len(texts) != len(response) or sorted(texts) != sorted(self.list.texts()):
            return False
        self.list.clear()
        for text in texts:
            item = QListWidgetItem()
            item.setData(RAW, text)
            self.list.addItem(item)
        self.list.moved = True
        self.list.renumber()
        self.list.setCurrentRow(0)
        return True

    def focus_first(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.list.fit()

    def answer_text(self, grade: Grade) -> str:
        """One item a line: the whole list in one run is hard to read."""
        return "\n".join(f"{i}. {item}" for i, item in enumerate(self.question.items, 1))

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        placed = self.list.texts()
        exact = grade.parts or tuple(False for _ in self.question.items)
        kept = in_order(self.question, placed)
        marks = tuple(
            "✓" if ok else ("◐" if keep else "✗") for ok, keep in zip(exact, kept, strict=True)
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.list.clearSelection()  # a highlight would hide the marks' colours
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.renumber(marks)
        self.marks = marks
        for i, mark in enumerate(marks):
            item = self.list.item(i)
            if mark != "✓":
                where = self.question.items.index(item.data(RAW)) + 1
                item.setText(f"{item.text()}   (belongs at {where})")
                said = item.data(Qt.ItemDataRole.AccessibleTextRole)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{said}, belongs at {where}")
        self.restyle()
        self.list.fit()

    def restyle(self) -> None:
        """Colour each checked row for its mark, on whichever theme is current."""
        palette = QApplication.palette()
        for i, mark in enumerate(self.marks):
            self.list.item(i).setForeground(theme.verdict_colour(ROW_VERDICT[mark], palette))

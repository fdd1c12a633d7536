"""Ordering: put the items in order by dragging, or with Alt+Up / Alt+Down on the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget, QListWidgetItem, QWidget

from studyapp.answering.grading import Grade
from studyapp.model import Bank, Ordering, Question
from studyapp.ui.common import theme
from studyapp.ui.common.text import set_scale
from studyapp.ui.study.questions.base import QuestionWidget

RAW = Qt.ItemDataRole.UserRole


class OrderList(QListWidget):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(3)
        # Room around each item, so that the rows read as things to grab rather than a table.
        self.setStyleSheet("QListWidget::item { padding: 7px 8px; }")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            word = {"✓": ", right", "✗": ", wrong"}.get(marks[i], "") if i < len(marks) else ""
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{i + 1}. {item.data(RAW)}{word}")
        self.fit()
        self.parent_changed()

    def parent_changed(self) -> None:
        pass

    def fit(self) -> None:
        self.doItemsLayout()
        height = sum(self.sizeHintForRow(i) + 2 * self.spacing() for i in range(self.count()))
        self.setFixedHeight(height + 2 * self.frameWidth() + 4)


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
        self.parts: tuple[bool, ...] = ()

    shown_is_an_answer = True

    def response(self) -> object:
        return tuple(self.list.texts())

    def has_response(self) -> bool:
        return self.list.moved

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
        parts = grade.parts or tuple(False for _ in self.question.items)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.list.clearSelection()  # a highlight would hide the marks' colours
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.renumber(tuple("✓" if ok else "✗" for ok in parts))
        self.parts = parts
        for i, ok in enumerate(parts):
            item = self.list.item(i)
            if not ok:
                where = self.question.items.index(item.data(RAW)) + 1
                item.setText(f"{item.text()}   (belongs at {where})")
                said = item.data(Qt.ItemDataRole.AccessibleTextRole)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{said}, belongs at {where}")
        self.restyle()
        self.list.fit()

    def restyle(self) -> None:
        """Colour each checked row for its verdict, on whichever theme is current."""
        palette = QApplication.palette()
        for i, ok in enumerate(self.parts):
            colour = theme.verdict_colour("right" if ok else "wrong", palette)
            self.list.item(i).setForeground(colour)

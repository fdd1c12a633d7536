"""Matching: each left-hand item gets one of the right-hand items from a numbered list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from studyapp.answering.grading import Grade
from studyapp.model import Bank, Matching, Question
from studyapp.ui.common import theme
from studyapp.ui.common.text import plain_label, set_scale
from studyapp.ui.study.questions.base import QuestionWidget


class NumberedCombo(QComboBox):
    """A drop-down where keys 1-9 choose an entry directly, then move on to the next field."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (
            text.isdigit()
            and text != "0"
            and event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
        ):
            index = int(text) - 1
            if index < self.count():
                self.setCurrentIndex(index)
                self.focusNextChild()
            return
        super().keyPressEvent(event)


class MatchingQuestion(QuestionWidget):
    question: Matching

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        self.add_prompt(self.question.prompt)
        self.add_hint(
            "For each item, choose its match: Tab to a field, then a key 1–9.",
            said="For each item, choose its match: Tab to a field, then a number key.",
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.lefts = [left for left, _ in self.question.pairs]
        self.combos: list[NumberedCombo] = []
        self.marks: list[QLabel] = []
        for row, left in enumerate(self.lefts):
            label = plain_label(left, self, scale=1.1)
            combo = NumberedCombo(self)
            set_scale(combo, 1.05)
            combo.setPlaceholderText("Choose…")
            for number, right in enumerate(options, 1):
                # Item text is shown as plain text by QComboBox; the number is the key to press.
                combo.addItem(f"{number}. {right}" if number <= 9 else right, right)
            combo.setCurrentIndex(-1)
            combo.setAccessibleName(f"Match for {left}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.setMinimumHeight(combo.sizeHint().height() + 10)  # level with the tiles
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            label.setBuddy(combo)
            mark = plain_label("", self)
            mark.hide()
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(combo, row * 2, 1)
            grid.addWidget(mark, row * 2 + 1, 1)
            self.combos.append(combo)
            self.marks.append(mark)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)

    def response(self) -> object:
        return {
            left: combo.currentData()
            for left, combo in zip(self.lefts, self.combos, strict=True)
            if combo.currentIndex() >= 0
        }

    def has_response(self) -> bool:
        return any(c.currentIndex() >= 0 for c in self.combos)

    def focus_first(self) -> None:
        self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def answer_text(self, grade: Grade) -> str:
        """One pair a line: the whole list in one run is hard to read."""
        return "\n".join(f"{left} → {right}" for left, right in self.question.pairs)

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        parts = grade.parts or tuple(False for _ in self.lefts)
        for (_, right), combo, mark, ok in zip(
            self.question.pairs, self.combos, self.marks, parts, strict=True
        ):
            combo.setEnabled(False)
            verdict = "right" if ok else "wrong"
            mark.setText("✓ right" if ok else f"✗ wrong · the match is {right}")
            mark.setAccessibleName("right" if ok else f"wrong, the match is {right}")
            theme.tint(mark, verdict)
            mark.show()

"""Matching: each left-hand item gets one of the right-hand items from a numbered list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from studyapp.answering.grading import Grade
from studyapp.answering.responses import MatchingResponse, Response
from studyapp.model import Bank, Matching, Question
from studyapp.ui.common import theme
from studyapp.ui.common.text import plain_label, plain_tip, set_scale
from studyapp.ui.study.questions.base import QuestionWidget

ENTRY_CHARS = 60  # a drop-down entry longer than this is cut short (the list above is whole)


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
        # The choices in full, numbered as the keys choose them: a learner sees what "3" means
        # before opening any drop-down.
        listing = "\n".join(
            f"{number}. {right}" if number <= 9 else f"· {right}"
            for number, right in enumerate(options, 1)
        )
        self.choices = self.add_text(listing, scale=1.05, said=f"The choices: {listing}")
        self.choices.setObjectName("choices")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.lefts = [left for left, _ in self.question.pairs]
        self.combos: list[NumberedCombo] = []
        self.marks: list[QLabel] = []
        self.given: list[QLabel] = []
        for row, left in enumerate(self.lefts):
            label = plain_label(left, self, scale=1.1)
            combo = NumberedCombo(self)
            set_scale(combo, 1.05)
            combo.setPlaceholderText("Choose…")
            for number, right in enumerate(options, 1):
                # Item text is shown as plain text by QComboBox; the number is the key to press.
                # A long choice is cut short in the drop-down, which would otherwise stretch
                # across the screen; it is listed whole above.
                shown = right if len(right) <= ENTRY_CHARS else right[: ENTRY_CHARS - 1] + "…"
                combo.addItem(f"{number}. {shown}" if number <= 9 else shown, right)
                combo.setItemData(combo.count() - 1, plain_tip(right), Qt.ItemDataRole.ToolTipRole)
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
            # After checking, the pick is shown as text at full contrast; a disabled drop-down
            # fades it to a grey few can read.
            given = plain_label("", self, scale=1.05, selectable=True)
            given.hide()
            grid.addWidget(given, row * 2, 1)
            self.given.append(given)
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(combo, row * 2, 1)
            grid.addWidget(mark, row * 2 + 1, 1)
            self.combos.append(combo)
            self.marks.append(mark)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)

    def response(self) -> MatchingResponse:
        return {
            left: combo.currentData()
            for left, combo in zip(self.lefts, self.combos, strict=True)
            if combo.currentIndex() >= 0
        }

    def restore(self, response: Response | None) -> bool:
        if not isinstance(response, dict) or any(
            left not in self.lefts or right not in self.options for left, right in response.items()
        ):
            return False
        for left, combo in zip(self.lefts, self.combos, strict=True):
            if left in response:
                combo.setCurrentIndex(self.options.index(response[left]))
        return True

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
        for (_, right), combo, mark, given, ok in zip(
            self.question.pairs, self.combos, self.marks, self.given, parts, strict=True
        ):
            picked = combo.currentData()
            given.setText(str(picked) if picked is not None else "— no match chosen —")
            given.setAccessibleName(f"Your match: {given.text()}")
            combo.hide()
            given.show()
            verdict = "right" if ok else "wrong"
            mark.setText("✓ right" if ok else f"✗ wrong · the match is {right}")
            mark.setAccessibleName("right" if ok else f"wrong, the match is {right}")
            theme.tint(mark, verdict)
            mark.show()

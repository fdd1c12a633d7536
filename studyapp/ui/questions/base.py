"""What every question widget offers the study view, and the header they share.

A widget shows one presented question, gives back the learner's response in the shape that
studyapp.bank.grading documents for its type, and, once the session has graded it, marks what
was right. It never grades or decides anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studyapp.bank.grading import Grade
from studyapp.model import Bank, Question
from studyapp.ui.text import plain_label

QUESTION_SCALE = 1.25  # question text: a step or two above the system font
TITLE_SCALE = 1.45
PROMPT_SCALE = 1.35  # a prompt may run to two lines: a little smaller than a fixed title


class QuestionWidget(QWidget):
    changed = Signal()  # the response changed; the view may update its buttons

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.options = options
        self.bank = bank
        self.locked = False
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(14)

    # Building blocks -------------------------------------------------------------------

    def add_heading(self, text: str) -> QLabel:
        label = plain_label(text, self, scale=TITLE_SCALE, bold=True, selectable=True)
        label.setAccessibleName(text)
        self.column.addWidget(label)
        return label

    def add_prompt(self, text: str) -> QLabel:
        """The bank's own question, as prominent as a fixed heading such as "Who said it?"."""
        label = plain_label(text, self, scale=PROMPT_SCALE, bold=True, selectable=True)
        label.setAccessibleName(text)
        self.column.addWidget(label)
        return label

    def add_text(self, text: str, *, scale: float = QUESTION_SCALE, muted: bool = False) -> QLabel:
        label = plain_label(text, self, scale=scale, selectable=True)
        if muted:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.column.addWidget(label)
        return label

    def add_hint(self, text: str) -> QLabel:
        label = self.add_text(text, scale=0.92, muted=True)
        label.setObjectName("hint")
        return label

    # The contract with the study view ------------------------------------------------

    def response(self) -> object:
        raise NotImplementedError

    def has_response(self) -> bool:
        return True

    def pick(self, number: int) -> bool:
        """Keys 1-9: choose option `number`; False when this kind has no numbered options."""
        return False

    def focus_first(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def answer_text(self, grade: Grade) -> str:
        """The right answer for the feedback's own line, as this widget's learner reads it."""
        return grade.expected

    def show_result(self, grade: Grade) -> None:
        """Mark the answer as graded and stop taking input."""
        self.locked = True

"""What every question widget offers the study view, and the header they share.

A widget shows one presented question, gives back the learner's response as the type that
studyapp.answering.responses gives its kind, and, once the session has graded it, marks what
was right. It never grades or decides anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from studyapp.answering.grading import Grade, is_blank
from studyapp.answering.responses import Response
from studyapp.model import Bank, Question
from studyapp.ui.common.text import plain_label, sentence

QUESTION_SCALE = 1.25  # question text: a step or two above the system font
TITLE_SCALE = 1.45
PROMPT_SCALE = 1.35  # a prompt may run to two lines: a little smaller than a fixed title


class QuestionWidget(QGroupBox):
    """A question is a named group for assistive technology.

    Screen readers speak a group when the focus enters it: its label (the first line shown,
    such as "Who said it?"), then its name, which carries the rest of what a sighted learner
    reads before answering: "Question 2 of 9", the kind's instruction and the question itself.
    Every label showing that text points at the group as its label, which keeps readers from
    saying the same words again as loose text inside it.
    """

    changed = Signal()  # the response changed; the view may update its buttons

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("question")
        self.setFlat(True)
        self.setStyleSheet("QGroupBox#question { border: none; margin: 0; padding: 0; }")
        self.question = question
        self.options = options
        self.bank = bank
        self.locked = False
        self.label_text = ""  # said first, as the group's label
        self.spoken_parts: list[str] = []
        self.position = ""
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(14)

    # Building blocks -------------------------------------------------------------------

    def speak(self, label: QLabel, text: str) -> None:
        """`text` (what `label` shows) becomes part of the group's spoken name."""
        label.setBuddy(self)  # the label labels the question: a reader will not say it twice
        if not self.label_text:
            self.label_text = sentence(text)
        else:
            self.spoken_parts.append(sentence(text))
        self._name()

    def set_position(self, index: int, total: int) -> None:
        """Where the question stands in the session, said first: "Question 2 of 9"."""
        self.position = f"Question {index} of {total}."
        self._name()

    def spoken_text(self) -> str:
        """All of it, in the order a reader says it: label, then name."""
        return " ".join(p for p in (self.label_text, self.accessibleName()) if p)

    def _name(self) -> None:
        self.setAccessibleName(" ".join(p for p in (self.position, *self.spoken_parts) if p))

    def add_heading(self, text: str) -> QLabel:
        label = plain_label(text, self, scale=TITLE_SCALE, bold=True, selectable=True)
        label.setAccessibleName(text)
        self.speak(label, text)
        self.column.addWidget(label)
        return label

    def add_prompt(self, text: str) -> QLabel:
        """The bank's own question, as prominent as a fixed heading such as "Who said it?"."""
        label = plain_label(text, self, scale=PROMPT_SCALE, bold=True, selectable=True)
        label.setAccessibleName(text)
        self.speak(label, text)
        self.column.addWidget(label)
        return label

    def add_text(
        self,
        text: str,
        *,
        scale: float = QUESTION_SCALE,
        muted: bool = False,
        said: str | None = None,
    ) -> QLabel:
        """A line of the question; `said` is how a reader says it when that differs."""
        label = plain_label(text, self, scale=scale, selectable=True)
        if muted:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        label.setAccessibleName(said or text)
        self.speak(label, said or text)
        self.column.addWidget(label)
        return label

    def add_hint(self, text: str, said: str | None = None) -> QLabel:
        label = self.add_text(text, scale=0.92, muted=True, said=said)
        label.setObjectName("hint")
        return label

    # The contract with the study view ------------------------------------------------

    def response(self) -> Response | None:
        """The learner's answer as its kind's response type; None while nothing is given."""
        raise NotImplementedError

    # True where what is on screen before the learner acts is itself a possible answer (an
    # ordering's items as shown): it is then sent only by an explicit Check, never by Enter.
    shown_is_an_answer = False

    def has_response(self) -> bool:
        """Whether the learner has given something; nothing blank is ever graded or stored."""
        return not is_blank(self.response())

    def restore(self, response: Response | None) -> bool:
        """Put back an answer given before the question was edited in its bank file; False
        where it no longer fits the question as it now stands (nothing is then restored)."""
        return False

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

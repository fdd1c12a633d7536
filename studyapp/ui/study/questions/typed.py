"""Typed answers: a short answer field, and cloze text with its fields inside the sentence."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from studyapp.answering.grading import Grade
from studyapp.answering.responses import ClozeResponse, Response, ShortAnswerResponse
from studyapp.model import Bank, Blank, Cloze, Question, ShortAnswer
from studyapp.ui.common import theme
from studyapp.ui.common.text import plain_label, sentence, set_scale
from studyapp.ui.study.questions.base import QUESTION_SCALE, QuestionWidget
from studyapp.ui.study.questions.flow import FlowLayout

_WORDS = re.compile(r"\S+\s*|\s+")


def _mark(field: QLineEdit, ok: bool, correct: str) -> None:
    field.setReadOnly(True)
    theme.tint(field, "right" if ok else "wrong", "border")
    word = "right" if ok else f"wrong, the answer is {correct}"
    field.setAccessibleDescription(word)


class ShortAnswerQuestion(QuestionWidget):
    question: ShortAnswer

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        self.add_prompt(self.question.prompt)
        self.field = QLineEdit(self)
        set_scale(self.field, 1.15)
        # As tall as the choice tiles of the other kinds, so that typing feels like their equal.
        self.field.setTextMargins(6, 0, 6, 0)
        self.field.setMinimumHeight(self.field.sizeHint().height() + 14)
        self.field.setPlaceholderText("Type your answer, then Enter")
        self.field.setAccessibleName("Your answer")
        self.field.textChanged.connect(lambda _t: self.changed.emit())
        self.column.addWidget(self.field)

    def response(self) -> ShortAnswerResponse:
        return self.field.text()

    def has_response(self) -> bool:
        return bool(self.field.text().strip())

    def restore(self, response: Response | None) -> bool:
        if not isinstance(response, str):
            return False
        self.field.setText(response)
        return True

    def focus_first(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        # The field's frame says right or wrong; the feedback below gives the answer in words.
        _mark(self.field, grade.correct, grade.expected)


class ClozeQuestion(QuestionWidget):
    question: Cloze

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        self.add_heading("Fill in the blanks")
        self.add_hint("Type into each gap; Tab moves to the next one, Enter checks.")
        holder = QWidget(self)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        flow = FlowLayout(holder, h_gap=0, v_gap=10)
        self.fields: list[QLineEdit] = []
        self.blanks: list[Blank] = []
        self.corrections: list[QLabel] = []
        for segment in self.question.segments:
            if isinstance(segment, Blank):
                field = QLineEdit(holder)
                set_scale(field, QUESTION_SCALE)
                field.setMinimumHeight(field.sizeHint().height() + 6)
                field.setAccessibleName(f"Blank {len(self.fields) + 1}")
                field.setPlaceholderText(f"({len(self.fields) + 1})")
                field.textChanged.connect(lambda _t, f=field: self._fit_gap(f))
                field.textChanged.connect(lambda _t: self.changed.emit())
                self._fit_gap(field)
                flow.addWidget(field)
                fix = plain_label("", holder, wrap=False, scale=QUESTION_SCALE)
                fix.hide()
                flow.addWidget(fix)
                self.fields.append(field)
                self.blanks.append(segment)
                self.corrections.append(fix)
                continue
            for word in _WORDS.findall(segment):
                piece = plain_label(
                    word.replace("\n", " "), holder, wrap=False, scale=QUESTION_SCALE
                )
                piece.setMinimumHeight(self.fontMetrics().height())
                flow.addWidget(piece)
        holder.setAccessibleName("Text with blanks")
        # The sentence is a row of one-word labels on screen; readers get it whole, gaps named.
        said, gaps = [], 0
        for segment in self.question.segments:
            if isinstance(segment, Blank):
                gaps += 1
                said.append(f" blank {gaps} ")
            else:
                said.append(segment)
        self.spoken_parts.append(sentence(re.sub(r"\s+([.,;:?!])", r"\1", "".join(said))))
        self.column.addWidget(holder)

    def _fit_gap(self, field: QLineEdit) -> None:
        """A gap starts nine letters wide and grows with what is typed, so the learner's whole
        answer stays in sight (up to the width of the column, where the field scrolls)."""
        metrics = field.fontMetrics()
        room = max(self.width(), metrics.horizontalAdvance("m" * 9)) if self.isVisible() else 0
        wanted = max(metrics.horizontalAdvance("m" * 9), metrics.horizontalAdvance(field.text()))
        wanted += 2 * metrics.horizontalAdvance("m")  # the frame and the text margins
        field.setFixedWidth(min(wanted, room) if room else wanted)
        field.updateGeometry()

    def response(self) -> ClozeResponse:
        return tuple(f.text() for f in self.fields)

    def has_response(self) -> bool:
        return any(f.text().strip() for f in self.fields)

    def restore(self, response: Response | None) -> bool:
        if not isinstance(response, tuple) or len(response) != len(self.fields):
            return False  # blanks added or taken away: which answer goes where is unknown
        for field, text in zip(self.fields, response, strict=True):
            field.setText(str(text))
        return True

    def focus_first(self) -> None:
        self.fields[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def answer_text(self, grade: Grade) -> str:
        """Each blank's answer, numbered as the blanks are: the sentence itself is on screen."""
        answers = [blank.accepted[0] if blank.accepted else "" for blank in self.blanks]
        if len(answers) == 1:
            return answers[0]
        return "  ".join(f"({i}) {answer}" for i, answer in enumerate(answers, 1))

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        parts = grade.parts or tuple(False for _ in self.fields)
        for field, blank, fix, ok in zip(
            self.fields, self.blanks, self.corrections, parts, strict=True
        ):
            correct = blank.accepted[0] if blank.accepted else ""
            _mark(field, ok, correct)
            # No space after: the next word brings its own, and a comma must follow closely.
            fix.setText(" ✓" if ok else f" ✗ {correct}")
            fix.setAccessibleName("right" if ok else f"wrong, the answer is {correct}")
            theme.tint(fix, "right" if ok else "wrong")
            fix.show()

"""Picks the widget for a question by its kind."""

from __future__ import annotations

from typing import assert_never

from PySide6.QtWidgets import QWidget

from studyapp.model import (
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)
from studyapp.ui.study.questions.base import QuestionWidget
from studyapp.ui.study.questions.choice import (
    AttributionQuestion,
    MultipleChoiceQuestion,
    MultipleSelectQuestion,
    TrueFalseQuestion,
)
from studyapp.ui.study.questions.matching import MatchingQuestion
from studyapp.ui.study.questions.ordering import OrderingQuestion
from studyapp.ui.study.questions.position import PositionShiftQuestion
from studyapp.ui.study.questions.typed import ClozeQuestion, ShortAnswerQuestion


def make_question_widget(
    question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None = None
) -> QuestionWidget:
    # A match closed by assert_never, as every dispatch on a kind is: mypy names each one a new
    # kind is missing from.
    match question:
        case Attribution():
            return AttributionQuestion(question, options, bank, parent)
        case PositionShift():
            return PositionShiftQuestion(question, options, bank, parent)
        case MultipleChoice():
            return MultipleChoiceQuestion(question, options, bank, parent)
        case MultipleSelect():
            return MultipleSelectQuestion(question, options, bank, parent)
        case TrueFalse():
            return TrueFalseQuestion(question, options, bank, parent)
        case Matching():
            return MatchingQuestion(question, options, bank, parent)
        case Ordering():
            return OrderingQuestion(question, options, bank, parent)
        case Cloze():
            return ClozeQuestion(question, options, bank, parent)
        case ShortAnswer():
            return ShortAnswerQuestion(question, options, bank, parent)
        case _:
            assert_never(question)

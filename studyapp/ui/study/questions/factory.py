"""Picks the widget for a question by its type."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from studyapp.model import Bank, Question
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

WIDGETS: dict[str, type[QuestionWidget]] = {
    "attribution": AttributionQuestion,
    "position_shift": PositionShiftQuestion,
    "multiple_choice": MultipleChoiceQuestion,
    "multiple_select": MultipleSelectQuestion,
    "true_false": TrueFalseQuestion,
    "matching": MatchingQuestion,
    "ordering": OrderingQuestion,
    "cloze": ClozeQuestion,
    "short_answer": ShortAnswerQuestion,
}


def make_question_widget(
    question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None = None
) -> QuestionWidget:
    return WIDGETS[question.TYPE](question, options, bank, parent)

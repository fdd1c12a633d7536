"""What a study session is made of: its settings, the question on screen, an answer's outcome.

Plain values the session hands out and the GUI draws from; `studyapp.session` re-exports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studyapp import queue
from studyapp.bank.grading import Grade
from studyapp.bank.presentation import Presentation
from studyapp.model import Bank, Question
from studyapp.scheduler import Rating

__all__ = [
    "EXAM_QUESTIONS",
    "EXAM_SECONDS_PER_QUESTION",
    "MODES",
    "AnswerOutcome",
    "Clock",
    "Presented",
    "SessionConfig",
    "SessionError",
]

Clock = Callable[[], datetime]
MODES = queue.MODES
# An exam unless the learner says otherwise: this many questions, this long for each.
EXAM_QUESTIONS = 20
EXAM_SECONDS_PER_QUESTION = 60.0


class SessionError(Exception):
    """A call that makes no sense in the session's present state (e.g. answering twice)."""


@dataclass(frozen=True, slots=True)
class SessionConfig:
    mode: str = "practice"
    bank_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    limit: int | None = None  # at most this many questions (an exam's N)
    time_limit: float | timedelta | None = None  # seconds, or a timedelta; exams
    record: bool = True  # False to try questions without touching progress (preview)
    question_ids: tuple[str, ...] = ()  # only these, in this order; `bank/question` or plain
    # Time allowed per question drawn, instead of a fixed time_limit: only the session knows how
    # many questions it drew (a small bank gives fewer than `limit`).
    seconds_per_question: float | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; use one of {', '.join(MODES)}")
        if self.seconds_per_question is not None and self.seconds_per_question <= 0:
            raise ValueError("seconds_per_question must be positive")
        if self.seconds_per_question is not None and self.time_limit is not None:
            raise ValueError("give time_limit or seconds_per_question, not both")

    @classmethod
    def for_mode(
        cls, mode: str, bank_ids: tuple[str, ...] = (), tags: tuple[str, ...] = ()
    ) -> SessionConfig:
        """The usual session of a mode: an exam is sized and timed, the others are open-ended."""
        if mode == "exam":
            return cls(
                mode,
                bank_ids,
                tags,
                limit=EXAM_QUESTIONS,
                seconds_per_question=EXAM_SECONDS_PER_QUESTION,
            )
        return cls(mode, bank_ids, tags)

    @property
    def time_limit_delta(self) -> timedelta | None:
        if self.time_limit is None or isinstance(self.time_limit, timedelta):
            return self.time_limit
        return timedelta(seconds=float(self.time_limit))


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    bank: Bank = field(repr=False)
    question: Question
    response: object
    grade: Grade
    rating: Rating
    due: datetime  # when the scheduler wants it asked again
    show_feedback: bool  # False in an exam: the learner sees results only at the end
    explanation: str
    evidence: tuple[str, ...]
    source_title: str
    changed: bool  # the question was edited since the learner last answered it
    recorded: bool  # written to the progress store

    @property
    def verdict(self) -> str:
        return self.grade.verdict


@dataclass(frozen=True, slots=True)
class Presented:
    bank: Bank = field(repr=False)
    presentation: Presentation
    index: int  # 0-based position among the session's questions
    total: int
    time_left: timedelta | None
    changed: bool  # edited since the learner last answered it
    outcome: AnswerOutcome | None = None  # set once answered

    @property
    def question(self) -> Question:
        return self.presentation.question

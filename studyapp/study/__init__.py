"""Studying: a session over some banks, the queue it asks from, its set-up and its report, and
the one view of a learner's cards that the session and every statistic read."""

from studyapp.study.cards import LearnerCard, LearnerCards, Status
from studyapp.study.config import (
    EXAM_QUESTIONS,
    EXAM_SECONDS_PER_QUESTION,
    MODES,
    Clock,
    Mode,
    SessionConfig,
    SessionError,
)
from studyapp.study.session import AnswerOutcome, Presented, Session
from studyapp.study.summary import Missed, SessionSummary, TagResult

__all__ = [
    "EXAM_QUESTIONS",
    "EXAM_SECONDS_PER_QUESTION",
    "MODES",
    "AnswerOutcome",
    "Clock",
    "LearnerCard",
    "LearnerCards",
    "Missed",
    "Mode",
    "Presented",
    "Session",
    "SessionConfig",
    "SessionError",
    "SessionSummary",
    "Status",
    "TagResult",
]

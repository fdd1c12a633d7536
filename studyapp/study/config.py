"""How a study session is set up: its mode, which questions, how long, whether it records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

Clock = Callable[[], datetime]


class Mode(StrEnum):
    """The ways to study; the text is what the command line takes and the log stores."""

    PRACTICE = "practice"  # every chosen question, shuffled
    REVIEW = "review"  # what the schedule says is due, then new ones up to the daily limit
    EXAM = "exam"  # sized and timed; results only at the end
    MISTAKES = "mistakes"  # what was last answered wrong, most recent first


MODES = tuple(Mode)
# An exam unless the learner says otherwise: this many questions, this long for each.
EXAM_QUESTIONS = 20
EXAM_SECONDS_PER_QUESTION = 60.0


class SessionError(Exception):
    """A call that makes no sense in the session's present state (e.g. answering twice)."""


@dataclass(frozen=True, slots=True)
class SessionConfig:
    mode: Mode = Mode.PRACTICE
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
        # Callers may give the mode as its text; keep the enum so comparisons are typed.
        object.__setattr__(self, "mode", Mode(self.mode))
        if self.seconds_per_question is not None and self.seconds_per_question <= 0:
            raise ValueError("seconds_per_question must be positive")
        if self.seconds_per_question is not None and self.time_limit is not None:
            raise ValueError("give time_limit or seconds_per_question, not both")

    @classmethod
    def for_mode(
        cls, mode: Mode | str, bank_ids: tuple[str, ...] = (), tags: tuple[str, ...] = ()
    ) -> SessionConfig:
        """The usual session of a mode: an exam is sized and timed, the others are open-ended."""
        mode = Mode(mode)
        if mode == Mode.EXAM:
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

"""What a finished (or abandoned) study session reports: score, per-tag results, what was missed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType

from studyapp.answering.responses import Response
from studyapp.model import Bank, Question, Verdict
from studyapp.study.config import Mode


@dataclass(frozen=True, slots=True)
class TagResult:
    right: int
    total: int
    score: float

    @property
    def fraction(self) -> float:
        return self.score / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Missed:
    bank: Bank = field(repr=False)
    question: Question
    response: Response | None  # None when the question went unanswered
    expected: str
    verdict: Verdict
    explanation: str
    evidence: tuple[str, ...]
    source_title: str


@dataclass(frozen=True, slots=True)
class SessionSummary:
    mode: Mode
    total: int
    answered: int
    right: int
    score: float  # sum of the answers' scores
    fraction: float  # exam: over every question; otherwise over those answered
    per_tag: Mapping[str, TagResult] = field(default_factory=lambda: MappingProxyType({}))
    missed: tuple[Missed, ...] = ()
    elapsed: timedelta = timedelta()

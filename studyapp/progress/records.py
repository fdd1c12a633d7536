"""The rows the store hands out: profiles, card states and logged answers, and their encoding."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from studyapp.scheduler import DEFAULT_QUICK_SECONDS, DEFAULT_RETENTION, CardState


def timestamp(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _plain(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot store a response of type {type(value).__name__}")


def encode_response(response: object) -> str:
    return json.dumps(response, default=_plain, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    desired_retention: float = DEFAULT_RETENTION
    daily_new_limit: int = 20
    quick_seconds: float = DEFAULT_QUICK_SECONDS
    exam_date: date | None = None
    daily_minutes: int | None = None
    shuffle_options: bool = True


@dataclass(frozen=True, slots=True)
class CardRecord:
    bank: str
    question: str
    content_hash: str
    state: CardState
    first_at: datetime
    last_at: datetime
    last_verdict: str

    @property
    def due(self) -> datetime:
        return self.state.due


# An answer's fields, in the order of the review log's columns (schema.py's `reviews`). The one
# list of them: the export's columns, a sync answer record's required keys, the merge's reading
# of one and a deleted profile's held rows are each made from it, so that a field added to an
# answer reaches all four (a copy of the list in each had to be kept in step by hand).
ANSWER_FIELDS = (
    "profile",
    "bank",
    "question",
    "content_hash",
    "at",
    "response",
    "verdict",
    "score",
    "duration_ms",
    "mode",
    "rating",
)
# The fields a sync answer record may leave out: a duration is not always measured (None), and
# the merge reads it with a default.
OPTIONAL_ANSWER_FIELDS = frozenset({"duration_ms"})


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    profile: str
    bank: str
    question: str
    content_hash: str
    at: datetime
    response: object
    verdict: str
    score: float
    duration_ms: int | None
    mode: str
    rating: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "profile": self.profile,
            "bank": self.bank,
            "question": self.question,
            "content_hash": self.content_hash,
            "at": timestamp(self.at),
            "response": self.response,
            "verdict": self.verdict,
            "score": self.score,
            "duration_ms": self.duration_ms,
            "mode": self.mode,
            "rating": self.rating,
        }


REVIEW_COLUMNS = ", ".join(("id", *ANSWER_FIELDS))


def review_row(row: tuple[Any, ...]) -> ReviewRow:
    return ReviewRow(
        id=row[0],
        profile=row[1],
        bank=row[2],
        question=row[3],
        content_hash=row[4],
        at=parse_time(row[5]),
        response=json.loads(row[6]),
        verdict=row[7],
        score=row[8],
        duration_ms=row[9],
        mode=row[10],
        rating=row[11],
    )


def card_record(row: tuple[Any, ...]) -> CardRecord:
    bank, question, content_hash, state, first_at, last_at, verdict = row
    return CardRecord(
        bank=bank,
        question=question,
        content_hash=content_hash,
        state=CardState.from_dict(json.loads(state)),
        first_at=parse_time(first_at),
        last_at=parse_time(last_at),
        last_verdict=verdict,
    )


PROFILE_COLUMNS = (
    "desired_retention",
    "daily_new_limit",
    "quick_seconds",
    "exam_date",
    "daily_minutes",
    "shuffle_options",
)
CARD_COLUMNS = "bank, question, content_hash, state, first_at, last_at, last_verdict"


def name_id(name: str) -> str:
    """The stable id a profile gets from its name: the id of every profile made before ids
    existed (schema v8), and of a new one whose name-id this store has not used yet. Two
    devices that each made "ana" before they synced therefore hold one profile, as they did
    when profiles were matched by name. Never change it: stores and sync files hold it."""
    return "n" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]

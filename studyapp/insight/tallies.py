"""Each bank's library counts, kept in the progress store between runs.

The library shows, per bank, how many questions are due, learning, new and mastered. Counting
that from the cards means reading every card of every bank (50,000 cards for a library of
100,000 questions take a third of a second). Most of the count does not depend on the time:
which cards still speak for a question of the bank, which are stale (the question was edited),
and for each card the moment it falls due and the moment it stops counting as mastered. A
`Tally` holds exactly that, sorted, so that the counts at any moment are two bisections.

A tally is kept in the store (schema v7, `bank_tallies`) under a `fit`: the format, the
bank's content digest and the retention. The store deletes it whenever one of the bank's cards
changes, whoever changes it, so a kept tally always says what the cards say.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from studyapp.bank.info import BankInfo
from studyapp.model import Verdict
from studyapp.progress.records import timestamp
from studyapp.scheduler import Phase, days_recalled

TALLY_FORMAT = 1
# Later than any moment `timestamp()` writes: a memory mastered past the calendar's end.
_NEVER = "9999-12-31T23:59:59.999999+00:00"


@dataclass(frozen=True, slots=True)
class Tally:
    matched: int  # questions of the bank that have a card (under their id or an earlier one)
    stale: int  # of those, cards for an earlier wording: due at once
    last: str | None  # the latest review of any of them, as stored
    dues: tuple[str, ...]  # when each other card falls due, sorted
    keeps: tuple[str, ...]  # for each card that can count as mastered: until when, sorted

    def due_at(self, moment: str) -> int:
        return self.stale + bisect_right(self.dues, moment)

    def mastered_at(self, moment: str) -> int:
        # Mastered means not due yet and still recalled: both end at `keeps`.
        return len(self.keeps) - bisect_right(self.keeps, moment)

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": TALLY_FORMAT,
                "matched": self.matched,
                "stale": self.stale,
                "last": self.last,
                "dues": self.dues,
                "keeps": self.keeps,
            },
            separators=(",", ":"),
        )


def fit_of(info: BankInfo, retention: float) -> str:
    """What a kept tally must have been counted for to be used."""
    return f"{TALLY_FORMAT}:{info.digest}:{retention!r}"


def tally_from_json(text: str) -> Tally | None:
    """A kept tally; None when it is not one this version wrote (it is then counted again)."""
    try:
        data = json.loads(text)
        if data.get("v") != TALLY_FORMAT:
            return None
        dues = tuple(data["dues"])
        keeps = tuple(data["keeps"])
        last = data["last"]
        "".join(dues + keeps)  # raises TypeError unless every one is text (at C speed)
        if last is not None and not isinstance(last, str):
            return None
        return Tally(int(data["matched"]), int(data["stale"]), last, dues, keeps)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _kept_until(stability: float, last_review: str, retention: float) -> str:
    """The moment from which a card reviewed at `last_review` no longer counts as mastered.

    Mastered is forgetting_curve(stability, whole days since the review) >= retention; whole
    days are `timedelta.days`, so it holds while now < review + (days_recalled + 1) days.
    """
    days = days_recalled(stability, retention)
    if days < 0:
        return ""  # never mastered: sorts before every moment
    try:
        return timestamp(datetime.fromisoformat(last_review) + timedelta(days=days + 1))
    except OverflowError:
        return _NEVER


def count(rows: Sequence[tuple[Any, ...]], info: BankInfo, retention: float) -> Tally:
    """The bank's tally from its card briefs (Store.card_briefs).

    A question's card is found as LearnerCards finds it: under its id, then its earlier ids.
    """
    by_question = {row[0]: row for row in rows}
    matched = stale = 0
    last: str | None = None
    last_moment: datetime | None = None
    dues: list[str] = []
    keeps: list[str] = []
    if by_question:
        for qid, earlier, digest in zip(info.question_ids, info.aliases, info.hashes, strict=True):
            row = by_question.get(qid)
            for alias in earlier:
                if row is not None:
                    break
                row = by_question.get(alias)
            if row is None:
                continue
            matched += 1
            _q, stored_hash, due_at, verdict, phase, stability, last_review = row
            if last_review is not None:
                reviewed = datetime.fromisoformat(last_review)
                if last_moment is None or reviewed > last_moment:
                    last, last_moment = last_review, reviewed
            if stored_hash != digest:
                stale += 1
                continue
            dues.append(due_at)
            if (
                phase == Phase.REVIEW
                and verdict == Verdict.RIGHT
                and stability is not None
                and last_review is not None
            ):
                keeps.append(min(due_at, _kept_until(stability, last_review, retention)))
    return Tally(matched, stale, last, tuple(sorted(dues)), tuple(sorted(keeps)))

"""Figures for the library screen and the statistics charts, read from the progress store.

Days are calendar days in the time zone given (the learner's), defaulting to UTC; "now" always
comes from the caller's clock.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from studyapp.model import Attribution, Bank, content_hash
from studyapp.progress.store import CardRecord, Store, parse_time, timestamp
from studyapp.queue import find_card
from studyapp.scheduler import CardState, Phase, retrievability
from studyapp.scheduler.calibrate import Calibration, calibrate, samples
from studyapp.scheduler.plan import (
    DEFAULT_EXAM_TARGET,
    DEFAULT_SECONDS_PER_QUESTION,
    ExamPlan,
    plan_exam,
)


class BankSummary(NamedTuple):
    total: int
    due: int  # due now, or edited since learnt
    new: int  # never answered
    mastered: float  # fraction of the bank's questions, 0 to 1


@dataclass(frozen=True, slots=True)
class TodayLine:
    answered: int
    right: int
    next_due: datetime | None  # earliest due time of any card (may be now or past)
    due_now: int = 0  # cards due at `now` or before, across the profile's banks

    @property
    def fraction_right(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    answered: int
    right: int
    score: float  # sum of scores; score / answered is the day's accuracy

    @property
    def accuracy(self) -> float | None:
        return self.score / self.answered if self.answered else None


@dataclass(frozen=True, slots=True)
class TagMastery:
    mastered: int
    seen: int
    total: int


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def is_mastered(card: CardRecord, now: datetime, desired_retention: float) -> bool:
    """Graduated from learning, last answered right, and still predicted to be recalled."""
    return (
        card.state.phase == Phase.REVIEW
        and card.last_verdict == "right"
        and retrievability(card.state, now) >= desired_retention
    )


def bank_summary(store: Store, profile: str, bank: Bank, now: datetime) -> BankSummary:
    cards = store.cards(profile, bank.id)
    retention = store.profile(profile).desired_retention
    due = new = mastered = 0
    for q in bank.questions:
        card = find_card(cards, bank, q)
        if card is None:
            new += 1
        elif card.content_hash != content_hash(q) or card.due <= now:
            due += 1
        elif is_mastered(card, now, retention):
            mastered += 1
    total = len(bank.questions)
    return BankSummary(total, due, new, mastered / total if total else 0.0)


def today(
    store: Store,
    profile: str,
    now: datetime,
    tz: tzinfo = UTC,
    bank_ids: Iterable[str] | None = None,
) -> TodayLine:
    since = timestamp(_midnight(now.astimezone(tz).date(), tz))
    db = store.connection
    answered = right = 0
    wanted = None if bank_ids is None else set(bank_ids)
    for bank, verdict in db.execute(
        "SELECT bank, verdict FROM reviews WHERE profile = ? AND at >= ?", (profile, since)
    ):
        if wanted is None or bank in wanted:
            answered += 1
            right += verdict == "right"
    first, due_now = db.execute(
        "SELECT min(due), count(*) FILTER (WHERE due <= ?) FROM cards WHERE profile = ?",
        (timestamp(now), profile),
    ).fetchone()
    return TodayLine(answered, right, parse_time(first) if first else None, due_now)


def reviews_per_day(
    store: Store, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
) -> list[DayCount]:
    """Answers, right answers and score per day for the last `days` days, oldest first."""
    last = now.astimezone(tz).date()
    first = last - timedelta(days=days - 1)
    tallies: dict[date, list[float]] = {first + timedelta(d): [0, 0, 0.0] for d in range(days)}
    for at, verdict, score in store.connection.execute(
        "SELECT at, verdict, score FROM reviews WHERE profile = ? AND at >= ?",
        (profile, timestamp(_midnight(first, tz))),
    ):
        tally = tallies.get(parse_time(at).astimezone(tz).date())
        if tally is not None:
            tally[0] += 1
            tally[1] += verdict == "right"
            tally[2] += score
    return [DayCount(d, int(a), int(r), s) for d, (a, r, s) in tallies.items()]


def due_forecast(
    store: Store, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
) -> list[tuple[date, int]]:
    """How many cards fall due each day from today on; today includes the overdue ones."""
    first = now.astimezone(tz).date()
    counts: Counter[date] = Counter()
    for (due,) in store.connection.execute(
        "SELECT due FROM cards WHERE profile = ? AND due < ?",
        (profile, timestamp(_midnight(first + timedelta(days=days), tz))),
    ):
        counts[max(first, parse_time(due).astimezone(tz).date())] += 1
    return [(first + timedelta(d), counts[first + timedelta(d)]) for d in range(days)]


def tag_mastery(
    store: Store, profile: str, banks: Iterable[Bank], now: datetime
) -> dict[str, TagMastery]:
    retention = store.profile(profile).desired_retention
    tallies: dict[str, list[int]] = {}
    for bank in banks:
        cards = store.cards(profile, bank.id)
        for q in bank.questions:
            card = find_card(cards, bank, q)  # answers under an earlier id count too
            fresh = card is None or card.content_hash != content_hash(q)
            mastered = card is not None and not fresh and is_mastered(card, now, retention)
            for tag in bank.tags_of(q):
                tally = tallies.setdefault(tag, [0, 0, 0])
                tally[0] += mastered
                tally[1] += not fresh
                tally[2] += 1
    return {tag: TagMastery(*tallies[tag]) for tag in sorted(tallies)}


def confusion(store: Store, profile: str, banks: Mapping[str, Bank]) -> dict[tuple[str, str], int]:
    """(who said it, whom the learner chose) -> count, over attribution answers.

    Answers given to an earlier wording of a question are left out: its speaker may differ.
    """
    attributions = {
        (bank.id, q.id): (q.speaker, content_hash(q))
        for bank in banks.values()
        for q in bank.questions
        if isinstance(q, Attribution)
    }
    counts: Counter[tuple[str, str]] = Counter()
    for bank_id, qid, digest, response in store.connection.execute(
        "SELECT bank, question, content_hash, response FROM reviews WHERE profile = ?",
        (profile,),
    ):
        known = attributions.get((bank_id, qid))
        if known is None or known[1] != digest:
            continue
        chosen = json.loads(response)
        if isinstance(chosen, str):
            counts[known[0], chosen] += 1
    return dict(counts)


def exam_plan(
    store: Store,
    profile: str,
    banks: Iterable[Bank],
    now: datetime,
    tz: tzinfo = UTC,
    *,
    exam_date: date | None = None,
    daily_minutes: int | None = None,
) -> ExamPlan[tuple[str, str]] | None:
    """The profile's plan for its exam date and daily minutes; None until both are set.

    `exam_date` and `daily_minutes` stand in for the saved ones (a settings screen previews a
    plan before it is saved). The time per question is the learner's own median over recent
    answers (30 s before any).
    """
    settings = store.profile(profile)
    exam_date = exam_date or settings.exam_date
    daily_minutes = daily_minutes or settings.daily_minutes
    if exam_date is None or not daily_minutes:
        return None
    states: dict[tuple[str, str], CardState | None] = {}
    for bank in banks:
        cards = store.cards(profile, bank.id)
        for q in bank.questions:
            card = find_card(cards, bank, q)  # answers under an earlier id count too
            fresh = card is None or card.content_hash != content_hash(q)
            states[bank.id, q.id] = None if fresh or card is None else card.state
    durations = sorted(
        d
        for (d,) in store.connection.execute(
            "SELECT duration_ms FROM reviews WHERE profile = ? AND duration_ms > 0 "
            "ORDER BY id DESC LIMIT 500",
            (profile,),
        )
    )
    seconds = durations[len(durations) // 2] / 1000 if durations else DEFAULT_SECONDS_PER_QUESTION
    return plan_exam(
        states,
        now,
        exam_date,
        daily_minutes,
        target=max(DEFAULT_EXAM_TARGET, settings.desired_retention),
        seconds_per_question=max(seconds, 1.0),
        tz=tz,
        retention=settings.desired_retention,
        scale=calibration(store, profile).scale,
    )


def calibration(store: Store, profile: str) -> Calibration:
    """How far this learner's memory runs from FSRS's average learner, from recent answers."""
    answers = store.recent_answers(profile)
    return calibrate(samples(((b, q), at, rating, state) for b, q, at, rating, state in answers))


# Anki's default: after this many lapses a card is a leech. A question forgotten again and
# again is not helped by more of the same reviews; it needs another way in.
LEECH_LAPSES = 8


@dataclass(frozen=True, slots=True)
class Leech:
    bank: str
    question: str
    lapses: int


def leeches(store: Store, profile: str, banks: Iterable[Bank]) -> list[Leech]:
    """Questions the learner has forgotten at least LEECH_LAPSES times, the worst first."""
    found: list[Leech] = []
    for bank in banks:
        cards = store.cards(profile, bank.id)
        for q in bank.questions:
            card = find_card(cards, bank, q)
            if card is not None and card.state.lapses >= LEECH_LAPSES:
                found.append(Leech(bank.id, q.id, card.state.lapses))
    found.sort(key=lambda leech: (-leech.lapses, leech.bank, leech.question))
    return found

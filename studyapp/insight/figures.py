"""Figures for the library screen and the statistics charts, read from the progress store
through its typed queries and the shared view of the learner's cards.

Days are calendar days in the time zone given (the learner's), defaulting to UTC; "now" always
comes from the caller's clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

from studyapp.bank.info import BankInfo, info_of
from studyapp.model import Attribution, Bank, Verdict, content_hash
from studyapp.progress.records import timestamp
from studyapp.progress.store import Store
from studyapp.study.cards import LearnerCards
from studyapp.study.days import day_index, day_of, day_starts, midnight


class BankSummary(NamedTuple):
    total: int
    due: int  # due now, or edited since learnt
    new: int  # never answered
    mastered: float  # fraction of the bank's questions, 0 to 1
    learning: int = 0  # answered, not due yet, not mastered yet
    last_studied: datetime | None = None  # the latest answer to any of its questions


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


def bank_summary(store: Store, profile: str, bank: Bank, now: datetime) -> BankSummary:
    return summaries(store, profile, [info_of(bank)], now)[bank.id]


def summaries(
    store: Store, profile: str, infos: Iterable[BankInfo], now: datetime
) -> dict[str, BankSummary]:
    """Each bank's row figures, from its info and its cards: no question object is built.

    A question's card is found as LearnerCards finds it (under its id, then its earlier ids);
    a card for an edited question counts as due, and mastered is LearnerCard.mastered worked
    out from the stored state's fields (the same forgetting curve fsrs uses, in whole days).
    The time-free part of each count is a tally (insight/tallies.py) the store keeps between
    runs; only a bank whose cards changed since is counted from its cards again.
    """
    # the tallies load when today's numbers are first counted, after the first paint
    from studyapp.insight import tallies

    retention = store.profile(profile).desired_retention
    moment = timestamp(now)
    infos = list(infos)
    found = tallies.kept(store, profile, infos, retention)
    out: dict[str, BankSummary] = {}
    for info in infos:
        total = info.count
        tally = found[info.id]
        due = tally.due_at(moment)
        mastered = tally.mastered_at(moment)
        learning = tally.matched - due - mastered
        last = datetime.fromisoformat(tally.last) if tally.last is not None else None
        share = mastered / total if total else 0.0
        out[info.id] = BankSummary(total, due, total - tally.matched, share, learning, last)
    return out


def today(
    store: Store,
    profile: str,
    now: datetime,
    tz: tzinfo = UTC,
    bank_ids: Iterable[str] | None = None,
) -> TodayLine:
    since = midnight(day_of(now, tz), tz)
    answered = right = 0
    wanted = None if bank_ids is None else set(bank_ids)
    for bank, verdict, _score in store.verdicts_since(profile, since):
        if wanted is None or bank in wanted:
            answered += 1
            right += verdict == Verdict.RIGHT
    first, due_now = store.due_now(profile, now)
    return TodayLine(answered, right, first, due_now)


def reviews_per_day(
    store: Store, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
) -> list[DayCount]:
    """Answers, right answers and score per day for the last `days` days, oldest first."""
    last = day_of(now, tz)
    first = last - timedelta(days=days - 1)
    starts = day_starts(first, days, tz)  # each answer in the day whose midnight last passed
    tallies = [[0, 0, 0.0] for _ in range(days)]
    for at, verdict, score in store.answer_times_since(profile, starts[0]):
        day = day_index(starts, at)
        if 0 <= day < days:
            tally = tallies[day]
            tally[0] += 1
            tally[1] += verdict == Verdict.RIGHT
            tally[2] += score
    return [
        DayCount(first + timedelta(d), int(a), int(r), s) for d, (a, r, s) in enumerate(tallies)
    ]


def due_forecast(
    store: Store, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
) -> list[tuple[date, int]]:
    """How many cards fall due each day from today on; today includes the overdue ones."""
    first = day_of(now, tz)
    starts = day_starts(first, days, tz)  # each due time in the day whose midnight last passed
    counts = [0] * days
    for due in store.due_before(profile, starts[-1]):
        counts[max(0, day_index(starts, due))] += 1
    return [(first + timedelta(d), n) for d, n in enumerate(counts)]


def tag_mastery(
    store: Store, profile: str, banks: Iterable[Bank], now: datetime
) -> dict[str, TagMastery]:
    retention = store.profile(profile).desired_retention
    tallies: dict[str, list[int]] = {}
    banks = list(banks)
    view = LearnerCards.read(store, profile, banks)
    for bank in banks:
        for seen in view.of_bank(bank):  # answers under an earlier id count too
            mastered = seen.mastered(now, retention)
            for tag in bank.tags_of(seen.question):
                tally = tallies.setdefault(tag, [0, 0, 0])
                tally[0] += mastered
                tally[1] += not seen.fresh
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
    for bank_id, qid, digest, chosen in store.responses(profile):
        known = attributions.get((bank_id, qid))
        if known is None or known[1] != digest:
            continue
        if isinstance(chosen, str):
            counts[known[0], chosen] += 1
    return dict(counts)


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
    banks = list(banks)
    view = LearnerCards.read(store, profile, banks)
    # Only a bank holding a card with that many lapses can hold a leech: the others (most of a
    # large library) are not walked question by question.
    lapsed = view.banks_where(lambda card: card.state.lapses >= LEECH_LAPSES)
    for bank in (b for b in banks if b.id in lapsed):
        for seen in view.of_bank(bank):
            card = seen.card
            if card is not None and card.state.lapses >= LEECH_LAPSES:
                found.append(Leech(bank.id, seen.question.id, card.state.lapses))
    found.sort(key=lambda leech: (-leech.lapses, leech.bank, leech.question))
    return found

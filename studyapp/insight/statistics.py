"""Every figure of the statistics page, worked out in one go from the banks' infos and a few
store queries, without building a question or decoding a card.

A library of 100,000 questions with 100,000 answers used to take seconds here: every question
was hashed again and every card decoded, once per figure. Now each figure is one pass: answers
and recall tests come counted per quarter hour as the store keeps them (brought up to date
from the answers since), due times counted per quarter hour from SQL, mastery per tag and the
leeches from the banks' tallies the store keeps for the library (a bank's cards are read only
when they changed since), and a question's tags, speaker and fingerprint come from its bank's
info. Only the few banks whose questions the page quotes (the leeches) are built, in
quoted_banks. The memory model is read beside the other figures (gather_memory); fitting it
anew, the slow part, comes after the page is drawn.

Plain Python: it runs in a worker thread, on a store connection of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from studyapp.bank.info import BankInfo
from studyapp.insight.figures import LEECH_LAPSES, DayCount, Leech, TagMastery, TodayLine
from studyapp.insight.views import Confusion
from studyapp.model import Bank, Verdict
from studyapp.progress.records import timestamp
from studyapp.progress.store import Store
from studyapp.scheduler import Phase, forgetting_curve
from studyapp.scheduler.calibrate import Calibration
from studyapp.scheduler.fit import MemoryModel
from studyapp.study.days import day_index, day_of, day_starts

DAYS = 30  # the window of every chart, back and forward
# A recall test is an answer given at least this long after the last one to the same question:
# within a sitting the learner has just seen the answer, which says nothing of memory.
RECALL_GAP_DAYS = 1.0

Step = Callable[[int, int, str], None]  # (done, of, what is being worked out)


@dataclass(frozen=True, slots=True)
class Retention:
    """Recall actually achieved: right answers among recall tests over the last DAYS days."""

    tests: int
    right: int
    desired: float  # what the schedule aims for, to compare with

    @property
    def rate(self) -> float | None:
        return self.right / self.tests if self.tests else None


@dataclass(frozen=True, slots=True)
class Statistics:
    profile: str
    total: int  # answers in all
    today: TodayLine
    days: tuple[DayCount, ...]  # the last DAYS days, oldest first
    forecast: tuple[tuple[date, int], ...]  # the next DAYS days from today
    retention: Retention
    mastery: Mapping[str, TagMastery]
    confusions: tuple[Confusion, ...]
    leeches: tuple[Leech, ...]
    # the banks of the first leeches, built to quote their questions (gather's `quote`)
    quoted: Mapping[str, Bank] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Memory:
    """How FSRS fits this learner, as kept: worked out beside the other figures."""

    calibration: Calibration
    model: MemoryModel | None  # the kept one
    fit_due: bool  # enough answers came since it to fit again (done after the page is drawn)


STEPS = 4


def gather(
    store: Store,
    profile: str,
    infos: Iterable[BankInfo],
    now: datetime,
    tz: tzinfo = UTC,
    step: Step | None = None,
    quote: Callable[[Sequence[Leech]], Mapping[str, Bank]] | None = None,
) -> Statistics:
    """Every figure of the page but the memory model's; `step` hears of each part. `quote`
    builds the banks of the leeches the page quotes (quoted_banks): given, it runs beside the
    reads that follow the leeches, and the figures come with its banks."""
    infos = list(infos)

    def say(done: int, what: str) -> None:
        if step is not None:
            step(done, STEPS, what)

    say(0, "Reading your cards")
    # Beside the reads here, each in a thread of its own: the mix-ups (the wrong picks' read,
    # then matching them to the banks' speakers), and the building of the quoted banks once
    # the leeches are known. SQLite lets go of the interpreter lock while it reads, so on two
    # cores the Python of one thread runs while another's read does.
    pool = ThreadPoolExecutor(2, thread_name_prefix="statistics")
    try:
        beside = pool.submit(_mixups, store, profile, infos)
        settings = store.profile(profile)
        mastery, lapsed = _kept_mastery(store, profile, infos, now, settings.desired_retention)
        leeches = tuple(sorted(lapsed, key=lambda x: (-x.lapses, x.bank, x.question)))
        quoted = pool.submit(quote, leeches) if quote is not None else None
        say(1, "Counting answers")
        counts = _counts(store, profile, now, tz, say)
        say(3, "Finding mix-ups")
        mixups = beside.result()
        banks = quoted.result() if quoted is not None else {}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    total, today, days, forecast, (tests, tests_right) = counts
    say(4, "Drawing")
    return Statistics(
        profile=profile,
        total=total,
        today=today,
        days=days,
        forecast=forecast,
        retention=Retention(tests, tests_right, settings.desired_retention),
        mastery=mastery,
        confusions=mixups,
        leeches=leeches,
        quoted=banks,
    )


def _counts(
    store: Store, profile: str, now: datetime, tz: tzinfo, say: Callable[[int, str], None]
) -> tuple[int, TodayLine, tuple[DayCount, ...], tuple[tuple[date, int], ...], tuple[int, int]]:
    """(answers in all, today's line, the last DAYS days, the forecast, (recall tests, right
    ones))."""
    today_date = day_of(now, tz)
    first = today_date - timedelta(days=DAYS - 1)
    midnights = day_starts(first, DAYS, tz)
    since = midnights[0]
    tallies = [[0, 0, 0.0] for _ in range(DAYS)]
    # Where each local day starts (study/days.py), as a quarter hour's index: each quarter hour
    # finds its day by bisection over plain numbers (no time made for each of the 2,800).
    starts = [int(m.timestamp()) // 900 for m in midnights]
    tests = tests_right = 0
    # kept per quarter hour in the store, and brought up to date from the answers since
    total, quarters = store.answer_quarters(profile, since, RECALL_GAP_DAYS)
    for quarter, answered, right, score, recalled, recalled_right in quarters:
        day = bisect_right(starts, quarter) - 1
        if 0 <= day < DAYS:
            tally = tallies[day]
            tally[0] += answered
            tally[1] += right
            tally[2] += score
        tests += recalled
        tests_right += recalled_right
    days = tuple(
        DayCount(first + timedelta(d), int(a), int(r), s) for d, (a, r, s) in enumerate(tallies)
    )
    done_today = tallies[DAYS - 1]
    first_due, due_now = store.due_now(profile, now)
    today = TodayLine(int(done_today[0]), int(done_today[1]), first_due, due_now)
    say(2, "Looking ahead")
    forecast = _forecast(store, profile, today_date, tz)
    return total, today, days, forecast, (tests, tests_right)


def _mixups(store: Store, profile: str, infos: list[BankInfo]) -> tuple[Confusion, ...]:
    """The mix-ups, read on a connection of this thread's own."""
    reader = store.reader()
    try:
        return _confusions(reader.wrong_picks(profile), infos)
    finally:
        reader.close()


def gather_memory(store: Store, profile: str) -> Memory:
    """How FSRS fits this learner as things stand: the calibration, the kept model, and whether
    a new fit is due. It never fits (that reads up to 50,000 answers and holds the interpreter
    lock for a second): the page fits once everything else is drawn (study.memory.refit)."""
    # the memory model's fitter (fsrs) loads only when the statistics page asks for it
    from studyapp.study.memory import fit_due
    from studyapp.study.plan import calibration

    return Memory(calibration(store, profile), store.memory_model(profile), fit_due(store, profile))


def quoted_banks(
    leeches: Iterable[Leech], banks: Mapping[str, Bank], shown: int = 10
) -> dict[str, Bank]:
    """The banks of the first `shown` leeches, built to quote their questions."""
    wanted = dict.fromkeys(leech.bank for leech in list(leeches)[:shown])
    return {bank: banks[bank] for bank in wanted if bank in banks}


def _forecast(store: Store, profile: str, first: date, tz: tzinfo) -> tuple[tuple[date, int], ...]:
    """How many cards fall due each day from today on; today includes the overdue ones. Each
    quarter hour goes to the day whose midnight last passed, as the answers per day do."""
    starts = day_starts(first, DAYS, tz)
    counts = [0] * DAYS
    for quarter, n in store.due_per_quarter(profile, starts[-1]):
        counts[max(0, day_index(starts, quarter))] += n
    return tuple((first + timedelta(d), n) for d, n in enumerate(counts))


def _kept_mastery(
    store: Store, profile: str, infos: list[BankInfo], now: datetime, retention: float
) -> tuple[dict[str, TagMastery], list[Leech]]:
    """Mastery per tag and the leeches from the banks' kept tallies (insight/tallies.py, the
    ones the library's counts keep): no card is read for a bank whose cards did not change
    since. A bank whose tags changed since its tally was counted is worked out from its cards.
    """
    # the tallies are the library's; loaded with it, imported here when the page first opens
    from studyapp.insight import tallies

    found = tallies.kept_tag_parts(store, profile, infos, retention)
    moment = timestamp(now)
    totals: Counter[str] = Counter()
    seen_by: Counter[str] = Counter()
    mastered_by: Counter[str] = Counter()
    leeches: list[Leech] = []
    retagged = []
    for info in infos:
        part = found[info.id]
        # A part of no card (none, or only cards of earlier wordings) adds nothing but the
        # questions' count, whatever tags it was counted under: its tags are not checked.
        if part is None or (part.by_tags and part.tags_print != tallies.tags_print(info)):
            retagged.append(info)
            continue
        tags_of = info.question_tags or ((),) * info.count
        for tags, n in Counter(tags_of).items():
            for tag in tags:
                totals[tag] += n
        for tagged in part.by_tags:
            mastered = tagged.mastered_at(moment)
            for tag in tagged.tags:
                seen_by[tag] += tagged.seen
                mastered_by[tag] += mastered
        leeches.extend(Leech(info.id, qid, lapses) for qid, lapses in part.leeches)
    if retagged:
        wanted = {info.id for info in retagged}
        cards = [row for row in store.card_figures(profile, now) if row[0] in wanted]
        more, lapsed = _mastery(cards, retagged, retention)
        for tag, figure in more.items():
            totals[tag] += figure.total
            seen_by[tag] += figure.seen
            mastered_by[tag] += figure.mastered
        leeches.extend(lapsed)
    mastery = {t: TagMastery(mastered_by[t], seen_by[t], totals[t]) for t in sorted(totals)}
    return mastery, leeches


def _mastery(
    cards: list[tuple[Any, ...]], infos: list[BankInfo], retention: float
) -> tuple[dict[str, TagMastery], list[Leech]]:
    """Mastered, seen and total questions per tag, and the leeches, in one walk of the cards.

    A question finds its card as everywhere else (its id, then its earlier ids), and a card
    speaks for it only while its fingerprint matches. Mastered is LearnerCard.mastered worked
    out from the card's columns, in whole days as the library counts it. Questions without a
    card are only counted, by their set of tags.
    """
    by_bank: dict[str, dict[str, tuple[Any, ...]]] = {}
    for card in cards:
        by_bank.setdefault(card[0], {})[card[1]] = card
    totals: Counter[str] = Counter()
    seen_by: Counter[str] = Counter()
    mastered_by: Counter[str] = Counter()
    leeches: list[Leech] = []
    for info in infos:
        tags_of = info.question_tags or ((),) * info.count
        for tags, n in Counter(tags_of).items():
            for tag in tags:
                totals[tag] += n
        rows = by_bank.get(info.id)
        if not rows:
            continue
        if any(info.aliases):  # a renamed question: find each one's card the long way
            found = _cards_by_place(info, rows)
        else:
            place = dict(zip(info.question_ids, range(info.count), strict=True))
            found = [(place[q], row) for q, row in rows.items() if q in place]
        for i, row in found:
            if row[2] != info.hashes[i]:
                continue  # the question was edited since: what was learnt no longer answers it
            _b, _q, _h, verdict, phase, stability, days, lapses = row
            mastered = (
                phase == Phase.REVIEW
                and verdict == Verdict.RIGHT
                and stability is not None
                and days is not None
                and forgetting_curve(stability, days) >= retention
            )
            for tag in tags_of[i]:
                seen_by[tag] += 1
                mastered_by[tag] += mastered
            if lapses is not None and lapses >= LEECH_LAPSES:
                leeches.append(Leech(info.id, info.question_ids[i], int(lapses)))
    mastery = {t: TagMastery(mastered_by[t], seen_by[t], totals[t]) for t in sorted(totals)}
    return mastery, leeches


def _cards_by_place(
    info: BankInfo, rows: Mapping[str, tuple[Any, ...]]
) -> list[tuple[int, tuple[Any, ...]]]:
    out = []
    for i, (qid, earlier) in enumerate(zip(info.question_ids, info.aliases, strict=True)):
        row = rows.get(qid)
        for alias in earlier:
            if row is not None:
                break
            row = rows.get(alias)
        if row is not None:
            out.append((i, row))
    return out


def _confusions(
    picks: list[tuple[str, str, str, str]], infos: list[BankInfo]
) -> tuple[Confusion, ...]:
    """Every (speaker, wrongly chosen actor) pair, most frequent first, from the wrong picks.

    As in views.confusions, answers given to an earlier wording are left out.
    """
    where = {info.id: info for info in infos}
    places: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    counts: dict[tuple[str, str], int] = {}
    refs: dict[tuple[str, str], dict[str, None]] = {}
    names: dict[str, str] = {}
    for bank_id, qid, digest, chosen in picks:
        info = where.get(bank_id)
        if info is None or not info.speakers:
            continue
        found = places.get(bank_id)
        if found is None:
            place = dict(zip(info.question_ids, range(info.count), strict=True))
            found = place, dict(info.actor_names)
            places[bank_id] = found
        place, actors = found
        i = place.get(qid)
        if i is None or info.hashes[i] != digest or not info.speakers[i]:
            continue
        speaker = info.speakers[i]
        if chosen == speaker:
            continue
        key = (speaker, chosen)
        counts[key] = counts.get(key, 0) + 1
        refs.setdefault(key, {})[f"{bank_id}/{qid}"] = None
        names.setdefault(speaker, actors.get(speaker, speaker))
        names.setdefault(chosen, actors.get(chosen, chosen))
    rows = [
        Confusion(s, names[s], c, names[c], n, tuple(refs[s, c])) for (s, c), n in counts.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.speaker_name, r.chosen_name))
    return tuple(rows)

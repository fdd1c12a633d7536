"""What a learner's history says beyond the numbers: whose words they give to whom, and where
each actor stood before and after on each issue, with what the learner has mastered.

Pure reads of the store and the banks; the statistics page and the positions timeline draw
these and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from studyapp.answering.presentation import implied_note, issue_title
from studyapp.model import Attribution, Bank, PositionShift, content_hash
from studyapp.progress.store import Store
from studyapp.scheduler.plan import HORIZON_DAYS, ExamPlan
from studyapp.study.cards import LearnerCards, Status


@dataclass(frozen=True, slots=True)
class Confusion:
    """Answers where the learner gave `speaker`'s words to `chosen`."""

    speaker: str  # actor id
    speaker_name: str
    chosen: str  # actor id
    chosen_name: str
    count: int  # wrong answers of this kind
    questions: tuple[str, ...]  # `bank/question` refs, as SessionConfig.question_ids takes them

    @property
    def sentence(self) -> str:
        times = "once" if self.count == 1 else f"{self.count} times"
        words = possessive(self.speaker_name)
        return f"You attribute {words} words to {self.chosen_name} ({times})"


def possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def confusions(store: Store, profile: str, banks: Iterable[Bank]) -> list[Confusion]:
    """Every (speaker, wrongly chosen actor) pair, most frequent first.

    Like `stats.confusion`, answers given to an earlier wording of a question are left out.
    """
    attributions: dict[tuple[str, str], tuple[Bank, Attribution, str]] = {}
    for bank in banks:
        for q in bank.questions:
            if isinstance(q, Attribution):
                attributions[bank.id, q.id] = (bank, q, content_hash(q))
    counts: dict[tuple[str, str], int] = {}
    refs: dict[tuple[str, str], dict[str, None]] = {}
    names: dict[str, str] = {}
    for bank_id, qid, digest, chosen in store.responses(profile):
        known = attributions.get((bank_id, qid))
        if known is None or known[2] != digest:
            continue
        bank, question, _ = known
        if not isinstance(chosen, str) or chosen == question.speaker:
            continue
        key = (question.speaker, chosen)
        counts[key] = counts.get(key, 0) + 1
        refs.setdefault(key, {})[f"{bank.id}/{question.id}"] = None
        names.setdefault(question.speaker, bank.actor_name(question.speaker))
        names.setdefault(chosen, bank.actor_name(chosen))
    rows = [
        Confusion(s, names[s], c, names[c], n, tuple(refs[s, c])) for (s, c), n in counts.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.speaker_name, r.chosen_name))
    return rows


STATUS_MASTERED = Status.MASTERED
STATUS_LEARNING = Status.LEARNING
STATUS_NEW = Status.NEW


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One actor's move on one issue, from a position-shift question."""

    question: str  # `bank/question`
    actor: str
    actor_name: str
    actor_role: str
    issue: str
    before_label: str
    before: str
    after_label: str
    after: str
    evidence: tuple[str, ...]  # the passages that mark the change
    status: Status
    before_note: str = ""  # set when the source only implies the stance (implied_note)
    after_note: str = ""
    date: str = ""  # the later stance's date, else the bank's source.date
    before_date: str = ""  # the earlier stance's own date, when the bank gives one
    source: str = ""  # the article's title, or the bank's
    before_evidence: tuple[str, ...] = ()  # each stance's own passages, where it has them
    after_evidence: tuple[str, ...] = ()

    @property
    def mark(self) -> str:
        """A mark that says the status without colour."""
        return {STATUS_MASTERED: "✓", STATUS_LEARNING: "◐"}.get(self.status, "○")


def timeline_rows(store: Store, profile: str, bank: Bank, now: datetime) -> list[TimelineRow]:
    """The bank's position shifts grouped by actor (in order of first appearance)."""
    view = LearnerCards.read(store, profile, [bank])
    retention = store.profile(profile).desired_retention
    rows: list[TimelineRow] = []
    for q in bank.questions:
        if not isinstance(q, PositionShift):
            continue
        status = view.of(bank, q).status(now, retention)
        actor = bank.actors.get(q.actor)
        rows.append(
            TimelineRow(
                question=f"{bank.id}/{q.id}",
                actor=q.actor,
                actor_name=bank.actor_name(q.actor),
                actor_role=actor.role if actor is not None else "",
                issue=q.issue,
                before_label=q.before.label,
                before=q.before.stance,
                after_label=q.after.label,
                after=q.after.stance,
                evidence=q.evidence,
                status=status,
                before_note=implied_note(q.before.cue),
                after_note=implied_note(q.after.cue),
                date=q.after.date or (bank.source.date if bank.source else ""),
                before_date=q.before.date,
                source=(bank.source.title if bank.source else "") or bank.title,
                before_evidence=q.before.evidence,
                after_evidence=q.after.evidence,
            )
        )
    first_seen = {r.actor: i for i, r in reversed(list(enumerate(rows)))}
    rows.sort(key=lambda r: first_seen[r.actor])
    return rows


def stories(banks: Iterable[Bank]) -> dict[str, list[Bank]]:
    """The banks that name a story, by story, each story's banks in the order of their dates
    (undated ones last, in the order given)."""
    out: dict[str, list[Bank]] = {}
    for bank in banks:
        if bank.story:
            out.setdefault(bank.story, []).append(bank)
    for told in out.values():
        told.sort(key=lambda b: _date_key(b.source.date if b.source else ""))
    return out


def _date_key(date: str) -> tuple[int, str]:
    return (0, date) if date else (1, "")


def story_rows(
    store: Store, profile: str, banks: Iterable[Bank], now: datetime
) -> list[TimelineRow]:
    """One story told by several banks: each actor (in order of first appearance) with their
    moves on each issue in the order of the articles' dates, so one actor's stance on one issue
    can be followed from article to article."""
    rows: list[TimelineRow] = []
    for bank in banks:
        rows += timeline_rows(store, profile, bank, now)
    first_seen = {r.actor: i for i, r in reversed(list(enumerate(rows)))}
    issue_seen = {(r.actor, r.issue): i for i, r in reversed(list(enumerate(rows)))}
    rows.sort(key=lambda r: (first_seen[r.actor], issue_seen[r.actor, r.issue], _date_key(r.date)))
    return rows


def when(row: TimelineRow) -> str:
    """Where a row sits in time and which article it comes from, for screens and print."""
    return f"{row.date} · {row.source}" if row.date else row.source


def timeline_text(bank: Bank | str, rows: Iterable[TimelineRow]) -> str:
    """The timeline as plain text, for the clipboard and for printing."""
    title = bank if isinstance(bank, str) else bank.title
    lines = [f"Positions: {title}"]
    current = None
    for row in rows:
        if row.actor != current:
            current = row.actor
            role = f" ({row.actor_role})" if row.actor_role else ""
            lines += ["", f"{row.actor_name}{role}"]
        lines.append(f"  {row.mark} {issue_title(row.issue)} — {row.status}")
        lines.append(f"    {when(row)}")
        lines.append(f"    Before ({row.before_label}): {row.before}")
        if row.before_note:
            lines.append(f"      {row.before_note}")
        lines.append(f"    After ({row.after_label}): {row.after}")
        if row.after_note:
            lines.append(f"      {row.after_note}")
        lines += [f"    From the article: {passage}" for passage in row.evidence]
    return "\n".join(lines) + "\n"


def plan_text(plan: ExamPlan[tuple[str, str]] | None) -> str:
    """One or two sentences on the exam plan, for the settings screen."""
    if plan is None:
        return "Set an exam date and a daily time budget to see a plan."
    days = len(plan.days)
    if days == 0:
        return "The exam date is today or past: there is no day left to plan."
    counts = [d.questions for d in plan.days]
    peak = max(counts)
    average = sum(counts) / days
    until = f"{plan.exam.day} {plan.exam:%B %Y}"
    left = (plan.exam - plan.days[0].day).days  # the plan may cover only the first days
    # An exam years away reads as years too ("2,912,473 days" alone is hard to take in).
    years = f" (about {_count(round(left / 365.25), 'year')})" if left >= 2 * 365 else ""
    head = (
        f"{_count(left, 'day')}{years} until {until}: about {_count(round(average), 'question')} a "
        f"day (at most {peak}), {counts[0]} today."
    )
    if not plan.complete:
        return (
            f"{head} The exam is more than {HORIZON_DAYS} days away: questions are spaced as "
            "usual until it comes nearer, then the plan works towards the day."
        )
    if plan.reachable:
        return f"{head} Recall on the day should reach {plan.target:.0%} on average."
    return (
        f"{head} Recall on the day would reach only {plan.expected:.0%} on average, short of "
        f"{plan.target:.0%}: more minutes a day or an earlier start would help."
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"

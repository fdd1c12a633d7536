"""The library's rows and today's line, formatted from the core's figures; no Qt, no counting.

The counts themselves come from studyapp.insight.figures (summaries, today), so that the
library, the command line and the statistics pages agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from studyapp.insight.figures import BankSummary, TodayLine
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.bank.info import BankInfo


@dataclass(frozen=True, slots=True)
class BankRow:
    bank_id: str
    title: str
    questions: int
    due: int  # due now, or edited since learnt
    new: int  # never answered
    mastered: float | None  # share of the bank mastered; None while nothing has been answered
    learning: int = 0  # answered, not due yet, not mastered yet
    last_studied: datetime | None = None
    studied: str = "never"  # last_studied in words, as of when the row was made
    description: str = ""
    path: str = ""
    tags: tuple[str, ...] = ()

    @property
    def mastered_text(self) -> str:
        return "—" if self.mastered is None else f"{round(self.mastered * 100)} %"


def studied_text(last: datetime | None, now: datetime) -> str:
    """When a bank was last studied, as a learner says it: "today", "3 days ago", "never"."""
    if last is None:
        return "never"
    days = (now.astimezone().date() - last.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 60 else f"{days // 30} months ago"


PREVIEW_LINE = "Preview: answers are checked but not recorded."


def bank_row(bank: BankInfo, summary: BankSummary | None, now: datetime | None = None) -> BankRow:
    """One row; `summary` is None when no progress is kept (a preview): all new."""
    total = bank.count
    if summary is None:
        summary = BankSummary(total, 0, total, 0.0)
    return BankRow(
        bank_id=bank.id,
        title=bank.title,
        questions=summary.total,
        due=summary.due,
        new=summary.new,
        mastered=None if summary.new == summary.total else summary.mastered,
        learning=summary.learning,
        last_studied=summary.last_studied,
        studied="never" if now is None else studied_text(summary.last_studied, now),
        description=bank.description,
        path=bank.path,
        tags=bank.tags,
    )


def today_text(line: TodayLine, now: datetime) -> str:
    """The line under the library, e.g. "Today: 14 answered, 86 % right · next review in 3 h"."""
    ratio = line.fraction_right
    if ratio is None:
        parts = ["Today: nothing answered yet"]
    else:
        parts = [f"Today: {line.answered} answered, {round(100 * ratio)} % right"]
    if line.due_now:
        parts.append(f"{line.due_now} due now")
    elif line.next_due is not None and line.next_due > now:
        parts.append(f"next review {until(line.next_due - now)}")
    return " · ".join(parts)


def until(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"in {max(1, minutes)} min"
    hours = minutes // 60
    return f"in {hours} h" if hours < 48 else f"in {hours // 24} days"


@dataclass(frozen=True, slots=True)
class Outlook:
    """What a review session would add to a bank's due questions today, from the profile.

    `new_allowed` is how many new questions the daily limit still lets in (None: no limit, as
    in a preview, which keeps no progress); `planned` is whether review follows an exam plan,
    whose share for today the row's counts cannot tell.
    """

    new_allowed: int | None = None
    planned: bool = False


# At most this many characters of a tag's name in the Start button; the tag list shows it whole.
TAG_IN_BUTTON = 18


def _tag_words(tag: str) -> str:
    cut = tag if len(tag) <= TAG_IN_BUTTON else tag[: TAG_IN_BUTTON - 1].rstrip() + "…"
    return f"“{cut}”"


@dataclass(frozen=True, slots=True)
class TagCounts:
    """A bank's questions carrying one tag, counted as a session on that tag draws them."""

    questions: int
    due: int  # due now, or edited since learnt
    new: int  # never answered


def start_plan(
    mode: str,
    row: BankRow,
    tag: str = "",
    outlook: Outlook = Outlook(),
    counts: TagCounts | None = None,
) -> str:
    """The mode Start will really open: review with nothing to review falls back to practice,
    so that Start always does something and says so first (start_words). With a tag, the
    tag's `counts` decide; without them (not counted) review stays review."""
    if mode != "review" or outlook.planned or (tag and counts is None):
        return mode
    due, new = (counts.due, counts.new) if counts is not None else (row.due, row.new)
    new = new if outlook.new_allowed is None else min(new, outlook.new_allowed)
    return "review" if due or new else "practice"


def start_words(
    mode: str,
    row: BankRow,
    tag: str = "",
    outlook: Outlook = Outlook(),
    counts: TagCounts | None = None,
    mistakes: int | None = None,
) -> str:
    """What the Start button says it will do, so the next step is plain before it is taken:
    "Study 12 due", "Learn 5 new", "Nothing due — practise", "Practise all 36"...

    The counts are the row's (the whole bank), or with a tag chosen the tag's `counts`:
    "Study 3 due in “nato”". A tag not counted (`counts` None) is named without a number.
    `mistakes` is how many a mistakes session would go over (None: not counted); with none
    the words say there is nothing to go over, and the library shows them in Start's place.
    """
    # the study package loads after the first paint
    from studyapp.study.config import EXAM_QUESTIONS

    where = f" in {_tag_words(tag)}" if tag else ""
    total = row.questions if not tag else counts.questions if counts is not None else None
    if mode == "practice":
        if total is None:
            return f"Practise {_tag_words(tag)}"
        if not tag:
            return "Practise the question" if total == 1 else f"Practise all {total}"
        return f"Practise the question{where}" if total == 1 else f"Practise {total}{where}"
    if mode == "exam":
        if total is None:
            return f"Start an exam on {_tag_words(tag)}"
        on = f" on {_tag_words(tag)}" if tag else ""
        return f"Start a {min(EXAM_QUESTIONS, total)}-question exam{on}"
    if mode == "mistakes":
        if mistakes is None:
            return f"Go over mistakes{where}"
        if mistakes == 0:
            return f"No mistakes to go over{where}"
        return f"Go over {counted(mistakes, 'mistake')}{where}"
    if outlook.planned:
        return f"Study today’s exam plan{where}" if tag else "Study today’s exam plan"
    if tag and counts is None:
        return f"Study what is due{where}"
    due, new = (counts.due, counts.new) if counts is not None else (row.due, row.new)
    new = new if outlook.new_allowed is None else min(new, outlook.new_allowed)
    if due and new:
        return f"Study {due} due + {new} new{where}"
    if due:
        return f"Study {due} due{where}"
    if new:
        return f"Learn {new} new{where}"
    return f"Nothing due{where} — practise"

"""The library's rows and today's line, formatted from the core's figures; no Qt, no counting.

The counts themselves come from studyapp.insight.figures (summaries, today), so that the
library, the command line and the statistics pages agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from studyapp.insight.figures import BankSummary, TodayLine

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

"""The library's rows as plain data, with no Qt: one per bank, with what is due and mastered.

Kept apart from the table model so that it can be tested and reused without a widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from studyapp.model import Bank
from studyapp.progress import CardRecord


@dataclass(frozen=True, slots=True)
class BankRow:
    bank_id: str
    title: str
    questions: int
    due: int  # answered before and due again now
    new: int  # never answered
    mastered: float | None  # share answered right last time and not yet due; None if untouched
    description: str = ""
    path: str = ""
    tags: tuple[str, ...] = ()


def bank_rows(
    banks: Iterable[Bank], cards: Mapping[tuple[str, str], CardRecord], now: datetime
) -> list[BankRow]:
    rows = []
    for bank in banks:
        due = new = mastered = 0
        for q in bank.questions:
            card = next(
                (c for c in (cards.get((bank.id, i)) for i in (q.id, *q.aliases)) if c), None
            )
            if card is None:
                new += 1
            elif card.due <= now:
                due += 1
            elif card.last_verdict == "right":
                mastered += 1
        seen = len(bank.questions) - new
        rows.append(
            BankRow(
                bank_id=bank.id,
                title=bank.title,
                questions=len(bank.questions),
                due=due,
                new=new,
                mastered=mastered / len(bank.questions) if seen and bank.questions else None,
                description=bank.description,
                path=bank.path,
                tags=bank.all_tags,
            )
        )
    return rows

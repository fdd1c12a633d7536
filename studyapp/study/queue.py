"""Which questions a study session asks, and in what order, for each mode.

Pure: it reads the banks, the learner's card states and the clock it is given, and returns
(bank id, question id) pairs. The session turns them into questions on screen.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from studyapp.model import Bank, Question, Verdict
from studyapp.study.cards import LearnerCards
from studyapp.study.config import Mode

Item = tuple[str, str]


def candidates(
    banks: Mapping[str, Bank],
    bank_ids: Sequence[str] = (),
    tags: Iterable[str] = (),
    question_ids: Sequence[str] = (),
) -> list[tuple[Bank, Question]]:
    """The questions a session may draw from, in bank order.

    No bank ids means every bank; tags keep questions carrying any of them; question ids (plain,
    or `bank/question` to be exact) keep only those, in the order given.
    """
    chosen = [banks[b] for b in bank_ids if b in banks] if bank_ids else list(banks.values())
    wanted = set(tags)
    pool = [
        (bank, q)
        for bank in chosen
        for q in bank.questions
        if not wanted or wanted.intersection(bank.tags_of(q))
    ]
    if not question_ids:
        return pool
    picked: list[tuple[Bank, Question]] = []
    for ref in question_ids:
        bank_part, _, question_part = ref.rpartition("/")
        for bank, q in pool:
            if (not bank_part or bank.id == bank_part) and (
                q.id == question_part or question_part in q.aliases
            ):
                if (bank, q) not in picked:
                    picked.append((bank, q))
                break
    return picked


def order(
    mode: Mode,
    pool: Sequence[tuple[Bank, Question]],
    cards: LearnerCards,
    now: datetime,
    rng: random.Random,
    limit: int | None = None,
    new_allowed: int | None = None,
    keep_order: bool = False,
) -> list[Item]:
    """The session's questions for `mode`; see MODES."""
    items: list[Item]
    if mode == Mode.REVIEW:
        due: list[tuple[datetime, Item]] = []
        new: list[Item] = []
        for bank, q in pool:
            seen = cards.of(bank, q)
            card = seen.card
            if card is None:
                new.append((bank.id, q.id))
            elif seen.changed:
                # Edited since it was learnt: what was learnt no longer answers it.
                due.append((card.last_at, (bank.id, q.id)))
            elif card.due <= now:
                due.append((card.due, (bank.id, q.id)))
        due.sort(key=lambda pair: pair[0])
        if new_allowed is not None:
            new = new[: max(0, new_allowed)]
        items = [item for _, item in due] + new
    elif mode == Mode.MISTAKES:
        items = mistakes(pool, cards)
    else:
        items = [(bank.id, q.id) for bank, q in pool]
        if not keep_order:
            rng.shuffle(items)
    return items if limit is None else items[: max(0, limit)]


def mistakes(pool: Sequence[tuple[Bank, Question]], cards: LearnerCards) -> list[Item]:
    """The questions of `pool` last answered other than right, the most recent first: what a
    mistakes session goes over (and what the library counts before offering one)."""
    missed: list[tuple[datetime, Item]] = []
    for bank, q in pool:
        card = cards.of(bank, q).card
        if card is not None and card.last_verdict != Verdict.RIGHT:
            missed.append((card.last_at, (bank.id, q.id)))
    missed.sort(key=lambda pair: pair[0], reverse=True)
    return [item for _, item in missed]

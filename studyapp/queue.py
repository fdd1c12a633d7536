"""Which questions a study session asks, and in what order, for each mode.

Pure: it reads the banks, the learner's card states and the clock it is given, and returns
(bank id, question id) pairs. The session turns them into questions on screen.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from studyapp.model import Bank, Question, content_hash

if TYPE_CHECKING:  # progress's figures use find_card, so queue must not import progress at run time
    from studyapp.progress.store import CardRecord

Item = tuple[str, str]
MODES = ("practice", "review", "exam", "mistakes")


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


def is_fresh(card: CardRecord | None, question: Question) -> bool:
    """True when the learner has no history with the question as it now stands."""
    return card is None or card.content_hash != content_hash(question)


def find_card(
    cards: Mapping[Item, CardRecord], bank: Bank, question: Question
) -> CardRecord | None:
    """The question's card, looked up under its id and then the ids it had before."""
    for qid in (question.id, *question.aliases):
        card = cards.get((bank.id, qid))
        if card is not None:
            return card
    return None


def order(
    mode: str,
    pool: Sequence[tuple[Bank, Question]],
    cards: Mapping[Item, CardRecord],
    now: datetime,
    rng: random.Random,
    limit: int | None = None,
    new_allowed: int | None = None,
    keep_order: bool = False,
) -> list[Item]:
    """The session's questions for `mode`; see MODES."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    items: list[Item]
    if mode == "review":
        due: list[tuple[datetime, Item]] = []
        new: list[Item] = []
        for bank, q in pool:
            card = find_card(cards, bank, q)
            if card is None:
                new.append((bank.id, q.id))
            elif card.content_hash != content_hash(q):
                # Edited since it was learnt: what was learnt no longer answers it.
                due.append((card.last_at, (bank.id, q.id)))
            elif card.due <= now:
                due.append((card.due, (bank.id, q.id)))
        due.sort(key=lambda pair: pair[0])
        if new_allowed is not None:
            new = new[: max(0, new_allowed)]
        items = [item for _, item in due] + new
    elif mode == "mistakes":
        missed: list[tuple[datetime, Item]] = []
        for bank, q in pool:
            card = find_card(cards, bank, q)
            if card is not None and card.last_verdict != "right":
                missed.append((card.last_at, (bank.id, q.id)))
        missed.sort(key=lambda pair: pair[0], reverse=True)
        items = [item for _, item in missed]
    else:
        items = [(bank.id, q.id) for bank, q in pool]
        if not keep_order:
            rng.shuffle(items)
    return items if limit is None else items[: max(0, limit)]

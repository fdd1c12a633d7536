"""This learner's cards for these banks: each question paired with the card saved for it.

The one place that knows how a question finds its card (under its id, then under the ids it had
before) and when that card no longer speaks for it (the question was edited since, so what was
learnt does not answer it). The session, its queue and every statistic read the same view, built
with one store query per bank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from studyapp.model import Bank, Question, Verdict, content_hash
from studyapp.progress.store import CardRecord, Store
from studyapp.scheduler import CardState, Phase, retrievability

Key = tuple[str, str]  # (bank id, question id) as the store files a card


class Status(StrEnum):
    """Where a learner stands with one question; the text is what screens show."""

    MASTERED = "mastered"
    LEARNING = "learning"
    NEW = "not studied"


@dataclass(frozen=True, slots=True)
class LearnerCard:
    """One question of a bank with the learner's card for it, if any."""

    bank: Bank = field(repr=False)
    question: Question
    card: CardRecord | None  # found under the question's id or an earlier one

    @property
    def fresh(self) -> bool:
        """No history with the question as it now stands: never answered, or edited since."""
        return self.card is None or self.card.content_hash != content_hash(self.question)

    @property
    def changed(self) -> bool:
        """Answered before, but the question was edited since."""
        return self.card is not None and self.fresh

    @property
    def state(self) -> CardState | None:
        """The scheduler's state to build on; None when the card no longer applies."""
        return None if self.fresh or self.card is None else self.card.state

    def due(self, now: datetime) -> bool:
        """Wants asking now: due by the schedule, or edited since it was learnt."""
        return self.card is not None and (self.fresh or self.card.due <= now)

    def mastered(self, now: datetime, desired_retention: float) -> bool:
        """Graduated from learning, last answered right, and still predicted to be recalled."""
        card = self.card
        return (
            card is not None
            and not self.fresh
            and card.state.phase == Phase.REVIEW
            and card.last_verdict == Verdict.RIGHT
            and retrievability(card.state, now) >= desired_retention
        )

    def status(self, now: datetime, desired_retention: float) -> Status:
        if self.fresh:
            return Status.NEW
        return Status.MASTERED if self.mastered(now, desired_retention) else Status.LEARNING


class LearnerCards:
    """The view of one profile's cards over a set of banks, read once and then kept current."""

    def __init__(self, profile: str, cards: Mapping[Key, CardRecord]) -> None:
        self.profile = profile
        self._cards = dict(cards)

    @classmethod
    def read(cls, store: Store | None, profile: str, banks: Iterable[Bank]) -> LearnerCards:
        """One query per bank; without a store, a learner with no history."""
        cards: dict[Key, CardRecord] = {}
        if store is not None:
            for bank in banks:
                cards.update(store.cards(profile, bank.id))
        return cls(profile, cards)

    def banks_where(self, test: Callable[[CardRecord], bool]) -> set[str]:
        """The ids of the banks holding at least one card that passes `test`."""
        return {bank for (bank, _qid), card in self._cards.items() if test(card)}

    def of(self, bank: Bank, question: Question) -> LearnerCard:
        for qid in (question.id, *question.aliases):
            card = self._cards.get((bank.id, qid))
            if card is not None:
                return LearnerCard(bank, question, card)
        return LearnerCard(bank, question, None)

    def of_bank(self, bank: Bank) -> Iterator[LearnerCard]:
        """The bank's questions in bank order, each with its card."""
        for question in bank.questions:
            yield self.of(bank, question)

    def refresh(self, store: Store, bank: Bank, question: Question) -> LearnerCard:
        """Read one question's card again (after an answer or an undo): one query."""
        for qid in (question.id, *question.aliases):
            self._cards.pop((bank.id, qid), None)
        self._cards.update(store.cards_of(self.profile, bank.id, (question.id, *question.aliases)))
        return self.of(bank, question)

"""Small banks and a controllable clock for the progress, scheduler and session tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

from studyapp.model import (
    Actor,
    Attribution,
    Bank,
    MultipleChoice,
    PositionShift,
    Source,
    Stance,
    TrueFalse,
)

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


ACTORS = MappingProxyType(
    {
        "trump": Actor("trump", "Donald Trump", "President of the United States"),
        "biden": Actor("biden", "Joe Biden", "former President"),
        "macron": Actor("macron", "Emmanuel Macron", "President of France"),
        "starmer": Actor("starmer", "Keir Starmer", "Prime Minister"),
    }
)


def make_bank(bank_id: str = "news", n_choice: int = 4, tags: tuple[str, ...] = ()) -> Bank:
    questions: list = [
        Attribution(
            id="who-nato",
            quote="NATO, you can forget about it.",
            speaker="trump",
            tags=("quotes",),
            evidence=("“NATO—you can forget about it,” Trump stated.",),
            explanation="He rejected the NATO bid.",
        ),
        Attribution(
            id="who-guarantees",
            quote="Europe must lead on guarantees.",
            speaker="macron",
            tags=("quotes", "europe"),
            evidence=("Macron said Europe must lead.",),
        ),
        PositionShift(
            id="us-nato-shift",
            actor="trump",
            issue="Ukraine joining NATO",
            before=Stance("Biden administration", "supported eventual membership"),
            after=Stance("Trump administration", "ruled it out"),
            distractors=("no position", "asked for a vote"),
            tags=("shifts",),
        ),
        TrueFalse(id="tf-1", statement="The promises were withdrawn.", answer=True),
    ]
    for i in range(n_choice):
        questions.append(
            MultipleChoice(
                id=f"mc-{i}",
                prompt=f"Question {i}?",
                choices=("alpha", "beta", "gamma"),
                answer="beta",
                tags=("facts",),
                evidence=(f"Passage {i}.",),
            )
        )
    return Bank(
        id=bank_id,
        title=f"Bank {bank_id}",
        questions=tuple(questions),
        tags=tags,
        source=Source(title="US Withdraws Security Promises for Ukraine"),
        actors=ACTORS,
    )


def right_response(question: object) -> object:
    """The response a learner who knows the answer gives."""
    if isinstance(question, Attribution):
        return question.speaker
    if isinstance(question, PositionShift):
        return (question.before.stance, question.after.stance)
    if isinstance(question, MultipleChoice):
        return question.answer
    if isinstance(question, TrueFalse):
        return question.answer
    raise TypeError(type(question).__name__)


def wrong_response(question: object) -> object:
    if isinstance(question, Attribution):
        return next(a for a in ACTORS if a != question.speaker)
    if isinstance(question, PositionShift):
        return (question.after.stance, question.before.stance)
    if isinstance(question, MultipleChoice):
        return next(c for c in question.choices if c != question.answer)
    if isinstance(question, TrueFalse):
        return not question.answer
    raise TypeError(type(question).__name__)

"""How one question is put to the learner this time: which options, in which order.

The order is drawn from the random.Random passed in, so a session is repeatable in tests and
a learner cannot learn positions instead of answers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import assert_never

from studyapp.model import (
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)

DEFAULT_ATTRIBUTION_CHOICES = 4


def issue_title(issue: str) -> str:
    """An issue standing alone as a heading. Authors write it to follow "<actor> on", so it
    may start in lower case ("security guarantees for Ukraine")."""
    return issue[:1].upper() + issue[1:]


def implied_note(cue: str) -> str:
    """What the learner is told beside a stance the source only implies (empty for a stated
    one): that it is an inference, and from which words."""
    return f"Implied by “{cue}”; the source does not state it." if cue else ""


@dataclass(frozen=True, slots=True)
class Presentation:
    """A question with its options in display order.

    options: attribution, actor ids; position_shift, stances; multiple choice and select,
    choices; matching, the right-hand items to place; ordering, the items in their starting
    (shuffled) order; empty for the typed and true/false kinds.
    """

    question: Question
    options: tuple[str, ...] = ()


def attribution_candidates(question: Attribution, bank: Bank, rng: random.Random) -> list[str]:
    """The speaker plus the distractors: those the bank names, or other people it knows."""
    if question.distractors:
        others = [d for d in question.distractors if d != question.speaker]
    else:
        people = [
            a.id for a in bank.actors.values() if a.kind == "person" and a.id != question.speaker
        ]
        others = rng.sample(people, min(len(people), DEFAULT_ATTRIBUTION_CHOICES - 1))
    return [question.speaker, *others]


def _shuffled(
    items: list[str], rng: random.Random, avoid_identity: bool = False
) -> tuple[str, ...]:
    original = tuple(items)
    out = list(items)
    rng.shuffle(out)
    if avoid_identity and len(set(out)) > 1:
        # An ordering or matching that starts solved teaches nothing; rotate it out of place.
        while tuple(out) == original:
            rng.shuffle(out)
    return tuple(out)


def present(
    question: Question, bank: Bank, rng: random.Random, shuffle: bool = True
) -> Presentation:
    options: tuple[str, ...]
    match question:
        case Attribution():
            candidates = attribution_candidates(question, bank, rng)
            options = _shuffled(candidates, rng) if shuffle else tuple(candidates)
        case PositionShift():
            stances = list(
                dict.fromkeys(
                    [question.before.stance, question.after.stance, *question.distractors]
                )
            )
            options = _shuffled(stances, rng) if shuffle else tuple(stances)
        case MultipleChoice() | MultipleSelect():
            choices = list(question.choices)
            options = _shuffled(choices, rng) if shuffle and question.shuffle else tuple(choices)
        case Matching():
            # A right item shared by several left ones is offered once.
            rights = list(dict.fromkeys(right for _, right in question.pairs))
            options = _shuffled(rights, rng, avoid_identity=True)
        case Ordering():
            options = _shuffled(list(question.items), rng, avoid_identity=True)
        case TrueFalse() | Cloze() | ShortAnswer():
            options = ()  # answered by a yes/no or by typing: nothing to lay out
        case _:
            assert_never(question)
    return Presentation(question, options)

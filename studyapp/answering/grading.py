"""From a learner's response to a grade, for each kind of question.

Each kind's response has its own type (studyapp.answering.responses). A response from outside
may be of another shape: it is read into its kind's type first, and what does not fit grades as
wrong rather than raising.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import assert_never

from studyapp.answering.responses import (
    AttributionResponse,
    ClozeResponse,
    MatchingResponse,
    MultipleChoiceResponse,
    MultipleSelectResponse,
    OrderingResponse,
    PositionShiftResponse,
    Response,
    ShortAnswerResponse,
    TrueFalseResponse,
    as_gaps,
    as_order,
    as_pairs,
    as_selection,
    as_stances,
    as_text,
    as_truth,
)
from studyapp.answering.typed import TypedKey, match_key
from studyapp.model import (
    Actor,
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
    Verdict,
)

# Scores at or above this are "right"; floats from fractions such as 3/3 need the slack.
_FULL = 1.0 - 1e-9


@dataclass(frozen=True, slots=True)
class Grade:
    score: float  # 0.0 to 1.0
    expected: str  # the correct answer, written for a person
    parts: tuple[bool, ...] = ()  # per part where the type has parts: blanks, pairs, positions
    notes: tuple[str, ...] = ()  # e.g. the exact form of a typed answer accepted with a typo
    # For typed answers, the accepted form each answer (or gap) was read as; None where wrong.
    matched: tuple[str | None, ...] = ()

    @property
    def correct(self) -> bool:
        return self.score >= _FULL

    @property
    def verdict(self) -> Verdict:
        if self.correct:
            return Verdict.RIGHT
        return Verdict.PARTIAL if self.score > 0 else Verdict.WRONG


def is_blank(response: object) -> bool:
    """True when `response` gives nothing at all: no pick, only blanks typed, no pair matched.

    Such a response is not an answer, so it is never graded or stored. (An ordering's items in
    the order shown are not blank: the study screen decides when the learner meant them.)
    """
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, Mapping):
        return all(is_blank(v) for v in response.values())
    if isinstance(response, Collection):
        return all(is_blank(v) for v in response)
    return False


def grade(question: Question, response: Response | None, bank: Bank | None = None) -> Grade:
    """Grade `response` to `question`; `bank` supplies actor names for the expected answer."""
    return _grade(question, response, bank)


def expected_answer(question: Question, bank: Bank | None = None) -> str:
    return _grade(question, _NO_RESPONSE, bank).expected


_NO_RESPONSE = object()


def _grade(question: Question, response: object, bank: Bank | None) -> Grade:
    # The one way code here dispatches on a question's kind: a match over the Question union,
    # closed by assert_never, so that mypy names every match a new kind is missing from. Each
    # case reads the response into its kind's type: it may have come from outside.
    match question:
        case Attribution():
            return _attribution(question, as_text(response), bank)
        case PositionShift():
            return _position_shift(question, as_stances(response), bank)
        case MultipleChoice():
            return _multiple_choice(question, as_text(response), bank)
        case MultipleSelect():
            return _multiple_select(question, as_selection(response), bank)
        case TrueFalse():
            return _true_false(question, as_truth(response), bank)
        case Matching():
            return _matching(question, as_pairs(response), bank)
        case Ordering():
            return _ordering(question, as_order(response), bank)
        case Cloze():
            return _cloze(question, as_gaps(response), bank)
        case ShortAnswer():
            return _short_answer(question, as_text(response), bank)
        case _:
            assert_never(question)


def _name(bank: Bank | None, actor_id: str) -> str:
    return bank.actor_name(actor_id) if bank is not None else actor_id


def _actors(bank: Bank | None) -> tuple[Actor, ...]:
    return tuple(bank.actors.values()) if bank is not None else ()


def _fraction(parts: Sequence[bool]) -> float:
    return sum(parts) / len(parts) if parts else 0.0


def _attribution(q: Attribution, response: AttributionResponse | None, bank: Bank | None) -> Grade:
    return Grade(1.0 if response == q.speaker else 0.0, _name(bank, q.speaker))


def _position_shift(
    q: PositionShift, response: PositionShiftResponse | None, bank: Bank | None
) -> Grade:
    expected = f"Before: {q.before.stance} → After: {q.after.stance}"
    if response is None:
        return Grade(0.0, expected, (False, False))
    parts = (response[0] == q.before.stance, response[1] == q.after.stance)
    return Grade(_fraction(parts), expected, parts)


def _multiple_choice(
    q: MultipleChoice, response: MultipleChoiceResponse | None, bank: Bank | None
) -> Grade:
    return Grade(1.0 if response == q.answer else 0.0, q.answer)


def _multiple_select(
    q: MultipleSelect, response: MultipleSelectResponse | None, bank: Bank | None
) -> Grade:
    expected = "; ".join(c for c in q.choices if c in q.answers)
    chosen = set(response or ())
    right = set(q.answers)
    # Each wrong pick cancels a right one, so ticking everything earns nothing.
    hits = len(chosen & right)
    misses = len(chosen - right)
    score = max(0.0, (hits - misses) / len(right)) if right else 0.0
    parts = tuple((c in chosen) == (c in right) for c in q.choices)
    return Grade(score, expected, parts)


def _true_false(q: TrueFalse, response: TrueFalseResponse | None, bank: Bank | None) -> Grade:
    right = response is not None and response == q.answer
    return Grade(1.0 if right else 0.0, "True" if q.answer else "False")


def _matching(q: Matching, response: MatchingResponse | None, bank: Bank | None) -> Grade:
    expected = "; ".join(f"{left} → {right}" for left, right in q.pairs)
    given = response or {}
    parts = tuple(given.get(left) == right for left, right in q.pairs)
    return Grade(_fraction(parts), expected, parts)


def _longest_increasing_run(ranks: Sequence[int]) -> int:
    # Items already in the right relative order earn credit, so moving one item out of place
    # costs one item, not every position after it.
    return sum(_kept_in_order(ranks))


def _kept_in_order(ranks: Sequence[int]) -> tuple[bool, ...]:
    """Which items make up one longest run in the right relative order (not necessarily side
    by side); among runs as long, one with the most items in their very place. Lists to order
    are short, so the plain quadratic search is clear and enough."""
    n = len(ranks)
    best = [(1, int(ranks[i] == i)) for i in range(n)]  # (run length, items in place)
    before = [-1] * n
    for i in range(n):
        for j in range(i):
            longer = (best[j][0] + 1, best[j][1] + int(ranks[i] == i))
            if ranks[j] < ranks[i] and longer > best[i]:
                best[i], before[i] = longer, j
    kept = [False] * n
    i = max(range(n), key=lambda k: best[k]) if n else -1
    while i >= 0:
        kept[i] = True
        i = before[i]
    return tuple(kept)


def in_order(question: Ordering, response: Sequence[str]) -> tuple[bool, ...]:
    """For each item as the learner placed it: whether it is one of those that earned the
    ordering's credit (in the right order relative to each other). Screens mark rows by this,
    so the marks agree with the score."""
    rank = {item: i for i, item in enumerate(question.items)}
    kept: tuple[bool, ...] = ()
    if sorted(map(str, response)) == sorted(question.items):
        kept = _kept_in_order([rank[str(item)] for item in response])
    # One item alone is in order with itself and earns nothing, as in the score.
    return kept if sum(kept) > 1 else tuple(False for _ in response)


def _ordering(q: Ordering, response: OrderingResponse | None, bank: Bank | None) -> Grade:
    expected = "  ".join(f"{i}. {item}" for i, item in enumerate(q.items, 1))
    if response is None or sorted(response) != sorted(q.items):
        return Grade(0.0, expected, tuple(False for _ in q.items))
    parts = tuple(a == b for a, b in zip(response, q.items, strict=True))
    if all(parts):
        return Grade(1.0, expected, parts)
    rank = {item: i for i, item in enumerate(q.items)}
    in_order = _longest_increasing_run([rank[item] for item in response])
    # One item in order says nothing; scale so that a reversed list scores zero.
    score = (in_order - 1) / (len(q.items) - 1) if len(q.items) > 1 else 0.0
    return Grade(min(score, 1.0 - 1e-6), expected, parts)


def _cloze(q: Cloze, response: ClozeResponse | None, bank: Bank | None) -> Grade:
    blanks = q.blanks
    filled = "".join(s if isinstance(s, str) else f"[{s.accepted[0]}]" for s in q.segments)
    typed = response or ()
    parts: list[bool] = []
    notes: list[str] = []
    matched: list[str | None] = []
    actors = _actors(bank)
    for i, blank in enumerate(blanks):
        text = typed[i] if i < len(typed) else ""
        key = TypedKey.for_answers(blank.accepted, actors, gap=True)
        match = match_key(text, key)
        parts.append(match.ok)
        matched.append(match.accepted if match.ok else None)
        if match.note:
            notes.append(match.note)
    return Grade(_fraction(parts), filled, tuple(parts), tuple(notes), tuple(matched))


def _short_answer(q: ShortAnswer, response: ShortAnswerResponse | None, bank: Bank | None) -> Grade:
    named = (q.actor,) if q.actor else ()
    key = TypedKey.for_answers(q.answers, _actors(bank), named)
    match = match_key(response or "", key)
    notes = (match.note,) if match.note else ()
    return Grade(
        1.0 if match.ok else 0.0, q.answers[0], (), notes, (match.accepted if match.ok else None,)
    )

"""What a learner gives back, one type for each kind of question, and how outside data is read.

The study screen's widgets give these types, grading takes them, and the session records them
(as JSON: tuples become lists). A response from outside (the `grade` command's JSON, a stored
row read back) is read into its kind's type first; a value of the wrong shape reads as None,
which grades as wrong rather than raising.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TypeAlias, assert_never

from studyapp.model import (
    Attribution,
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

AttributionResponse: TypeAlias = str  # the chosen actor's id
PositionShiftResponse: TypeAlias = tuple[str | None, str | None]  # stances picked: before, after
MultipleChoiceResponse: TypeAlias = str  # the chosen choice
MultipleSelectResponse: TypeAlias = tuple[str, ...]  # the chosen choices, in any order
TrueFalseResponse: TypeAlias = bool
MatchingResponse: TypeAlias = Mapping[str, str]  # each left item to the right one chosen
OrderingResponse: TypeAlias = tuple[str, ...]  # the items in the learner's order
ClozeResponse: TypeAlias = tuple[str, ...]  # the text typed in each gap, in order
ShortAnswerResponse: TypeAlias = str  # the text typed

# Any kind's response: what a widget gives, the session takes and an outcome carries.
Response: TypeAlias = str | bool | tuple[str | None, ...] | Mapping[str, str]


def as_text(raw: object) -> str | None:
    """An attribution's, a multiple choice's or a short answer's response."""
    return raw if isinstance(raw, str) else None


def as_stances(raw: object) -> PositionShiftResponse | None:
    if isinstance(raw, str) or not isinstance(raw, Sequence) or len(raw) != 2:
        return None
    return (as_text(raw[0]), as_text(raw[1]))


def as_selection(raw: object) -> MultipleSelectResponse | None:
    """The choices picked; None where an item is not text (nor then a choice at all)."""
    if isinstance(raw, str) or not isinstance(raw, Collection):
        return None
    picked = tuple(raw)
    return picked if all(isinstance(p, str) for p in picked) else None


def as_truth(raw: object) -> TrueFalseResponse | None:
    return raw if isinstance(raw, bool) else None


def as_pairs(raw: object) -> MatchingResponse | None:
    """The pairs matched; a key or value that is not text matches nothing and is left out."""
    if not isinstance(raw, Mapping):
        return None
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}


def as_order(raw: object) -> OrderingResponse | None:
    # Items are compared as text, as a list read back from JSON holds them.
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        return None
    return tuple(map(str, raw))


def as_gaps(raw: object) -> ClozeResponse | None:
    """The text of each gap; a gap given as anything but text counts as left empty."""
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        return None
    return tuple(t if isinstance(t, str) else "" for t in raw)


def read_response(question: Question, raw: object) -> Response | None:
    """`raw`, from outside, as the response type of the question's kind (None if it fits not)."""
    match question:
        case Attribution() | MultipleChoice() | ShortAnswer():
            return as_text(raw)
        case PositionShift():
            return as_stances(raw)
        case MultipleSelect():
            return as_selection(raw)
        case TrueFalse():
            return as_truth(raw)
        case Matching():
            return as_pairs(raw)
        case Ordering():
            return as_order(raw)
        case Cloze():
            return as_gaps(raw)
        case _:
            assert_never(question)

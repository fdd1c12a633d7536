"""The objects every layer shares: a bank, its actors and its nine kinds of question.

Stdlib only and frozen, so that the loader, the scheduler, the store and the GUI can pass them
around without copying or fear of mutation. Keys and type names follow the bank format v1
contract (docs/question-format.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar

FORMAT_VERSION = 1

ACTOR_KINDS = ("person", "country", "organization", "group")


class Verdict(StrEnum):
    """How an answer went; stored as this text in the progress log and on each card."""

    RIGHT = "right"
    PARTIAL = "partial"
    WRONG = "wrong"
    UNANSWERED = "unanswered"  # an exam question left when time ran out; never stored


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    role: str = ""
    kind: str = "person"


@dataclass(frozen=True, slots=True)
class Source:
    title: str = ""
    file: str | None = None
    url: str = ""
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY: when the source was published


@dataclass(frozen=True, slots=True)
class Stance:
    """One side of a position shift: when it held (label) and what it was (stance).

    evidence: the passages that show this side; cue: set when the source only implies it, the
    word or phrase that does (so the learner is told it is an inference, not a report).
    """

    label: str
    stance: str
    evidence: tuple[str, ...] = ()
    cue: str = ""
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY, when the source dates this stance

    @property
    def implied(self) -> bool:
        return bool(self.cue)


@dataclass(frozen=True, slots=True)
class Position:
    """One actor's stances on one issue, in the order they were held: written once in a bank's
    `positions`, and read by its position_shift questions and by the timeline."""

    id: str
    actor: str
    issue: str
    stances: tuple[Stance, ...]


class Kind(StrEnum):
    """The kinds of question a bank can hold; stored and written as their text (`type:`)."""

    ATTRIBUTION = "attribution"
    POSITION_SHIFT = "position_shift"
    MULTIPLE_CHOICE = "multiple_choice"
    MULTIPLE_SELECT = "multiple_select"
    TRUE_FALSE = "true_false"
    MATCHING = "matching"
    ORDERING = "ordering"
    CLOZE = "cloze"
    SHORT_ANSWER = "short_answer"


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionBase:
    TYPE: ClassVar[Kind]

    id: str
    explanation: str = ""
    evidence: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # Where the question starts in its file (1-based), for messages; not part of its identity.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.ATTRIBUTION

    quote: str
    speaker: str
    context: str = ""
    distractors: tuple[str, ...] = ()
    prompt: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionShift(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.POSITION_SHIFT

    actor: str
    issue: str
    before: Stance
    after: Stance
    distractors: tuple[str, ...]
    prompt: str = ""
    position: str = ""  # the bank's position its actor, issue and stances were taken from


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.MULTIPLE_CHOICE

    prompt: str
    choices: tuple[str, ...]
    answer: str
    shuffle: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleSelect(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.MULTIPLE_SELECT

    prompt: str
    choices: tuple[str, ...]
    answers: tuple[str, ...]
    shuffle: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.TRUE_FALSE

    statement: str
    answer: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Matching(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.MATCHING

    prompt: str
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Ordering(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.ORDERING

    prompt: str
    items: tuple[str, ...]


def cloze_blanks(text: str) -> list[tuple[int, int, str]]:
    """Each blank `{{answer}}` or `{{answer|other accepted}}` as (start, end, inside).

    A blank runs from `{{` to the first `}}` after it; the braces cannot nest. Found with
    str.find in one pass, so the time is linear in the text: a backtracking pattern tried
    again from every `{{` of a text with no `}}` would take quadratic time.
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        start = text.find("{{", pos)
        if start < 0:
            return out
        close = text.find("}}", start + 2)
        if close < 0:  # no later `{{` can have a `}}` after it either
            return out
        out.append((start, close + 2, text[start + 2 : close]))
        pos = close + 2


def cloze_without_blanks(text: str, fill: str = "") -> str:
    """The text with each blank replaced by `fill`, in linear time like cloze_blanks."""
    pieces: list[str] = []
    pos = 0
    for start, end, _ in cloze_blanks(text):
        pieces += (text[pos:start], fill)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Blank:
    """One gap of a cloze: the accepted answers, the first being the form shown as correct."""

    accepted: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.CLOZE

    text: str

    @property
    def segments(self) -> tuple[str | Blank, ...]:
        """The text split into literal strings and blanks, in reading order."""
        out: list[str | Blank] = []
        pos = 0
        for start, end, inside in cloze_blanks(self.text):
            if start > pos:
                out.append(self.text[pos:start])
            accepted = tuple(a.strip() for a in inside.split("|") if a.strip())
            out.append(Blank(accepted))
            pos = end
        if pos < len(self.text):
            out.append(self.text[pos:])
        return tuple(out)

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return tuple(s for s in self.segments if isinstance(s, Blank))


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortAnswer(QuestionBase):
    TYPE: ClassVar[Kind] = Kind.SHORT_ANSWER

    prompt: str
    answers: tuple[str, ...]
    actor: str = ""  # the actor id the answer is, whose name forms and role are accepted too


Question = (
    Attribution
    | PositionShift
    | MultipleChoice
    | MultipleSelect
    | TrueFalse
    | Matching
    | Ordering
    | Cloze
    | ShortAnswer
)

QUESTION_TYPES: Mapping[str, type[QuestionBase]] = MappingProxyType(
    {
        cls.TYPE: cls
        for cls in (
            Attribution,
            PositionShift,
            MultipleChoice,
            MultipleSelect,
            TrueFalse,
            Matching,
            Ordering,
            Cloze,
            ShortAnswer,
        )
    }
)

# Fields that do not change what a learner is asked or what counts as right; editing them
# keeps a learner's history valid.
_NOT_HASHED = frozenset({"id", "explanation", "evidence", "tags", "aliases", "line"})
# Keys added after fingerprints were first stored: left out while unset, so that a question
# written before them keeps its fingerprint and its learners' history.
_HASHED_WHEN_SET = frozenset({"actor"})
# Where a question's stances were written (a position_shift's `position`) is not what it asks:
# the stances it took are hashed. The key stays in the body, empty, because fingerprints made
# since it was added hold it so; moving a shift's stances into `positions` keeps its history.
_HASHED_EMPTY = frozenset({"position"})


def _plain(value: object) -> object:
    if isinstance(value, Stance):
        # A stance's evidence and cue tell the learner where it comes from; they do not change
        # what is asked or what counts as right, so marking a stance implied keeps its history.
        return [value.label, value.stance]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def content_hash(question: QuestionBase) -> str:
    """A short, stable fingerprint of what the question asks and accepts.

    The store keeps it beside every answer so that a question edited after it was answered is
    recognised as changed, while fixing a typo in an explanation is not.
    """
    body: dict[str, object] = {"type": str(question.TYPE)}
    for f in fields(question):
        if f.name in _HASHED_WHEN_SET and not getattr(question, f.name):
            continue
        if f.name in _HASHED_EMPTY:
            body[f.name] = ""
        elif f.name not in _NOT_HASHED:
            body[f.name] = _plain(getattr(question, f.name))
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Bank:
    id: str
    title: str
    questions: tuple[Question, ...]
    path: str = ""
    description: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    source: Source | None = None
    actors: Mapping[str, Actor] = field(default_factory=lambda: MappingProxyType({}))
    version: int = FORMAT_VERSION
    story: str = ""  # shared by the banks of one story told over several articles
    positions: tuple[Position, ...] = ()

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or the one that lists it among its earlier ids."""
        for q in self.questions:
            if q.id == question_id:
                return q
        for q in self.questions:
            if question_id in q.aliases:
                return q
        return None

    def tags_of(self, question: QuestionBase) -> tuple[str, ...]:
        """The bank's tags then the question's own, each once."""
        return tuple(dict.fromkeys((*self.tags, *question.tags)))

    @property
    def all_tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = dict.fromkeys(self.tags)
        for q in self.questions:
            seen.update(dict.fromkeys(q.tags))
        return tuple(sorted(seen))

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor is not None else actor_id

"""What the exporters and importers share: the neutral items that quiz formats speak in, the
mapping from our question kinds to them, and the feedback text that carries explanation and
evidence.

Quiz formats know a handful of kinds (multiple choice, true/false, matching, short answer, a
text with gaps); our kinds map onto those, and imported questions come back through the same
items, so that a round trip goes through one mapping in each direction.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypedDict, assert_never

from studyapp.answering.presentation import attribution_candidates
from studyapp.bank.problems import Problem, Severity
from studyapp.htmlscan import tokens
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One question as quiz formats see it."""

    name: str
    feedback: str = ""
    tags: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceItem(Item):
    prompt: str
    choices: tuple[str, ...]
    correct: tuple[str, ...]
    multiple: bool = False  # several right answers, each ticked (checkboxes)
    shuffle: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseItem(Item):
    statement: str
    answer: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchingItem(Item):
    prompt: str
    pairs: tuple[tuple[str, str], ...]
    extras: tuple[str, ...] = ()  # right-hand items that match nothing


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortItem(Item):
    prompt: str
    answers: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClozeItem(Item):
    """Literal text and gaps in reading order; a gap is the tuple of its accepted answers."""

    parts: tuple[str | tuple[str, ...], ...]


AnyItem = ChoiceItem | TrueFalseItem | MatchingItem | ShortItem | ClozeItem


@dataclass
class Imported:
    """What a reader made of a file: the items, and a note for everything it could not carry.

    Every reader (GIFT, Moodle XML, Aiken) returns one of these, so that the import command
    treats them alike.
    """

    items: list[AnyItem] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    category: str = ""  # the first category named, for the bank's title
    columns: dict[int, int] = field(default_factory=dict)  # line -> column a question starts at
    item_categories: list[str] = field(default_factory=list)  # one per item, "" for none
    current_category: str = ""
    # The most bytes of YAML the items may take (0: no limit) and a lower bound of what they
    # take so far: past the budget the bank is sure to be refused, so reading can stop.
    budget: int = 0
    least_size: int = 0

    def add(self, item: AnyItem) -> None:
        self.items.append(item)
        self.item_categories.append(self.current_category)
        self.least_size += least_yaml_size(item)

    @property
    def full(self) -> bool:
        return 0 < self.budget < self.least_size

    def enter_category(self, path: str) -> None:
        self.category = self.category or path
        self.current_category = path

    def with_category_tags(self) -> list[AnyItem]:
        """The items, each tagged with its category when the file spreads them over several.

        One category is the bank's title already; a tree of them is how the file's author
        sorted the questions, and tags are how our banks sort them.
        """
        names = [category_name(c) for c in self.item_categories]
        if len(set(names)) < 2:
            return list(self.items)
        return [
            replace(item, tags=(*item.tags, name)) if name and name not in item.tags else item
            for item, name in zip(self.items, names, strict=True)
        ]


# The fewest bytes each kind takes in our YAML besides its texts: "- id: x", "  type: ...",
# its keys, one item line per choice or pair.
_LEAST_YAML = {
    "ChoiceItem": 75,
    "TrueFalseItem": 55,
    "ShortItem": 56,
    "MatchingItem": 63,
    "ClozeItem": 35,
}


def item_texts(item: AnyItem) -> list[str]:
    texts = [item.feedback, *item.tags]
    if isinstance(item, ChoiceItem):
        texts += [item.prompt, *item.choices]
    elif isinstance(item, TrueFalseItem):
        texts.append(item.statement)
    elif isinstance(item, MatchingItem):
        texts += [item.prompt, *(t for pair in item.pairs for t in pair)]
    elif isinstance(item, ShortItem):
        texts += [item.prompt, *item.answers]
    else:
        texts += [p if isinstance(p, str) else "".join(p) for p in item.parts]
    return texts


def least_yaml_size(item: AnyItem) -> int:
    """A lower bound of the bytes `item` takes as a question of our YAML."""
    texts = sum(len(t.encode("utf-8", "surrogatepass")) for t in item_texts(item))
    return _LEAST_YAML[type(item).__name__] + texts


_CONTEXT = re.compile(r"^\$[a-z0-9]+\$/")


def category_name(path: str) -> str:
    """A Moodle category path as one readable name: the context ($course$) and the top level
    left out, each step joined with " / " (Moodle writes a "/" inside a name as "//")."""
    path = _CONTEXT.sub("", path.strip())
    steps = [s.strip().replace("\ue02f", "/") for s in path.replace("//", "\ue02f").split("/")]
    if steps and steps[0] == "top":
        steps.pop(0)
    return " / ".join(s for s in steps if s)


def skipped(bank: Bank, question: Question, reason: str) -> Problem:
    """The warning for a question (or part of one) that a format cannot carry."""
    return Problem(
        bank.path,
        question.line,
        1,  # the question's own line: where its "- id:" item begins
        f"question {question.id!r} ({question.TYPE}) {reason}",
        Severity.WARNING,
    )


# --- explanation and evidence as one feedback text, and back ---------------------------------

EVIDENCE_HEADING = "Evidence:"


def compose_feedback(explanation: str, evidence: Sequence[str]) -> str:
    """The explanation, then the evidence as quoted passages under a heading.

    The layout is Markdown that reads well as plain text and that `split_feedback` can take
    apart again, so that an exported question imports with its evidence intact.
    """
    blocks: list[str] = []
    if explanation.strip():
        blocks.append(explanation.strip())
    if evidence:
        quoted = "\n\n".join(
            "\n".join(f"> {line}" if line else ">" for line in passage.strip().split("\n"))
            for passage in evidence
        )
        blocks.append(f"{EVIDENCE_HEADING}\n{quoted}")
    return "\n\n".join(blocks)


def split_feedback(text: str) -> tuple[str, tuple[str, ...]]:
    """(explanation, evidence passages) from a text written by `compose_feedback`; any other
    text is all explanation."""
    text = text.strip()
    if text.startswith(EVIDENCE_HEADING + "\n"):
        head, tail = "", text[len(EVIDENCE_HEADING) + 1 :]
    else:
        marker = f"\n\n{EVIDENCE_HEADING}\n"
        at = text.rfind(marker)
        if at < 0:
            return text, ()
        head, tail = text[:at], text[at + len(marker) :]
    passages: list[str] = []
    for chunk in tail.split("\n\n"):
        lines = chunk.split("\n")
        if not all(line == ">" or line.startswith("> ") for line in lines):
            return text, ()
        passages.append("\n".join(line[2:] for line in lines).strip())
    if not all(passages):
        return text, ()
    return head.strip(), tuple(passages)


# --- our kinds to items ----------------------------------------------------------------------


def attribution_prompt(question: Attribution) -> str:
    heading = question.prompt.strip() or "Who said this?"
    context = f" ({question.context.strip()})" if question.context.strip() else ""
    return f"{heading}{context}\n“{question.quote.strip()}”"


def attribution_choice(question: Attribution, bank: Bank) -> tuple[list[str], str]:
    """The names to choose from, in a fixed order, and the speaker's name.

    When the bank names no distractors the app draws other people at random each time; an
    export must be repeatable, so the draw is seeded with the bank and question ids.
    """
    rng = random.Random(f"{bank.id}/{question.id}")  # noqa: S311 - a repeatable order, no secret
    ids = attribution_candidates(question, bank, rng)
    names = list(dict.fromkeys(bank.actor_name(i) for i in ids))
    return names, bank.actor_name(question.speaker)


def shift_prompt(question: PositionShift, bank: Bank) -> str:
    if question.prompt.strip():
        return question.prompt.strip()
    who = bank.actor_name(question.actor)
    return f"{who} on {question.issue}: match each time to the stance held then."


def shift_stances(question: PositionShift) -> list[str]:
    return list(
        dict.fromkeys([question.before.stance, question.after.stance, *question.distractors])
    )


class Common(TypedDict):
    """The fields every item has, for building items with **."""

    name: str
    feedback: str
    tags: tuple[str, ...]
    line: int


def _common(question: Question, name: str = "") -> Common:
    return {
        "name": name or question.id,
        "feedback": compose_feedback(question.explanation, question.evidence),
        "tags": question.tags,
        "line": question.line,
    }


def to_items(
    question: Question, bank: Bank, target: str, *, matching: bool = True
) -> list[AnyItem] | str:
    """The items that carry `question`, or the reason no item can.

    `matching` says whether the target has matching questions; without them a position shift
    becomes two multiple-choice questions (before, after).
    """
    common = _common(question)
    match question:
        case Attribution():
            names, speaker = attribution_choice(question, bank)
            if len(names) < 2:
                return "has no other actor to offer as a wrong answer"
            return [
                ChoiceItem(
                    prompt=attribution_prompt(question),
                    choices=tuple(names),
                    correct=(speaker,),
                    **common,
                )
            ]
        case PositionShift():
            stances = tuple(shift_stances(question))
            if matching:
                pairs = (
                    (f"Before: {question.before.label}", question.before.stance),
                    (f"After: {question.after.label}", question.after.stance),
                )
                extras = tuple(s for s in stances if s not in {p[1] for p in pairs})
                return [
                    MatchingItem(
                        prompt=shift_prompt(question, bank), pairs=pairs, extras=extras, **common
                    )
                ]
            who = bank.actor_name(question.actor)
            out: list[AnyItem] = []
            for part, stance in (("before", question.before), ("after", question.after)):
                prompt = f"{who} on {question.issue}, {stance.label}: which stance?"
                part_common = _common(question, f"{question.id}-{part}")
                out.append(
                    ChoiceItem(
                        prompt=prompt, choices=stances, correct=(stance.stance,), **part_common
                    )
                )
            return out
        case MultipleChoice():
            return [
                ChoiceItem(
                    prompt=question.prompt,
                    choices=question.choices,
                    correct=(question.answer,),
                    shuffle=question.shuffle,
                    **common,
                )
            ]
        case MultipleSelect():
            return [
                ChoiceItem(
                    prompt=question.prompt,
                    choices=question.choices,
                    correct=question.answers,
                    multiple=True,
                    shuffle=question.shuffle,
                    **common,
                )
            ]
        case TrueFalse():
            return [TrueFalseItem(statement=question.statement, answer=question.answer, **common)]
        case Matching():
            return [MatchingItem(prompt=question.prompt, pairs=question.pairs, **common)]
        case ShortAnswer():
            return [ShortItem(prompt=question.prompt, answers=question.answers, **common)]
        case Cloze():
            parts = tuple(s if isinstance(s, str) else s.accepted for s in question.segments)
            return [ClozeItem(parts=parts, **common)]
        case Ordering():
            return f"has no equivalent in {target}"
        case _:
            assert_never(question)


# --- names and ids ---------------------------------------------------------------------------

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def bank_items(
    bank: Bank, target: str, problems: list[Problem]
) -> Iterator[tuple[Question, AnyItem]]:
    """Each question of `bank` with each item that carries it to `target`, in bank order.

    A question no item can carry is reported in `problems` as it is reached, so that the
    warnings keep the order of the questions among those the exporter adds.
    """
    for question in bank.questions:
        items = to_items(question, bank, target)
        if isinstance(items, str):
            problems.append(skipped(bank, question, items + "; skipped"))
            continue
        for item in items:
            yield question, item


# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
)


def slugify(text: str) -> str:
    """A bank or question id made from a name: lowercase letters, digits and dashes.

    Accented letters keep their base letter ("création" gives "creation"), as a person would
    type the id; what has no Latin spelling becomes a dash.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LATIN))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("-", plain).strip("-")


def unique_id(wanted: str, taken: set[str], fallback: str) -> str:
    base = slugify(wanted) or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- grades Moodle accepts -------------------------------------------------------------------

# Moodle's importers accept only these fractions of the mark (and their negatives): p/q for
# q <= 6, tenths, 1/q for q <= 10, and 1/20, written to 7 decimal places. Percentages here.
_SHARE_PERCENT = {
    1: "100",
    2: "50",
    3: "33.33333",
    4: "25",
    5: "20",
    6: "16.66667",
    7: "14.28571",
    8: "12.5",
    9: "11.11111",
    10: "10",
    20: "5",
}


def equal_share(count: int) -> str | None:
    """The percentage that gives each of `count` right answers an equal share of the mark, as
    Moodle writes it, or None when Moodle has no such grade."""
    return _SHARE_PERCENT.get(count)


# --- HTML from other tools, as plain text ----------------------------------------------------


_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"})
_LINE_SPACE = re.compile(r"[\r\n\t]")


def html_to_text(fragment: str) -> tuple[str, set[str]]:
    """The text of an HTML fragment and the names of the tags whose formatting was lost.

    Line breaks come from <br> and paragraph ends (in HTML a line break in the source is only
    a space); character references are decoded; every other tag is dropped and named.
    """
    out: list[str] = []
    dropped: set[str] = set()
    for token in tokens(fragment):
        if token.kind == "data":
            out.append(_LINE_SPACE.sub(" ", token.value))
        elif token.value == "br" and token.kind == "start":
            out.append("\n")
        elif token.value in _BLOCKS:
            out.append("\n\n")
        elif token.kind == "start":
            dropped.add(token.value)
    text = "".join(out)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, dropped - {"span"}

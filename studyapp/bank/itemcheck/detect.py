"""The checks that judge one question alone, each a function from the question to findings.

A finding names the question, the key (and list item) where the flaw shows, and what was
seen; run.py adds the place in the file and the check's advice on fixing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, assert_never

from studyapp.bank.itemcheck import catalogue as cat
from studyapp.bank.itemcheck import words as w
from studyapp.model import (
    Actor,
    Attribution,
    Blank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
    cloze_without_blanks,
)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    question: str  # the id of the question it is reported at
    key: str | None  # the key whose value shows the flaw; None for the question as a whole
    index: int | None  # the list item of that key, if one
    seen: str  # what was found, in plain words


@dataclass(frozen=True, slots=True)
class Facts:
    """What the checks may consult beyond the question: the bank's people and its source."""

    actors: Mapping[str, Actor]
    persons: tuple[str, ...]  # ids of the actors who are people, in the bank's order
    source: str | None  # the source's folded words, space-separated, or None without one
    source_grams: frozenset[tuple[str, ...]]  # every VERBATIM_MIN words in a row of the source
    fold: w.Folded  # every text the checks compare, folded once
    bare: w.Bared  # ...and stripped of a leading article, as options are compared
    # What several checks derive from one question, made once; by id(question).
    chosen: dict[int, list[Option]] = field(default_factory=dict)
    gaps: dict[int, tuple[Blank, ...]] = field(default_factory=dict)
    visible: dict[int, str] = field(default_factory=dict)
    # What each question shows the learner before they answer, one piece per thing said, as
    # written (index.shown): what the cross-question check looks for answers in.
    shows: dict[int, list[str]] = field(default_factory=dict)
    # The answers of each question worth guarding from other questions (index.guarded):
    # (question, answer, key, list item).
    guarded: dict[int, list[tuple[Question, str, str | None, int | None]]] = field(
        default_factory=dict
    )

    def options(self, q: Question) -> list[Option]:
        """options(q), made once for all the checks that look at them."""
        found = self.chosen.get(id(q))
        if found is None:
            found = self.chosen[id(q)] = options(q)
        return found

    def blanks(self, q: Cloze) -> tuple[Blank, ...]:
        """q.blanks, which parses the text on every call, parsed once."""
        found = self.gaps.get(id(q))
        if found is None:
            found = self.gaps[id(q)] = q.blanks
        return found

    def outside_gaps(self, q: Cloze) -> str:
        """The cloze's text with a space for each gap: what it shows besides the gaps."""
        found = self.visible.get(id(q))
        if found is None:
            found = self.visible[id(q)] = cloze_without_blanks(q.text, " ")
        return found


class Option(NamedTuple):
    """A tuple, not a dataclass: a bank of 10,000 questions makes some 20,000 of them."""

    text: str
    right: bool
    key: str
    item: int | None  # the list item of the key


def options(q: Question) -> list[Option]:
    """The options a learner chooses among, marked right or wrong; empty for other kinds."""
    match q:
        case MultipleChoice():
            return [Option(c, c == q.answer, "choices", i) for i, c in enumerate(q.choices)]
        case MultipleSelect():
            right = set(q.answers)
            return [Option(c, c in right, "choices", i) for i, c in enumerate(q.choices)]
        case PositionShift():
            return [
                Option(q.before.stance, True, "before", None),
                Option(q.after.stance, True, "after", None),
                *(Option(d, False, "distractors", i) for i, d in enumerate(q.distractors)),
            ]
        case Attribution() | TrueFalse() | Matching() | Ordering() | Cloze() | ShortAnswer():
            return []  # chosen from actors or a yes/no, or typed: no written options
        case _:
            assert_never(q)


Detector = Callable[[Question, Facts], Iterator[Finding]]


def _longest(q: Question, facts: Facts) -> Iterator[Finding]:
    opts = facts.options(q)
    right = [o for o in opts if o.right]
    wrong = [o for o in opts if not o.right]
    if not right or not wrong:
        return
    shortest_right = min(len(o.text) for o in right)
    longest_wrong = max(len(o.text) for o in wrong)
    if (
        shortest_right >= cat.LONGEST_RATIO * longest_wrong
        and shortest_right - longest_wrong >= cat.LONGEST_MARGIN
    ):
        where = right[0]
        yield Finding(
            "longest-answer",
            q.id,
            where.key,
            where.item,
            f"the right option is {shortest_right} characters long and the longest wrong one "
            f"{longest_wrong}",
        )


def _qualified(q: Question, facts: Facts) -> Iterator[Finding]:
    opts = facts.options(q)
    hedged = [(o, w.qualifiers(facts.fold[o.text])) for o in opts]
    if any(found and not o.right for o, found in hedged):
        return
    if not any(not o.right for o in opts):
        return
    for o, found in hedged:
        if found:
            yield Finding(
                "qualified-answer",
                q.id,
                o.key,
                o.item,
                f"only the right option{'s' if isinstance(q, MultipleSelect) else ''} "
                f"hedge (“{found[0]}”)",
            )
            return


ABOVE = re.compile(
    r"\b(?:(?:all|none|both|neither) (?:of )?the above|"
    r"^(?:all|none|both|neither) of (?:these|those|them|the options)$|^(?:both|neither)$)"
)


def _above(q: Question, facts: Facts) -> Iterator[Finding]:
    for o in facts.options(q):
        if ABOVE.search(facts.fold[o.text]):
            yield Finding("above-option", q.id, o.key, o.item, f"the option “{o.text}”")


def _in_stem(q: Question, facts: Facts) -> Iterator[Finding]:
    bare = facts.bare
    match q:
        case MultipleChoice() | MultipleSelect():
            prompt = facts.fold[w.unquoted(q.prompt)]
            # `in` first: a plain substring test rules out nearly every option at once.
            shown = [
                o
                for o in facts.options(q)
                if bare[o.text] in prompt
                and w.phrase_in(bare[o.text], prompt)
                and w.content(bare[o.text].split())
            ]
            if shown and all(o.right for o in shown):
                yield Finding(
                    "answer-in-stem",
                    q.id,
                    "prompt",
                    None,
                    f"the prompt contains the right option “{shown[0].text}”",
                )
        case ShortAnswer():
            prompt = facts.fold[q.prompt]
            for answer in q.answers:
                folded = bare[answer]
                if folded in prompt and w.phrase_in(folded, prompt) and w.content(folded.split()):
                    yield Finding(
                        "answer-in-stem", q.id, "prompt", None, f"the prompt contains “{answer}”"
                    )
                    return
        case Cloze():
            visible = facts.fold[facts.outside_gaps(q)]
            for blank in facts.blanks(q):
                for answer in blank.accepted:
                    folded = bare[answer]
                    if (
                        folded in visible
                        and w.phrase_in(folded, visible)
                        and w.content(folded.split())
                    ):
                        yield Finding(
                            "answer-in-stem",
                            q.id,
                            "text",
                            None,
                            f"the text shows “{answer}”, the word of a gap, outside the gap",
                        )
                        return
        case Attribution() | PositionShift() | TrueFalse() | Matching() | Ordering():
            return  # the catalogue runs this check on the other kinds only
        case _:
            assert_never(q)


def _absolute(q: Question, facts: Facts) -> Iterator[Finding]:
    # "None of the above" is above-option's to report; its "none" is no claim.
    opts = [o for o in facts.options(q) if not ABOVE.search(facts.fold[o.text])]
    marked = [(o, w.absolutes(facts.fold[o.text])) for o in opts]
    if any(found and o.right for o, found in marked):
        return
    for o, found in marked:
        if found:
            yield Finding(
                "absolute-distractor",
                q.id,
                o.key,
                o.item,
                f"“{found[0]}” appears in a wrong option (“{o.text}”) and in no right one",
            )
            return


def _without_trailing(text: str) -> str:
    """The text less its closing run of spaces, underscores, dots, ellipses and colons.

    A loop from the end, not a `...+$` pattern: searched in a prompt of many spaces followed by
    a letter, that pattern is retried from every space, in quadratic time.
    """
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in "_.…:"):
        end -= 1
    return text[:end]


def _grammar(q: Question, facts: Facts) -> Iterator[Finding]:
    if not isinstance(q, MultipleChoice | MultipleSelect):
        return
    stem = _without_trailing(q.prompt)
    last = stem.rsplit(None, 1)[-1].lower() if stem.split() else ""
    fits: Callable[[str], bool]
    if last == "an":
        fits, form = w.starts_with_vowel_sound, "“an”"
    elif last == "a":
        fits, form = (lambda t: not w.starts_with_vowel_sound(t)), "“a”"
    elif last in ("is", "was"):
        fits, form = (lambda t: not w.looks_plural(t)), f"the singular “{last}”"
    elif last in ("are", "were"):
        fits, form = w.looks_plural, f"the plural “{last}”"
    else:
        return
    opts = facts.options(q)
    if all(fits(o.text) == o.right for o in opts):
        yield Finding(
            "grammar-cue",
            q.id,
            "prompt",
            None,
            f"the prompt ends in {form}, which only the right option fits",
        )


NEGATIVE = re.compile(r"\b(not|never|except|cannot|none)\b|\b\w+n[’']t\b", re.IGNORECASE)
# A negative after one of these belongs to a clause inside the question ("what would he have
# done if he had not been elected?"), not to what is asked.
_SUBORDINATE = re.compile(r"\b(?:if|unless|when|whether|because|although|though|had)\b", re.I)


def _negative(q: Question, facts: Facts) -> Iterator[Finding]:
    if not isinstance(q, MultipleChoice | MultipleSelect | ShortAnswer):
        return
    text = w.unquoted(q.prompt)
    for m in NEGATIVE.finditer(text):
        word = m.group()
        if word.lower() != "except" and _SUBORDINATE.search(text, 0, m.start()):
            continue
        emphasised = word.isupper() or text[max(0, m.start() - 1) : m.start()] in ("*", "_")
        if not emphasised:
            yield Finding("negative-stem", q.id, "prompt", None, f"the prompt asks with “{word}”")
            return


def _verbatim(q: Question, facts: Facts) -> Iterator[Finding]:
    if not isinstance(q, TrueFalse) or not q.answer or facts.source is None:
        return
    tokens = _FRAMING.sub("", facts.fold[q.statement]).split()
    k = cat.VERBATIM_MIN
    # No run can be long enough unless one stretch of VERBATIM_MIN words is in the source.
    if not any(tuple(tokens[i : i + k]) in facts.source_grams for i in range(len(tokens) - k + 1)):
        return
    run = _longest_run(tokens, facts.source)
    n = len(tokens)
    if run >= cat.VERBATIM_RUN or (run >= cat.VERBATIM_MIN and run >= cat.VERBATIM_SHARE * n):
        yield Finding(
            "verbatim-true",
            q.id,
            "statement",
            None,
            f"{run} of its {n} words run on exactly as in the source",
        )


# "According to the article, ..." frames a statement; it is not part of what is claimed.
_FRAMING = re.compile(
    r"^(?:according to (?:the article|the report|the source)|"
    r"the (?:article|report|source) (?:says|reports|states|notes|claims)(?: that)?) "
)


def _longest_run(tokens: list[str], source: str) -> int:
    """The most statement words in a row that also stand in a row in the source."""
    padded = f" {source} "
    best = 0
    for i in range(len(tokens)):
        j = i + best + 1
        while j <= len(tokens) and f" {' '.join(tokens[i:j])} " in padded:
            best = j - i
            j += 1
    return best


def _names_speaker(q: Question, facts: Facts) -> Iterator[Finding]:
    if not isinstance(q, Attribution):
        return
    actor = facts.actors.get(q.speaker)
    if actor is None:
        return
    others = [facts.actors[d] for d in _distractors(q, facts) if d in facts.actors]
    for key in ("context", "prompt"):
        raw = getattr(q, key)
        if not raw:
            continue
        folded = facts.fold[raw]
        named = _name_in(facts, actor, others, raw, folded)
        if named:
            yield Finding("context-names-speaker", q.id, key, None, f"the {key} names {named}")
            return


def _distractors(q: Attribution, facts: Facts) -> tuple[str, ...]:
    if q.distractors:
        return q.distractors
    return tuple(p for p in facts.persons if p != q.speaker)[:3]


def _name_in(facts: Facts, actor: Actor, others: list[Actor], raw: str, folded: str) -> str:
    if w.phrase_in(facts.fold[actor.name], folded):
        return f"the speaker, “{actor.name}”"
    parts = actor.name.split()
    if actor.kind == "person" and len(parts) > 1:
        surname = parts[-1]
        shared = any(surname in o.name.split() for o in others)
        if len(surname) >= 3 and not shared and re.search(rf"\b{re.escape(surname)}\b", raw):
            return f"the speaker, “{surname}”"
    role = facts.fold[actor.role]
    if role and w.phrase_in(role, folded) and not any(role in facts.fold[o.role] for o in others):
        return f"the speaker's office, “{actor.role}”"
    return ""


def _repeated(q: Question, facts: Facts) -> Iterator[Finding]:
    bare = facts.bare
    # The usual case first, without building anything: no two alike once folded.
    if isinstance(q, Matching):
        lefts = {bare[left] for left, _ in q.pairs}
        if len(lefts) == len(q.pairs) == len({bare[right] for _, right in q.pairs}):
            return
    elif isinstance(q, Ordering):
        if len(q.items) == len({bare[t] for t in q.items}):
            return
    else:
        opts = facts.options(q)
        if len(opts) == len({bare[o.text] for o in opts}):
            return
    groups: list[tuple[str, list[tuple[str, int | None, str]]]]
    if isinstance(q, Matching):
        groups = [
            ("pairs", [("pairs", i, left) for i, (left, _) in enumerate(q.pairs)]),
            ("pairs", [("pairs", i, right) for i, (_, right) in enumerate(q.pairs)]),
        ]
    elif isinstance(q, Ordering):
        groups = [("items", [("items", i, t) for i, t in enumerate(q.items)])]
    else:
        groups = [("", [(o.key, o.item, o.text) for o in facts.options(q)])]
    for _, members in groups:
        if len(members) == len({bare[t] for _, _, t in members}):
            continue  # no two alike once folded
        seen: dict[str, str] = {}
        for key, index, text in members:
            # Options of punctuation alone ("=", "~") fold to nothing: compare them as written.
            form = bare[text] or text.strip()
            if form in seen and seen[form] != text:
                yield Finding(
                    "repeated-option",
                    q.id,
                    key,
                    index,
                    f"“{text}” is the same option as “{seen[form]}”",
                )
                return
            seen.setdefault(form, text)


def _few(q: Question, facts: Facts) -> Iterator[Finding]:
    if isinstance(q, Matching) and len(q.pairs) <= cat.FEW_PARTS:
        yield Finding("too-few-pairs", q.id, "pairs", None, f"only {len(q.pairs)} pairs")
    elif isinstance(q, Ordering) and len(q.items) <= cat.FEW_PARTS:
        yield Finding("too-few-pairs", q.id, "items", None, f"only {len(q.items)} items")


DETECTORS: dict[str, Detector] = {
    "longest-answer": _longest,
    "qualified-answer": _qualified,
    "above-option": _above,
    "answer-in-stem": _in_stem,
    "absolute-distractor": _absolute,
    "grammar-cue": _grammar,
    "negative-stem": _negative,
    "verbatim-true": _verbatim,
    "context-names-speaker": _names_speaker,
    "repeated-option": _repeated,
    "too-few-pairs": _few,
}

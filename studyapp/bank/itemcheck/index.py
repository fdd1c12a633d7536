"""What the checks look up across a bank, worked out once before any check runs.

Two things, both for speed on large banks (a bank of 10,000 questions is checked in a small
share of the time it takes to validate): every text the checks compare is folded in one pass
(words.Folded.fill), and the checks that look for particular words are told which questions
hold such words at all, found by one search over the bank's texts joined. Those word searches
are a necessary condition of the check, never its judgement: a question they let through is
judged by the detector exactly as before, and one they leave out is one it could not flag.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from typing import Any, TypeVar

from studyapp.bank.itemcheck import catalogue as cat
from studyapp.bank.itemcheck import detect
from studyapp.bank.itemcheck import words as w
from studyapp.model import (
    Actor,
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

Q = TypeVar("Q", bound=Question)


def _texts(by_type: Mapping[str, Sequence[Question]], facts: detect.Facts) -> list[str]:
    """The texts of the questions that the checks fold (options, prompts, answers, evidence),
    gathered kind by kind in flat comprehensions, which is where the time of this goes."""

    def of(cls: type[Q]) -> list[Q]:
        return by_type.get(cls.TYPE, [])  # type: ignore[return-value]

    texts: list[str] = []  # evidence is folded where it is compared (across._same_fact)
    for chooses in (of(MultipleChoice), of(MultipleSelect)):
        texts += [c for q in chooses for c in q.choices]
        texts += [q.prompt for q in chooses]
        texts += [w.unquoted(q.prompt) for q in chooses]
    shifts = of(PositionShift)
    texts += [s for q in shifts for s in (q.before.stance, q.after.stance, *q.distractors)]
    quotes = of(Attribution)
    texts += [t for q in quotes for t in (q.quote, q.context, q.prompt)]
    texts += [q.statement for q in of(TrueFalse)]
    texts += [t for q in of(ShortAnswer) for t in (q.prompt, *q.answers)]
    texts += [facts.outside_gaps(q) for q in of(Cloze)]
    texts += [a for q in of(Cloze) for b in facts.blanks(q) for a in b.accepted]
    texts += [t for q in of(Matching) for pair in q.pairs for t in pair]
    texts += [q.prompt for q in of(Matching)]
    texts += [t for q in of(Ordering) for t in (q.prompt, *q.items)]
    return texts


def shown(by_type: Mapping[str, Sequence[Question]], facts: detect.Facts) -> None:
    """What each question tells the learner as fact before they answer, one piece per thing
    said, into facts.shows. Options are left out: shown beside wrong ones, they give no answer
    away. Each side of a matching pair and each item to order is its own piece, since the
    question does not show which belong together. Kind by kind, in flat comprehensions."""
    shows = facts.shows
    for kind, questions in by_type.items():
        qs: Sequence[Any] = questions
        if kind == Attribution.TYPE:
            shows.update({id(q): [" ".join((q.quote, q.context, q.prompt))] for q in qs})
        elif kind == PositionShift.TYPE:
            shows.update(
                {id(q): [" ".join((q.issue, q.prompt, q.before.label, q.after.label))] for q in qs}
            )
        elif kind == TrueFalse.TYPE:
            shows.update({id(q): [q.statement] if q.statement else [] for q in qs})
        elif kind == Matching.TYPE:
            shows.update({id(q): [p for p in (q.prompt, *chain(*q.pairs)) if p] for q in qs})
        elif kind == Ordering.TYPE:
            shows.update({id(q): [p for p in (q.prompt, *q.items) if p] for q in qs})
        elif kind == Cloze.TYPE:
            shows.update({id(q): [p] if (p := facts.outside_gaps(q)) else [] for q in qs})
        else:
            shows.update({id(q): [q.prompt] if q.prompt else [] for q in qs})


def pieces(by_type: Mapping[str, Sequence[Question]], facts: detect.Facts) -> list[str]:
    """Every piece that shown() gives the questions, in one flat list (kind by kind, not in
    the bank's order): what the cross-question check counts words in before it needs to know
    whose piece is whose."""
    out: list[str] = []
    for kind, questions in by_type.items():
        qs: Sequence[Any] = questions
        if kind == Attribution.TYPE:
            out += [" ".join((q.quote, q.context, q.prompt)) for q in qs]
        elif kind == PositionShift.TYPE:
            out += [" ".join((q.issue, q.prompt, q.before.label, q.after.label)) for q in qs]
        elif kind == TrueFalse.TYPE:
            out += filter(None, [q.statement for q in qs])
        elif kind == Matching.TYPE:
            out += [p for q in qs for p in (q.prompt, *chain(*q.pairs)) if p]
        elif kind == Ordering.TYPE:
            out += [p for q in qs for p in (q.prompt, *q.items) if p]
        elif kind == Cloze.TYPE:
            out += filter(None, map(facts.outside_gaps, qs))
        else:
            out += filter(None, [q.prompt for q in qs])
    return out


def answers(by_type: Mapping[str, Sequence[Question]], facts: detect.Facts) -> list[str]:
    """Every answer that guarded() guards, in one flat list (kind by kind)."""
    sa: Sequence[Any] = by_type.get(ShortAnswer.TYPE, ())
    mc: Sequence[Any] = by_type.get(MultipleChoice.TYPE, ())
    ms: Sequence[Any] = by_type.get(MultipleSelect.TYPE, ())
    cz: Sequence[Any] = by_type.get(Cloze.TYPE, ())
    out: list[str] = [a for q in sa for a in q.answers]
    out += [q.answer for q in mc]
    out += [a for q in ms for a in q.answers]
    out += [b.accepted[0] for q in cz for b in facts.blanks(q) if b.accepted]
    return out


def guarded(by_type: Mapping[str, Sequence[Question]], facts: detect.Facts) -> None:
    """The answers worth guarding from other questions, into facts.guarded: those a learner
    types or picks among options (an attribution's answer is a speaker, a pairing's and an
    ordering's are arrangements, a statement's is true or false)."""
    out = facts.guarded
    sa: Sequence[Any] = by_type.get(ShortAnswer.TYPE, ())
    mc: Sequence[Any] = by_type.get(MultipleChoice.TYPE, ())
    ms: Sequence[Any] = by_type.get(MultipleSelect.TYPE, ())
    cz: Sequence[Any] = by_type.get(Cloze.TYPE, ())
    out.update({id(q): [(q, a, "answers", i) for i, a in enumerate(q.answers)] for q in sa})
    out.update({id(q): [(q, q.answer, "answer", None)] for q in mc})
    out.update({id(q): [(q, a, "answers", i) for i, a in enumerate(q.answers)] for q in ms})
    out.update(
        {
            id(q): [(q, b.accepted[0], "text", None) for b in facts.blanks(q) if b.accepted]
            for q in cz
        }
    )


def fold_all(
    by_type: Mapping[str, Sequence[Question]], actors: Mapping[str, Actor], facts: detect.Facts
) -> None:
    """Fold every text the checks will compare, in one pass."""
    texts = _texts(by_type, facts)
    for actor in actors.values():
        texts += (actor.name, actor.role)
    facts.fold.fill(texts)
    facts.bare.fill()


class _Joined:
    """The texts of some questions joined by newlines (which no needle holds), to find in
    which questions a needle stands with str.find over all of them at once."""

    def __init__(self, questions: Sequence[Question], texts: Sequence[str]) -> None:
        self.questions = questions
        self.starts: list[int] = []
        at = 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + 1
        self.joined = "\n".join(texts)

    def holding(self, needles: Iterable[str]) -> set[int]:
        """The ids of the questions whose text holds one of the needles."""
        joined, starts, found = self.joined, self.starts, set()
        for needle in needles:
            at = joined.find(needle)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(id(self.questions[i]))
                # On to the next question: this one is found.
                at = joined.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
        return found


# Necessary for a match of detect.ABOVE, whose every branch holds one of them: "... the above",
# "... of these / those / them / the options", "both", "neither"; each with the whole word it
# needs the options to hold.
_ABOVE_NEEDLES = (("above", "above"), (" of th", "of"), ("both", "both"), ("neither", "neither"))
# Necessary for a match of detect.NEGATIVE in a prompt in lower case ("cannot" holds "not").
_NEGATIVE_NEEDLES = ("not", "never", "except", "none", "n't", "n’t")


def _choices(q: Question) -> tuple[str, ...]:
    """The options of a choosing question, as detect.options() lists them."""
    if isinstance(q, PositionShift):
        return (q.before.stance, q.after.stance, *q.distractors)
    return q.choices  # type: ignore[union-attr]


def _owning(owners: Sequence[Question], flags: Iterable[object]) -> set[int]:
    """The ids of the owners whose flag is true (owners and flags run in step)."""
    return set(map(id, compress(owners, flags)))


def _repeats(
    owners: Sequence[Question], groups: Sequence[Sequence[str]], bare: w.Bared
) -> set[int]:
    """The ids of the owners of the groups (options, sides, items) with two alike once folded:
    those with fewer forms than members. A set of each group's forms, made with C-level loops
    (owners and groups run in step)."""
    distinct = map(len, map(set, map(map, repeat(bare.__getitem__), groups)))
    return _owning(owners, map(operator.ne, map(len, groups), distinct))


def _shown_in(owners: Sequence[Question], forms: Iterable[str], texts: Iterable[str]) -> set[int]:
    """The ids of the owners whose form stands in their text (as a string): one C-level pass."""
    return _owning(owners, map(operator.contains, texts, forms))


def candidates(
    by_type: Mapping[str, Sequence[Question]], facts: detect.Facts
) -> dict[str, set[int]]:
    """For the checks that a cheap test can rule out, the ids of the questions that could be
    flagged. Each test is implied by the check (the reason is beside it), so a question left
    out could not have been flagged. The tests run over the bank's questions of a kind at once,
    in flat lists and C-level loops: per question, Python's own steps cost more than the tests."""
    fold, bare = facts.fold, facts.bare
    mc: Sequence[MultipleChoice] = by_type.get(MultipleChoice.TYPE, ())  # type: ignore[assignment]
    ms: Sequence[MultipleSelect] = by_type.get(MultipleSelect.TYPE, ())  # type: ignore[assignment]
    ps: Sequence[PositionShift] = by_type.get(PositionShift.TYPE, ())  # type: ignore[assignment]
    sa: Sequence[ShortAnswer] = by_type.get(ShortAnswer.TYPE, ())  # type: ignore[assignment]
    cz: Sequence[Cloze] = by_type.get(Cloze.TYPE, ())  # type: ignore[assignment]
    pairs: Sequence[Matching] = by_type.get(Matching.TYPE, ())  # type: ignore[assignment]
    items: Sequence[Ordering] = by_type.get(Ordering.TYPE, ())  # type: ignore[assignment]
    choosing: list[Question] = [*mc, *ms, *ps]
    options = [_choices(q) for q in choosing]
    # Each option between spaces, so that " word " finds whole words only.
    joined = _Joined(
        choosing, [" " + " \n ".join([fold[o] for o in opts]) + " " for opts in options]
    )
    # A word the options never hold is no needle worth a search through them all.
    held = set(joined.joined.split())
    asking: list[MultipleChoice | MultipleSelect | ShortAnswer] = [*mc, *ms, *sa]
    prompts = _Joined(asking, [q.prompt.lower() for q in asking])
    margin = cat.LONGEST_MARGIN
    # The prompts of the choosing kinds as the checks read them: quoted words left out.
    mc_prompts = [fold[w.unquoted(q.prompt)] for q in mc]
    ms_prompts = [fold[w.unquoted(q.prompt)] for q in ms]
    ms_owners = [q for q in ms for _ in q.answers]
    sa_owners = [q for q in sa for _ in q.answers]
    cz_blanks = [(q, facts.blanks(q)) for q in cz]
    cz_owners = [q for q, blanks in cz_blanks for b in blanks for _ in b.accepted]
    found = {
        # The words the check looks for, in an option.
        "absolute-distractor": joined.holding(f" {w} " for w in cat.ABSOLUTES & held),
        "qualified-answer": joined.holding(f" {w} " for w in cat.QUALIFIERS & held),
        # Each branch of detect.ABOVE holds one of these words.
        "above-option": joined.holding(needle for needle, word in _ABOVE_NEEDLES if word in held),
        "negative-stem": prompts.holding(_NEGATIVE_NEEDLES),
        # A right option at least LONGEST_MARGIN longer than every wrong one is the longest.
        # (min and max are given no `default=`, which costs them more than the look at a
        # question's few options: an empty list is tested first.)
        "longest-answer": {
            *{
                id(q)
                for q in mc
                if len(q.answer) >= margin
                and q.choices
                and len(q.answer) == max(map(len, q.choices))
            },
            # Every wrong option is then at least LONGEST_MARGIN shorter than the shortest
            # right one, so only the right options are longer than that less the margin.
            *{
                id(q)
                for q in ms
                if sum(
                    map(
                        operator.gt,
                        map(len, q.choices),
                        repeat((min(map(len, q.answers)) if q.answers else 0) - margin),
                    )
                )
                <= len(q.answers)
            },
            *{
                id(q)
                for q in ps
                if max(len(q.before.stance), len(q.after.stance))
                >= (max(map(len, q.distractors)) if q.distractors else 0) + margin
            },
        },
        # Two options alike once folded.
        "repeated-option": {
            *_repeats(choosing, options, bare),
            *_repeats(pairs, [[left for left, _ in q.pairs] for q in pairs], bare),
            *_repeats(pairs, [[right for _, right in q.pairs] for q in pairs], bare),
            *_repeats(items, [q.items for q in items], bare),
        },
        # The stem must end in "a", "an", "is", "was", "are" or "were" once the blank and its
        # marks are left off; a question mark is not left off, and most prompts end in one.
        "grammar-cue": {
            *{id(q) for q in mc if not q.prompt.endswith("?")},
            *{id(q) for q in ms if not q.prompt.endswith("?")},
        },
        "too-few-pairs": {
            *{id(q) for q in pairs if len(q.pairs) <= cat.FEW_PARTS},
            *{id(q) for q in items if len(q.items) <= cat.FEW_PARTS},
        },
        # A right answer shown in the prompt (or the cloze's text) holds there as a string.
        "answer-in-stem": {
            *_shown_in(mc, [bare[q.answer] for q in mc], mc_prompts),
            *_shown_in(
                ms_owners,
                [bare[a] for q in ms for a in q.answers],
                chain.from_iterable(map(repeat, ms_prompts, [len(q.answers) for q in ms])),
            ),
            *_shown_in(
                sa_owners,
                [bare[a] for q in sa for a in q.answers],
                [fold[q.prompt] for q in sa for _ in q.answers],
            ),
            *_shown_in(
                cz_owners,
                [bare[a] for _, blanks in cz_blanks for b in blanks for a in b.accepted],
                [
                    fold[facts.outside_gaps(q)]
                    for q, blanks in cz_blanks
                    for b in blanks
                    for _ in b.accepted
                ],
            ),
        },
    }
    return found

"""The checks that compare the questions of one bank: patterns no single question shows.

Each takes the questions that take part (those whose `allow` names the check are left out by
the caller, since their flaw is intended) and reports at the question where the pattern shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, repeat
from typing import assert_never

from studyapp.bank.itemcheck import catalogue as cat
from studyapp.bank.itemcheck import index as gather
from studyapp.bank.itemcheck import words as w
from studyapp.bank.itemcheck.detect import Facts, Finding
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

BankDetector = Callable[[Sequence[Question], Facts], Iterator[Finding]]


def _absolute_false(questions: Sequence[Question], facts: Facts) -> Iterator[Finding]:
    statements = [q for q in questions if isinstance(q, TrueFalse)]
    if len(statements) < 2 or not any(q.answer for q in statements):
        return
    marked = [(q, w.absolutes(facts.fold[q.statement])) for q in statements]
    if any(found and q.answer for q, found in marked):
        return
    flagged = [(q, found) for q, found in marked if found]
    for q, found in flagged:
        yield Finding(
            "absolute-false",
            q.id,
            "statement",
            None,
            f"“{found[0]}” is in this false statement, and the bank's "
            f"{len(flagged)} statement(s) with such words are all false",
        )


def _balance(questions: Sequence[Question], facts: Facts) -> Iterator[Finding]:
    statements = [q for q in questions if isinstance(q, TrueFalse)]
    if len(statements) < cat.TF_MIN:
        return
    true = sum(1 for q in statements if q.answer)
    common = true >= len(statements) - true
    count = true if common else len(statements) - true
    if count >= cat.TF_SHARE * len(statements):
        first = next(q for q in statements if q.answer == common)
        word = "true" if common else "false"
        yield Finding(
            "tf-balance",
            first.id,
            "answer",
            None,
            f"{count} of the bank's {len(statements)} true/false questions are {word}",
        )


def _same_speaker(questions: Sequence[Question], facts: Facts) -> Iterator[Finding]:
    quotes = [q for q in questions if isinstance(q, Attribution)]
    speakers = {q.speaker for q in quotes}
    if len(quotes) >= cat.SAME_SPEAKER_MIN and len(speakers) == 1:
        actor = facts.actors.get(quotes[0].speaker)
        name = actor.name if actor is not None else quotes[0].speaker
        yield Finding(
            "same-speaker",
            quotes[0].id,
            "speaker",
            None,
            f"all {len(quotes)} attribution questions have the speaker {name}",
        )


def _answer_key(q: Question, facts: Facts) -> tuple[str, str] | None:
    """How the question is answered (chosen or typed) and its right answer, folded."""
    match q:
        case Attribution():
            actor = facts.actors.get(q.speaker)
            # Two quotes of one speaker are two facts even when one passage holds both.
            name = actor.name if actor is not None else q.speaker
            return ("chosen", facts.bare[name] + " / " + facts.fold[q.quote])
        case MultipleChoice():
            return ("chosen", facts.bare[q.answer])
        case PositionShift():
            return (
                "chosen",
                facts.bare[q.before.stance] + " / " + facts.bare[q.after.stance],
            )
        case ShortAnswer():
            return ("typed", facts.bare[q.answers[0]])
        case Cloze():
            return (
                "typed",
                " / ".join(facts.bare[b.accepted[0]] for b in facts.blanks(q) if b.accepted),
            )
        case MultipleSelect() | TrueFalse() | Matching() | Ordering():
            return None  # no one right answer to compare across questions
        case _:
            assert_never(q)


_PAIRWISE_LIMIT = 50  # beyond this many questions with one answer, only equal passages count


def _same_fact(questions: Sequence[Question], facts: Facts) -> Iterator[Finding]:
    keyed: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for q in questions:
        if not q.evidence:
            continue
        key = _answer_key(q, facts)
        if key is not None and key[1]:
            keyed[key].append(q)
    # Only questions that share an answer compare passages: theirs alone are folded.
    twice = [qs for qs in keyed.values() if len(qs) >= 2]
    facts.fold.fill([p for qs in twice for q in qs for p in q.evidence])
    fold = facts.fold
    for qs in twice:
        members = [(q, [fold[p] for p in q.evidence]) for q in qs]
        pairwise = len(members) <= _PAIRWISE_LIMIT
        # Each passage between spaces, as w.phrase_in compares whole words; an empty one
        # overlaps nothing.
        padded = [[f" {p} " for p in passages if p] for _, passages in members] if pairwise else []
        earlier: dict[str, Question] = {}
        for i, (q, passages) in enumerate(members):
            twin = next((earlier[p] for p in passages if p in earlier), None)
            if twin is None and pairwise:
                mine = padded[i]
                twin = next(
                    (
                        members[j][0]
                        for j in range(i)
                        if any(a in b or b in a for a in mine for b in padded[j])
                    ),
                    None,
                )
            if twin is not None:
                yield Finding(
                    "same-fact-twice",
                    q.id,
                    "evidence",
                    None,
                    f"`{twin.id}` has the same answer and evidence and asks it the same way",
                )
            for p in passages:
                earlier.setdefault(p, q)


# An answer worth guarding: (question, answer, key, list item), as index.guarded lists them.
_Guarded = tuple[Question, str, str | None, int | None]


def _cue_other(
    questions: Sequence[Question], facts: Facts, every: Sequence[Question]
) -> Iterator[Finding]:
    """An answer shown in a piece of another question about the same thing (the piece shares
    words with this question besides the answer: a name that merely recurs across a bank is no
    cue). `every` is the whole bank: a question that allows this check may still give another
    one's answer away."""
    # First, over flat lists and with C-level loops, which answers could be shown elsewhere
    # at all: on most banks few or none, and then the rest is not needed.
    possible = _possible(questions, facts, every)
    if not possible:
        return
    if not facts.shows:
        by_kind: dict[str, list[Question]] = {}
        for q in every:
            by_kind.setdefault(q.TYPE, []).append(q)
        gather.shown(by_kind, facts)
        gather.guarded(by_kind, facts)
    # The answers worth guarding, by the form they are compared in, each with its place in
    # the bank's order.
    forms: dict[str, list[tuple[int, _Guarded]]] = defaultdict(list)
    bare = facts.bare
    guarded = facts.guarded
    entries = chain.from_iterable(map(guarded.get, map(id, questions), repeat(())))
    for at, entry in enumerate(entries):
        forms[bare[entry[1]]].append((at, entry))
    if not forms:
        return
    # What each question shows, one piece per thing said, folded (index.shown made them).
    fold, shows = facts.fold, facts.shows
    said = list(map(shows.__getitem__, map(id, every)))
    pieces = list(map(fold.__getitem__, chain.from_iterable(said)))
    owners = list(chain.from_iterable(map(repeat, every, map(len, said))))
    # The words of each piece once, to index them.
    piece_words = list(map(set, map(str.split, pieces)))
    # Only the answers that could be shown elsewhere (_possible) are judged distinctive (the
    # costlier test, and the one most answers pass), each raw answer once: banks repeat them.
    judged: dict[str, bool] = {}
    ranked: list[tuple[int, str, list[_Guarded]]] = []
    for phrase, placed in forms.items():
        if phrase not in possible:
            continue
        telling: list[_Guarded] = []
        first = -1
        for at, entry in placed:
            raw = entry[1]
            verdict = judged.get(raw)
            if verdict is None:
                verdict = judged[raw] = w.distinctive(raw, phrase)
            if verdict:
                telling.append(entry)
                if first < 0:
                    first = at
        if telling:
            ranked.append((first, phrase, telling))
    # In the order of each form's first distinctive answer, as the bank gives them.
    ranked.sort(key=lambda r: r[0])
    wanted = {phrase: askers for _, phrase, askers in ranked}
    if not wanted:
        return
    needed = {word for phrase in wanted for word in phrase.split()}
    postings: dict[str, set[int]] = defaultdict(set)
    for i, words in enumerate(piece_words):
        if not needed.isdisjoint(words):
            for word in needed & words:
                postings[word].add(i)
    stems: dict[int, set[str]] = {}

    def stems_of(i: int) -> set[str]:
        if i not in stems:
            stems[i] = _stems(pieces[i])
        return stems[i]

    about_of: dict[int, set[str]] = {}  # the stems of all a question shows, by id(q)

    reported: set[str] = set()
    for phrase, askers in wanted.items():
        found = _holders(phrase, pieces, postings)
        if not found:
            continue
        answer_stems = _stems(phrase)
        for q, raw, key, index in askers:
            if q.id in reported:
                continue
            mine = about_of.get(id(q))
            if mine is None:
                mine = about_of[id(q)] = _stems(" ".join([fold[p] for p in shows[id(q)]]))
            about = mine - answer_stems
            giver = next(
                (
                    owners[i]
                    for i in found
                    if owners[i] is not q and len(about & stems_of(i)) >= cat.CUE_SHARED
                ),
                None,
            )
            if giver is not None:
                reported.add(q.id)  # one warning a question: the first answer given away
                yield Finding(
                    "cue-other-question",
                    q.id,
                    key,
                    index,
                    f"its answer “{raw}” is shown in question `{giver.id}`",
                )


def _possible(questions: Sequence[Question], facts: Facts, every: Sequence[Question]) -> set[str]:
    """The forms (as facts.bare gives them) of the answers worth guarding whose every word is
    in at least one piece that a question shows and in no more than the common share of them:
    only those can be a cue. Exact, and cheap where it matters: how many pieces hold each word
    is counted once for all words, over each piece's set of words, with C-level loops (a piece
    is folded, its words one space apart, so a word is in its set exactly when the piece holds
    it between spaces, as the later look-up compares)."""
    taking = facts.kinds if len(questions) == len(every) else _by_kind(questions)
    forms = set(map(facts.bare.__getitem__, gather.answers(taking, facts)))
    if not forms:
        return set()
    raw = gather.pieces(facts.kinds if facts.kinds else _by_kind(every), facts)
    fold = facts.fold
    fold.fill(raw)
    pieces = list(map(fold.__getitem__, raw))
    common = max(cat.CUE_COMMON_MIN, cat.CUE_COMMON_SHARE * len(pieces))
    held = Counter(chain.from_iterable(map(set, map(str.split, pieces))))
    return {form for form in forms if all(0 < held[word] <= common for word in form.split())}


def _by_kind(questions: Sequence[Question]) -> dict[str, list[Question]]:
    out: dict[str, list[Question]] = {}
    for q in questions:
        out.setdefault(q.TYPE, []).append(q)
    return out


def _stems(text: str) -> set[str]:
    """The stems of the text's words that are not small words."""
    return {w.stem(word) for word in w.content(text.split())}


def _holders(phrase: str, texts: list[str], postings: dict[str, set[int]]) -> list[int]:
    """The pieces holding the phrase."""
    rarest = min((postings.get(word, set()) for word in set(phrase.split())), key=len)
    return sorted(i for i in rarest if w.phrase_in(phrase, texts[i]))


DETECTORS: dict[str, BankDetector] = {
    "absolute-false": _absolute_false,
    "tf-balance": _balance,
    "same-speaker": _same_speaker,
    "same-fact-twice": _same_fact,
}
# Needs the whole bank besides the questions taking part.
CUE_OTHER = "cue-other-question"
cue_other = _cue_other

"""What the marks on an imported question's answers become in our format, for every reader.

Moodle gives each answer a fraction of the mark; ours knows only right and wrong. The readers
parse their own syntax into (text, fraction) pairs and leave the judging to these functions, so
that GIFT and Moodle XML keep, drop and report the same things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

Note = Callable[[str], None]  # tells the learner what was dropped, at the question's line
Scored = tuple[str, float]  # an answer's text and the fraction of the mark it earns


def choice_answers(
    parsed: Sequence[Scored], single: bool, note: Note, full: float
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The choices and the right ones; None (with a note) when our format cannot hold them.

    A single-answer question needs exactly one answer at `full` credit or more; partial
    credit counts as wrong. Several right answers share the mark equally, as ours grades them.
    """
    choices = tuple(text for text, _ in parsed)
    if len(parsed) < 2 or len(set(choices)) != len(choices) or not all(choices):
        note("a multiple-choice question needs two or more different answers; skipped")
        return None
    if single:
        right = [text for text, fraction in parsed if fraction >= full]
        if len(right) != 1:
            note(f"{len(right)} answers earn full credit; ours has one; skipped")
            return None
        partial = [text for text, fraction in parsed if 0.0 < fraction < full]
        if partial:
            note(f"partial credit dropped: {', '.join(map(repr, partial))} now count as wrong")
        return choices, tuple(right)
    right = [text for text, fraction in parsed if fraction > 0.0]
    if not right:
        note("no answer earns credit; skipped")
        return None
    share = 1.0 / len(right)
    if any(abs(f - (share if f > 0 else -share if f < 0 else 0.0)) > 1e-4 for _, f in parsed):
        note(
            "answer weights replaced by ours: each right answer an equal share, "
            "each wrong pick cancels one"
        )
    return choices, tuple(right)


def matching_pairs(
    pairs: Sequence[tuple[str, str]], extras: Sequence[str], note: Note
) -> tuple[tuple[str, str], ...] | None:
    """The pairs to keep; right-hand answers that match nothing are dropped with a note."""
    if extras:
        note(f"extra answers that match nothing dropped: {', '.join(map(repr, extras))}")
    if len(pairs) < 2:
        note("a matching question needs two or more pairs; skipped")
        return None
    return tuple(pairs)


def full_credit(parsed: Iterable[Scored], note: Note, full: float) -> list[str]:
    """The typed answers that earn `full` credit; a wildcard and partial credit are noted.

    `parsed` may be a generator: each answer is judged as it is read, so that notes keep the
    order of the answers in the file.
    """
    accepted: list[str] = []
    for text, fraction in parsed:
        if text == "*":
            note("the wildcard answer '*' (anything else) dropped")
        elif fraction < full:
            note(f"the answer {text!r} earns {fraction:.0%}; partial credit dropped")
        elif text:
            accepted.append(text)
    return accepted

"""Comparing a typed answer with the accepted ones, the way a fair teacher would.

Case, accents, spacing, punctuation and the typographic forms of quotes and dashes do not count;
one slip of the keyboard (a letter wrong, missing, extra or two swapped) is forgiven in a word of
five letters or more, and the learner is then shown the exact form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

TYPO_MIN_LETTERS = 5

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
# Apostrophes and dots inside a word join it ("U.S." is "US", "don't" is "dont"); any other
# punctuation separates words ("rare-earth" is "rare earth").
_JOINING = re.compile(r"(?<=\w)['.](?=\w)")
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
# A run of white space other than one plain space: the same text as `_SPACE` gives, while a
# source of many words makes no match per word.
_SPACE_RUN = re.compile(r"[^\S ]\s*| \s+")


def normalise(text: str) -> str:
    """Fold what should not decide whether an answer is right."""
    text = text.translate(_TYPOGRAPHIC)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCTUATION.sub(" ", _JOINING.sub("", text.casefold()))
    return _SPACE.sub(" ", text).strip()


def normalise_passage(text: str) -> str:
    """Whitespace, quotes and dashes folded, nothing else: for finding evidence in a source."""
    return _SPACE_RUN.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion, deletion or swap of neighbours turns a into b."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _close_enough(typed: str, accepted: str) -> bool:
    """One slip in all: every word equal but one, which is a long word one edit away."""
    typed_words, accepted_words = typed.split(), accepted.split()
    if len(typed_words) != len(accepted_words):
        return False
    slips = [(t, a) for t, a in zip(typed_words, accepted_words, strict=True) if t != a]
    if len(slips) != 1:
        return False
    t, a = slips[0]
    return len(a) >= TYPO_MIN_LETTERS and _one_edit_apart(t, a)


@dataclass(frozen=True, slots=True)
class TypedMatch:
    ok: bool
    accepted: str = ""  # the accepted form it matched, as the bank writes it
    note: str = ""  # set when the match forgave a slip, to show the exact form


def match_typed(typed: str, accepted: Iterable[str]) -> TypedMatch:
    given = normalise(typed)
    if not given:
        return TypedMatch(False)
    options = [(a, normalise(a)) for a in accepted]
    for original, norm in options:
        if given == norm:
            return TypedMatch(True, original)
    for original, norm in options:
        if _close_enough(given, norm):
            return TypedMatch(
                True, original, f"Accepted “{typed.strip()}”; the exact form is “{original}”."
            )
    return TypedMatch(False)

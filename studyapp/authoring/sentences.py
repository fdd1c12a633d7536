"""Splitting paragraphs into sentences, each kept as an exact slice of its paragraph.

Evidence must be found verbatim in the article, so a sentence is never cleaned or rejoined: it
is the paragraph's text between two offsets. Abbreviations ("Mr.", "U.S.", "Feb.") and initials
("George W. Bush") do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.authoring.article import Paragraph

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "sens",
        "coun",
        "rep",
        "reps",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
    ]
)
_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    paragraph: int  # index into the article's paragraphs
    start: int  # offset in the paragraph's text
    end: int
    text: str
    heading: bool = False


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` closes a sentence rather than an abbreviation."""
    # The word before the stop, read backwards from it: a pattern anchored at the end searched
    # the whole text before every stop, which made a paragraph of many sentences quadratic.
    begin = stop
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        begin -= 1
    if begin == stop:
        return True
    token = text[begin:stop].lower().rstrip(".")
    if token in _ABBREVIATIONS:
        return False
    return not (len(token) == 1 and token.isalpha())  # an initial


def split(index: int, paragraph: Paragraph) -> list[Sentence]:
    text = paragraph.text
    if paragraph.heading:
        return [Sentence(index, 0, len(text), text, heading=True)]
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and not _ends_sentence(text, m.start()):
            continue
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        if text[start:end].strip():
            out.append(Sentence(index, start, end, text[start:end]))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(index, start, len(text), text[start:].rstrip()))
    return out


def sentences(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[Sentence]:
    return [s for i, p in enumerate(paragraphs) for s in split(i, p)]

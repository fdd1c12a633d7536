"""Finding direct quotations in paragraphs.

Straight ("), typographic (“ ”) and guillemet (« ») marks are recognised; a quotation inside
another (‘ ’, or “ ” within « ») stays part of the outer one. A quotation left open at the end of
a paragraph runs to the end of it, as when a long quote continues in the next paragraph.
Short quoted phrases (scare quotes, titles) are not quotations of speech and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.authoring.article import Paragraph

# Opening mark -> closing mark. „ closes with “ in German typesetting.
_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
MIN_QUOTE_WORDS = 4
# ``…'' and ''…'' (and ''…" as one page prints it): openings at a word's start, closings at
# a word's end.
_WIRE_OPEN = re.compile(r"(?:^|(?<=[\s(—-]))(?:``|''|\")(?=\S)")
_WIRE_CLOSE = re.compile(r"(?<=\S)(?:''|\")(?=[\s,.;:)!?—-]|$)")


@dataclass(frozen=True, slots=True)
class Quote:
    paragraph: int  # index into the article's paragraphs
    start: int  # offset of the opening mark in the paragraph text
    end: int  # offset just past the closing mark (or the paragraph's end when left open)
    text: str  # the words inside the marks, trimmed
    closed: bool = True


def _wire_spans(text: str) -> list[tuple[int, int, bool]] | None:
    """Old wire copy opens a quote with two backticks or two apostrophes and closes it with two
    apostrophes (or a straight double mark): ``like this'' or ''like this\". None when the
    paragraph has no such opening, so the usual marks are read instead."""
    if "``" not in text and "''" not in text:
        return None
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while True:
        opening = _WIRE_OPEN.search(text, i)
        if opening is None:
            break
        close = _WIRE_CLOSE.search(text, opening.end())
        if close is None:
            spans.append((opening.start(), len(text), False))
            break
        spans.append((opening.start(), close.end(), True))
        i = close.end()
    return spans or None


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each outermost quotation in one paragraph."""
    wire = _wire_spans(text)
    if wire is not None and not any(c in text for c in "“”«»"):
        return wire
    spans: list[tuple[int, int, bool]] = []
    # Where German low quotes start: a “ after one closes it rather than opening a quote.
    # (Looked up once: searching the text before every “ was quadratic in them.)
    low = text.find("„")
    i = 0
    while i < len(text):
        ch = text[i]
        if ch not in _PAIRS or (ch == "“" and 0 <= low < i):
            i += 1
            continue
        close = _PAIRS[ch]
        depth = 0
        j = i + 1
        while j < len(text):
            c = text[j]
            if (c == close or (ch == '"' and c == "”")) and depth == 0:
                break  # a straight opening mark closed by a curly one, as some pages print
            if ch != '"' and c == ch and ch != close:
                depth += 1  # the same opening mark nested inside
            elif c == close:
                depth -= 1
            j += 1
        if j < len(text):
            spans.append((i, j + 1, True))
            i = j + 1
        else:
            spans.append((i, len(text), False))
            break
    return spans


def _clean(inner: str) -> str:
    inner = inner.strip().strip("\u00a0\u202f ")
    # The comma that hands over to "X said" ends the speaker's sentence: print it as a full stop.
    return inner[:-1].rstrip() + "." if inner.endswith(",") else inner


def find_quotes(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[Quote]:
    quotes: list[Quote] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.heading:
            continue
        text = paragraph.text
        for start, end, closed in _spans(text):
            # A mark is one character, or two for wire copy's `` and ''.
            width_in = 2 if text.startswith(("``", "''"), start) else 1
            width_out = 2 if closed and text.endswith("''", 0, end) else 1
            inner = text[start + width_in : end - width_out] if closed else text[start + width_in :]
            words = inner.split()
            if len(words) < MIN_QUOTE_WORDS:
                continue
            quotes.append(Quote(index, start, end, _clean(inner), closed))
    return quotes

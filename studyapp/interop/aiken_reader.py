"""Import Aiken, read line by line as Moodle's Aiken importer reads it.

A question is one line of text; each following line that starts with a capital letter and "."
or ")" is a choice (a space after the label is optional); "ANSWER: X" names the right choice
and ends the question. Lines shorter than two characters are ignored. What does not fit
(a choice before any question, a question without its answer line, an answer letter that names
no choice) is reported with its line, and the rest of the file is still read.
"""

from __future__ import annotations

import re
import string

from studyapp.interop.common import ChoiceItem, Imported

_CHOICE = re.compile(r"^[A-Z][.)][ \t]?")


class _Open:
    """The question being read: its line, text and choices."""

    def __init__(self, line: int, prompt: str) -> None:
        self.line = line
        self.prompt = prompt
        self.choices: list[str] = []


def read_aiken(source: str, budget: int = 0) -> Imported:
    """`budget`: stop once the items are sure to take more bytes of YAML than this."""
    out = Imported(budget=budget)
    current: _Open | None = None
    # Moodle splits on carriage returns as well as line feeds.
    lines = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if len(line) < 2:
            continue
        if _CHOICE.match(line):
            if current is None:
                out.notes.append((number, "a choice before any question; ignored"))
                continue
            current.choices.append(line[2:].strip())
        elif line.startswith("ANSWER:"):
            if current is None:
                out.notes.append((number, "an answer line before any question; ignored"))
                continue
            _finish(current, line[len("ANSWER:") :].strip()[:1], out)
            current = None
            if out.full:
                out.notes.append((number, "the bank is already over the size limit; stopped"))
                return out
        else:
            if current is not None:
                out.notes.append((current.line, "a question without its ANSWER: line; skipped"))
            current = _Open(number, line)
            out.columns.setdefault(number, len(raw) - len(raw.lstrip()) + 1)
    if current is not None:
        out.notes.append((current.line, "a question without its ANSWER: line; skipped"))
    return out


def _finish(question: _Open, letter: str, out: Imported) -> None:
    if len(question.choices) < 2:
        out.notes.append((question.line, "a question with fewer than two choices; skipped"))
        return
    index = string.ascii_uppercase.find(letter) if letter else -1
    if not 0 <= index < len(question.choices):
        out.notes.append(
            (question.line, f"the answer {letter or '(none)'!r} names no choice; skipped")
        )
        return
    if len(set(question.choices)) != len(question.choices):
        out.notes.append((question.line, "two choices are the same; skipped"))
        return
    out.add(
        ChoiceItem(
            name=" ".join(question.prompt.split()[:6]),  # an id from its first words
            prompt=question.prompt,
            choices=tuple(question.choices),
            correct=(question.choices[index],),
            line=question.line,
        )
    )

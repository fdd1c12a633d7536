"""Drafting a bank onto disk: the bank file and, beside it, the copy of the article it cites.

Shared by `studyapp draft` and the app's "New bank from article…", which word their messages
differently but must write the same files the same safe way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from studyapp.authoring.draft import Draft, make_draft
from studyapp.authoring.yamltext import comment
from studyapp.bank.problems import Problem
from studyapp.files import write_atomically
from studyapp.wording import counted


class SourceConflict(Exception):
    """The article's copy beside the bank already exists with other content."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists with other content")
        self.path = path


def save_draft(
    article: Path, output: Path, bank_id: str | None = None, *, replace_source: bool = False
) -> Draft:
    """Draft `article` into `output` (replacing it) and copy the article beside it if needed.

    Raises ArticleError when the article cannot be read, SourceConflict when a different file
    is where the copy belongs (unless `replace_source`), OSError when a file cannot be written.
    Nothing is written unless the draft succeeded.
    """
    draft = make_draft(article, output, bank_id)
    copy = draft.source_path
    if draft.source_bytes is not None:
        if copy.exists() and copy.read_bytes() != draft.source_bytes and not replace_source:
            raise SourceConflict(copy)
        write_atomically(copy, draft.source_bytes)
    write_atomically(output, draft.bank_text.encode("utf-8"))
    # The item-writing checks need the bank beside its article, so they read what was written;
    # the questions they flag are then marked for the instructor, and the bank written again.
    from studyapp.bank.loader import load_file

    flagged = [p for p in load_file(output, item_checks=True).warnings if p.question]
    if flagged:
        marked = mark_flagged(draft.bank_text, flagged)
        draft = dataclasses.replace(draft, bank_text=marked, item_warnings=tuple(flagged))
        write_atomically(output, draft.bank_text.encode("utf-8"))
    return draft


def mark_flagged(text: str, warnings: Iterable[Problem]) -> str:
    """The bank text with a `# CHECK:` comment above each question an item check flagged."""
    by_question: dict[str, list[Problem]] = {}
    for p in warnings:
        by_question.setdefault(p.question, []).append(p)
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("- id: ") and stripped[6:].strip() in by_question:
            indent = len(line) - len(stripped)
            for p in by_question[stripped[6:].strip()]:
                out += comment(f"CHECK: {p.message} [{p.code}]", indent)
        out.append(line)
    return "\n".join(out)


def review_notes(draft: Draft) -> list[str]:
    """What the instructor should look at, as `article:line: ...`, unsure ones first."""
    article = draft.article
    paragraphs = article.paragraphs
    notes = []
    if article.dropped:
        line, code = article.first_dropped
        notes.append(
            f"{article.path}:{line}: dropped {counted(article.dropped, 'character')} no bank "
            "may hold "
            f"(control characters or bidirectional overrides, the first U+{code:04X}); "
            "the bank cites a cleaned copy"
        )
    if draft.quotes_left_out:
        notes.append(
            f"{article.path}: {counted(draft.quotes_left_out, 'quote')} after the first "
            f"{len(draft.results):,} left out; draft the rest from a shorter article"
        )
    for r in draft.unsure:
        line = paragraphs[r.quote.paragraph].line
        notes.append(f"{draft.article.path}:{line}: check: {_short(r.quote.text)}: {r.note}")
    for r in draft.unattributed:
        line = paragraphs[r.quote.paragraph].line
        notes.append(f"{draft.article.path}:{line}: not attributed: {_short(r.quote.text)}")
    return notes


def _short(text: str, limit: int = 60) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"

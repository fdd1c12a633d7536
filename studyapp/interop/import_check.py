"""Imported items as bank text that the loader accepts: what it would refuse is left out.

A file from another tool may hold a question our format can name but not hold (a short answer
of punctuation only, an empty question text). Rather than write a bank the loader then refuses
whole, the bank is built in memory, checked by the loader itself, and each question it finds
an error in is dropped with the loader's own reason; the rest is written.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from studyapp.bank.loader import parse_and_build
from studyapp.bank.problems import Problem
from studyapp.bank.yamlwrite import dump_yaml
from studyapp.interop.common import AnyItem, least_yaml_size
from studyapp.interop.yaml_writer import bank_data

_ROUNDS = 4  # each round drops at least one question; the loader reports all it finds at once


@dataclass
class Carried:
    text: str | None  # the bank text, or None when nothing could be written
    count: int = 0
    reason: str = ""  # why nothing was written
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (source line, message)
    warnings: list[Problem] = field(default_factory=list)  # the loader's, on the written bank


def estimated_size(items: list[AnyItem]) -> int:
    """A lower bound of the bank's size in bytes, known before any YAML is written."""
    return sum(least_yaml_size(item) for item in items)


def _question_starts(text: str) -> list[int]:
    """The line number of each question's first line; ids are slugs, so each question begins
    with a line "- id: ..." at the margin, which no other line of the dump can."""
    return [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("- id: ")]


def carry(
    items: list[AnyItem], bank_id: str, title: str, header: str, path: str, notes: int
) -> Carried:
    kept = list(items)
    result = Carried(None)
    for _ in range(_ROUNDS):
        if not kept:
            result.reason = "no question is left that the loader accepts"
            return result
        lost = notes + len(result.dropped)
        comment = header
        if lost:
            comment += f"\n{lost} thing(s) could not be carried over; see the import report."
        data = bank_data(kept, bank_id, title)
        text = dump_yaml(data, comment)
        built = parse_and_build(path, text.encode("utf-8"))
        errors = [p for p in built.problems if p.is_error]
        if not errors:
            result.text, result.count = text, len(kept)
            result.warnings = [p for p in built.problems if not p.is_error]
            return result
        starts = _question_starts(text)
        bad: dict[int, str] = {}
        for problem in errors:
            index = bisect.bisect_right(starts, problem.line) - 1
            if index < 0:
                # Not in any question: the bank as a whole is wrong (the id, the title).
                result.reason = f"the bank cannot be written: {problem.message}"
                return result
            bad.setdefault(index, problem.message)
        for index, message in sorted(bad.items()):
            item = kept[index]
            name = data["questions"][index]["id"]
            result.dropped.append(
                (item.line, f"question {name!r} is not one the loader accepts ({message}); skipped")
            )
        kept = [item for i, item in enumerate(kept) if i not in bad]
    result.reason = "the loader kept finding errors in what was left"
    return result

"""What loading one file produced, in a module light enough for the warm-cache path.

A start-up that finds every bank in the cache imports this, the cache and the model, and never
PyYAML or the validator.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.bank.info import BankInfo
from studyapp.bank.problems import Problem
from studyapp.model import Bank

# Larger files are refused before they are read. 6 MB holds a 10,000-question bank written in
# ordinary prose (about 5.6 MB; the node cap in yamlread.py stops a file at about 11,000
# questions anyway); loading one peaks at about 57 MB traced, and a file of the limit's size made
# of one long scalar of four-byte characters at about 48 MB: both within the loader's bound of
# 64 MB (tests/reliability/test_bank_limits.py).
MAX_BYTES = 6 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """The identity of the source text that evidence was checked against."""

    path: str
    size: int
    mtime_ns: int


@dataclass(slots=True)
class Built:
    bank: Bank | None
    problems: list[Problem]
    id_line: int = 0
    source: SourceFile | None = None
    info: BankInfo | None = None  # set once worked out (by the cache, when it stores the bank)


@dataclass(frozen=True, slots=True)
class Listed:
    """One bank file as the library lists it: its bank's info (None when it failed to load),
    its problems, and the line of its id (where a second bank of the same id is reported)."""

    path: str
    info: BankInfo | None
    problems: tuple[Problem, ...]
    id_line: int = 0

"""What the loader and validator report: one problem, at one place in one file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from studyapp.model import Bank

# No message is longer than this: a message may quote the file (a tag, a key, a YAML error's
# context), and a 4 MB tag name was once echoed whole.
MAX_MESSAGE = 400


class Severity(StrEnum):
    """How bad a problem is; written as its text in messages and in `validate --json`."""

    ERROR = "error"  # the bank (or this part of it) cannot be used
    WARNING = "warning"  # usable, but worth the author's look


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""  # the item-writing check that found it (catalogue.py); "" for the others
    question: str = ""  # the id of the question it concerns, when the check knows it

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            cut = self.message[: MAX_MESSAGE - 1] + "…"
            object.__setattr__(self, "message", cut)

    def __str__(self) -> str:
        # The GCC form, which editors and CI annotate without configuration; a check's code
        # goes last in brackets, as compilers name the warning option.
        where = f"{self.path}:{self.line}:{self.column}: {self.severity}: "
        if not self.code:
            return where + self.message
        about = f"{self.question}: " if self.question else ""
        return f"{where}{about}{self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The banks that loaded and every problem met; a bad bank never hides the good ones."""

    banks: tuple[Bank, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

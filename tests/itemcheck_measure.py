"""Measuring the item-writing checks against a reviewer's expected codes.

Used by tests/test_itemcheck_measure.py, and run as a script to print the figures:
    python tests/itemcheck_measure.py
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.bank.loader import load_file

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data" / "itemcheck"
ARTICLES = TESTS / "data" / "articles"
SETS = ("tuning", "reporting", "clean")

_EXPECT = re.compile(r"^\s*# expect: (.*)$")
_ID = re.compile(r"^\s*- id: (\S+)")


def expected(path: Path) -> dict[str, set[str]]:
    """Each question's expected codes, from the `# expect:` comment just above its id."""
    out: dict[str, set[str]] = {}
    pending: set[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _EXPECT.match(line)
        if m:
            words = {c.strip() for c in m.group(1).split(",")}
            pending = set() if words == {"-"} else words
            continue
        m = _ID.match(line)
        if m:
            assert pending is not None, f"{path}: no `# expect:` above {m.group(1)}"
            out[m.group(1)] = pending
            pending = None
    return out


@dataclass
class Tally:
    """Counts of (question, code) pairs: expected and found, found only, expected only."""

    hits: int = 0
    false_alarms: int = 0
    misses: int = 0
    questions: int = 0
    alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, name: str, want: dict[str, set[str]], got: dict[str, set[str]]) -> None:
        self.questions += len(want)
        for qid in want.keys() | got.keys():
            w, g = want.get(qid, set()), got.get(qid, set())
            self.hits += len(w & g)
            self.false_alarms += len(g - w)
            self.misses += len(w - g)
            self.alarms += [f"{name}:{qid}:{c}" for c in sorted(g - w)]
            self.missed += [f"{name}:{qid}:{c}" for c in sorted(w - g)]

    @property
    def recall(self) -> float:
        flaws = self.hits + self.misses
        return self.hits / flaws if flaws else 1.0

    @property
    def precision(self) -> float:
        warned = self.hits + self.false_alarms
        return self.hits / warned if warned else 1.0


def found(bank: Path, source: str | None) -> dict[str, set[str]]:
    """The codes the checks give each question of the bank, loaded beside its article."""
    with tempfile.TemporaryDirectory(prefix="studyapp-itemcheck-") as tmp:
        target = Path(tmp) / bank.name
        shutil.copy(bank, target)
        if source is not None:
            shutil.copy(ARTICLES / source, Path(tmp) / source)
        result = load_file(target, item_checks=True)
    assert not result.errors, [str(p) for p in result.errors]
    out: dict[str, set[str]] = {}
    for p in result.warnings:
        out.setdefault(p.question, set()).add(p.code)
    return out


_SOURCE = re.compile(r"^source: \{file: (\S+)\}$", re.MULTILINE)


def measure(files: Iterable[Path]) -> Tally:
    tally = Tally()
    for bank in files:
        m = _SOURCE.search(bank.read_text(encoding="utf-8"))
        tally.add(bank.stem, expected(bank), found(bank, m.group(1) if m else None))
    return tally


def measure_set(name: str) -> Tally:
    return measure(sorted((DATA / name).glob("*.yaml")))


def line(name: str, t: Tally) -> str:
    return (
        f"{name:<10} {t.questions:>3} questions  {t.hits + t.misses:>3} flaws  "
        f"found {t.hits:>3} (recall {t.recall:.0%})  false alarms {t.false_alarms:>2} "
        f"(precision {t.precision:.0%})"
    )


def main() -> int:
    for name in SETS:
        t = measure_set(name)
        print(line(name, t))
        for a in t.alarms:
            print(f"    false alarm: {a}")
        for m in t.missed:
            print(f"    missed:      {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

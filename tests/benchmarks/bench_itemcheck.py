"""The item-writing checks' cost: validating with them against the plain validator.

Run: python tests/benchmarks/bench_itemcheck.py [--quick]

Both figures come from the same generated bank of 10,000 questions (every kind, a source file
for the evidence and verbatim checks) in the same run; the checks may add at most 15 %.
"""

from __future__ import annotations

import sys
from pathlib import Path

import _common as common
from _common import Figure, best, show

from studyapp.bank.loader import load_paths

SIZE = 10_000


def figures(quick: bool = False) -> list[Figure]:
    repeats = 3 if quick else 7
    with common.scratch() as tmp:
        target = common.write_bank(Path(tmp), SIZE)
        plain_result = load_paths([target])
        checked_result = load_paths([target], item_checks=True)
        assert not plain_result.errors
        assert not checked_result.errors
        warnings = len(checked_result.warnings)
        # Alternate the two so that a slow patch of the machine hits both alike.
        plain, checked = [], []
        for _ in range(repeats):
            plain.append(best(lambda: load_paths([target]), 1))
            checked.append(best(lambda: load_paths([target], item_checks=True), 1))
    print(f"({warnings} item warnings on the generated bank)", flush=True)
    return [
        show(
            Figure(
                f"validate {SIZE:,} questions with item checks",
                min(checked) * 1000,
                "ms",
                floor=min(plain) * 1000,
                floor_name="validate without them",
                max_ratio=1.15,
            )
        )
    ]


def main(argv: list[str]) -> int:
    return 0 if common.table(figures(quick="--quick" in argv)) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

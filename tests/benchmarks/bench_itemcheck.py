"""The item-writing checks' cost: validating with them against the plain validator.

Run: python tests/benchmarks/bench_itemcheck.py [--quick] [--instructions]

Both figures come from the same generated bank of 10,000 questions (every kind, a source file
for the evidence and verbatim checks) in the same run; the checks may add at most 15 %.

Times are the CPU time of this process (wall-clock time on a shared machine also counts the
time other programs had the processor), the best of several runs taken in turn. With
--instructions the two are also counted in CPU instructions under valgrind (callgrind), which
gives the same count on a busy machine as on a quiet one; it takes a few minutes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as common
from _common import Figure, show

from studyapp.bank.loader import load_paths

SIZE = 10_000


def _cpu(fn: object, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        result = fn()  # type: ignore[operator]
        times.append(time.process_time() - start)
        del result
    return times


def figures(quick: bool = False, instructions: bool = False) -> list[Figure]:
    repeats = 3 if quick else 9
    out = []
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
            plain += _cpu(lambda: load_paths([target]), 1)
            checked += _cpu(lambda: load_paths([target], item_checks=True), 1)
        print(f"({warnings} item warnings on the generated bank)", flush=True)
        out.append(
            show(
                Figure(
                    f"validate {SIZE:,} questions with item checks (CPU)",
                    min(checked) * 1000,
                    "ms",
                    floor=min(plain) * 1000,
                    floor_name="validate without them",
                    max_ratio=1.15,
                )
            )
        )
        if instructions:
            counted = _instructions(target)
            if counted is not None:
                out.append(
                    show(
                        Figure(
                            f"validate {SIZE:,} questions with item checks (M instr.)",
                            counted[1] / 1e6,
                            "M",
                            floor=counted[0] / 1e6,
                            floor_name="validate without them",
                            max_ratio=1.15,
                        )
                    )
                )
    return out


# A child that validates the bank once untimed (imports, caches), then once inside
# operator.call: callgrind counts only what runs inside that C function.
_CHILD = """
import operator, sys
from studyapp.bank.loader import load_paths
checks = sys.argv[2] == "checked"
load_paths([sys.argv[1]], item_checks=checks)
operator.call(load_paths, [sys.argv[1]], item_checks=checks)
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def _instructions(target: Path) -> tuple[int, int] | None:
    """The instructions of one plain validation and one with the checks, or None without
    valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("(valgrind is not installed: no instruction counts)", flush=True)
        return None
    counts = []
    with tempfile.TemporaryDirectory(prefix="studyapp-callgrind-") as tmp:
        for mode in ("plain", "checked"):
            run = subprocess.run(
                [
                    valgrind,
                    "--tool=callgrind",
                    "--collect-atstart=no",
                    "--toggle-collect=_operator_call",
                    f"--callgrind-out-file={tmp}/out.{mode}",
                    sys.executable,
                    "-c",
                    _CHILD,
                    str(target),
                    mode,
                ],
                capture_output=True,
                text=True,
                # Set orders must not differ between the two runs.
                env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(common.ROOT)},
                timeout=3600,
            )
            found = _COLLECTED.search(run.stderr)
            if run.returncode != 0 or found is None:
                print(f"(callgrind failed: {run.stderr[-300:]})", flush=True)
                return None
            counts.append(int(found.group(1)))
    return counts[0], counts[1]


def main(argv: list[str]) -> int:
    found = figures(quick="--quick" in argv, instructions="--instructions" in argv)
    return 0 if common.table(found) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

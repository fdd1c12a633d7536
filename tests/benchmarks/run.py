"""Every benchmark in one run, then one table: each figure beside its floor and its target.

Run: python tests/benchmarks/run.py [--quick]
--quick repeats less and leaves out the 100,000 sizes (a few minutes instead of a quarter hour).
The banks are generated from a seed in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

import _common as common
import bench_bank
import bench_exam
import bench_hostile
import bench_import
import bench_itemcheck
import bench_library
import bench_progress
import bench_startup
import bench_stats
import bench_store
import bench_sync
import bench_typed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 100k sizes")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    print(f"Python {platform.python_version()} on {platform.platform()}", flush=True)
    figures: list[common.Figure] = []
    for title, module in (
        ("start-up and the key path", bench_startup),
        ("a library of 100,000 questions", bench_library),
        ("a large progress file", bench_store),
        ("the statistics page", bench_stats),
        ("loading banks", bench_bank),
        ("item-writing checks", bench_itemcheck),
        ("answering", bench_progress),
        ("sync and xAPI", bench_sync),
        ("exam plan", bench_exam),
        ("typed answers", bench_typed),
        ("import under attack", bench_import),
        ("a hostile file in a watched folder", bench_hostile),
    ):
        print(f"\n== {title}", flush=True)
        figures += module.figures(quick=args.quick)
    print(f"\n== all figures ({time.perf_counter() - began:.0f} s)\n")
    return 0 if common.table(figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

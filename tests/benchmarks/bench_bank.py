"""Bank loading speed against its floors, on banks generated from a seed.

Run: python tests/benchmarks/bench_bank.py [--quick] [SIZE ...]   (default: 1000 10000 100000)

- validating a bank (parse, build, every check) within 1.5x of yaml.load(CSafeLoader) of the
  same text, which only parses and constructs plain objects;
- reopening an unchanged bank from the cache within 2x of json.load of the cache entry.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import _common as common
import yaml
from _common import Figure, best, show

from studyapp.bank.loader import load_file

SIZES = (1000, 10_000, 100_000)
QUICK_SIZES = SIZES[:2]


def measure(size: int, folder: Path, repeats: int) -> list[Figure]:
    bank_path = common.write_bank(folder, size)
    text = bank_path.read_text(encoding="utf-8")
    cache_dir = folder / f"cache-{size}"

    result = load_file(bank_path)
    assert not result.problems, result.problems[:3]
    assert len(result.banks[0].questions) == size
    del result

    parse_floor = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)
    validate = best(lambda: load_file(bank_path), repeats)

    load_file(bank_path, cache_dir=cache_dir)  # fills the cache
    entry = next(cache_dir.glob("*.json"))

    def read_json() -> object:
        with open(entry, "rb") as f:
            return json.load(f)

    json_floor = best(read_json, repeats)
    cached = best(lambda: load_file(bank_path, cache_dir=cache_dir), repeats)
    assert cached < validate, "the cache was not used"
    megabytes = f"{len(text.encode()) / 1e6:.1f} MB YAML"
    return [
        show(
            Figure(
                f"validate {size:,} questions ({megabytes})",
                validate * 1000,
                "ms",
                parse_floor * 1000,
                "CSafeLoader parse",
                max_ratio=1.5,
            )
        ),
        show(
            Figure(
                f"reopen {size:,} questions from the cache",
                cached * 1000,
                "ms",
                json_floor * 1000,
                "json.load of the entry",
                max_ratio=2.0,
            )
        ),
    ]


def figures(quick: bool = False, sizes: tuple[int, ...] | None = None) -> list[Figure]:
    out: list[Figure] = []
    with common.scratch() as tmp:
        for size in sizes or (QUICK_SIZES if quick else SIZES):
            repeats = 2 if quick else (3 if size >= 100_000 else 5)
            out += measure(size, Path(tmp), repeats)
    return out


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    sizes = tuple(int(a) for a in argv if a != "--quick") or None
    return 0 if common.table(figures(quick, sizes)) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

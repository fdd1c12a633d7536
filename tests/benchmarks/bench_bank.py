"""Bank loading speed against its floors, on banks generated from a seed.

Run: python tests/benchmarks/bench_bank.py [--quick] [SIZE ...]   (default: 1000 10000 100000)

- validating a bank (parse, build, every check) within 1.5x of yaml.load(CSafeLoader) of the
  same text, which only parses and constructs plain objects;
- reopening an unchanged bank from the cache within 2x of json.load of the same data: what
  each cache entry holds (it is written with marshal), written out as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import _common as common
import yaml
from _common import Figure, best, show

from studyapp.bank import cache as bank_cache
from studyapp.bank.loader import load_paths

SIZES = (1000, 10_000, 100_000)
QUICK_SIZES = SIZES[:2]


def measure(size: int, folder: Path, repeats: int) -> list[Figure]:
    target = common.write_bank(folder, size)
    texts = [path.read_text(encoding="utf-8") for path in common.bank_files(target)]
    cache_dir = folder / f"cache-{size}"

    result = load_paths([target])
    assert not result.problems, result.problems[:3]
    assert sum(len(bank.questions) for bank in result.banks) == size
    del result

    parse_floor = best(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts], repeats)
    validate = best(lambda: load_paths([target]), repeats)

    load_paths([target], cache_dir=cache_dir)  # fills the cache
    cached_entries = sorted(cache_dir.glob("*" + bank_cache.SUFFIX))
    assert len(cached_entries) == len(texts)
    json_dir = folder / f"json-{size}"
    json_dir.mkdir()
    entries = []
    for cached_entry in cached_entries:
        data = bank_cache.read_entry(cached_entry)
        assert data is not None
        entries.append(json_dir / f"{cached_entry.stem}.json")
        with open(entries[-1], "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))

    def read_json() -> object:
        out = []
        for entry in entries:
            with open(entry, "rb") as f:
                out.append(json.load(f))
        return out

    json_floor = best(read_json, repeats)
    cached = best(lambda: load_paths([target], cache_dir=cache_dir), repeats)
    assert cached < validate, "the cache was not used"
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    files = f"{len(texts)} files, " if len(texts) > 1 else ""
    return [
        show(
            Figure(
                f"validate {size:,} questions ({files}{megabytes:.1f} MB)",
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
                "json.load, same data",
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

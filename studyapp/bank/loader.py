"""Loading bank files and folders: the good banks, and every problem of the bad ones.

Nothing here raises for what a file contains; a broken bank is reported and skipped, and the
other banks load. Results may come from a cache of earlier loads (see cache.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from studyapp.bank import cache as bank_cache
from studyapp.bank.built import MAX_BYTES, Built
from studyapp.bank.collector import collector_paused
from studyapp.bank.problems import LoadResult, Problem

SUFFIXES = (".yaml", ".yml")


def load_file(
    path: str | os.PathLike[str],
    cache_dir: str | os.PathLike[str] | None = None,
    item_checks: bool = False,
) -> LoadResult:
    built = load_one(Path(path), cache_dir, item_checks)
    return LoadResult(
        (built.bank,) if built.bank is not None else (), sorted_problems(built.problems)
    )


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    cache_dir: str | os.PathLike[str] | None = None,
    item_checks: bool = False,
) -> LoadResult:
    """Load every bank under the given files and folders (recursively), in a stable order.

    A bank id met a second time is an error at the later file, which is then left out. With
    `item_checks` the item-writing warnings are added (and the cache, which keeps no such
    warnings, is not used).
    """
    banks = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for file in bank_files(paths, problems):
        built = load_one(file, cache_dir, item_checks)
        problems.extend(sorted_problems(built.problems))
        bank = built.bank
        if bank is None:
            continue
        if bank.id in first_seen:
            problems.append(duplicate_id(bank.path, built.id_line, bank.id, first_seen[bank.id]))
            continue
        first_seen[bank.id] = bank.path
        banks.append(bank)
    return LoadResult(tuple(banks), tuple(problems))


def duplicate_id(path: str, line: int, bank_id: str, first: str) -> Problem:
    return Problem(path, line, 1, f"the bank id `{bank_id}` is already used by {first}")


def sorted_problems(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line, p.column)))


def bank_files(
    paths: Iterable[str | os.PathLike[str]], problems: list[Problem] | None = None
) -> list[Path]:
    """The bank files named or found under the given paths, each once, in a stable order."""
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        elif path.is_file():
            found = [path]
        else:
            if problems is not None:
                problems.append(Problem(str(path), 0, 0, "no such file or folder"))
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def load_one(
    path: Path, cache_dir: str | os.PathLike[str] | None, item_checks: bool = False
) -> Built:
    name = str(path)
    try:
        stat = path.stat()
        if stat.st_size > MAX_BYTES:
            return parse_and_build(name, b"x" * 0, too_big=stat.st_size)
        data = path.read_bytes()
    except OSError as exc:
        return Built(None, [Problem(name, 0, 0, f"cannot read the file: {exc.strerror or exc}")])
    if item_checks:
        return parse_and_build(name, data, item_checks=True)
    if cache_dir is not None:
        cached = bank_cache.lookup(Path(cache_dir), path, stat, data)
        if cached is not None:
            return cached
    built = parse_and_build(name, data)
    if cache_dir is not None:
        bank_cache.store(Path(cache_dir), path, stat, data, built)
    return built


def parse_and_build(path: str, data: bytes, too_big: int = 0, item_checks: bool = False) -> Built:
    if too_big:
        size = too_big / (1024 * 1024)
        limit = MAX_BYTES // (1024 * 1024)
        return Built(
            None, [Problem(path, 0, 0, f"the file is {size:.1f} MB; the limit is {limit} MB")]
        )
    # Only a cache miss pays for PyYAML and the validator.
    from studyapp.bank.build import build
    from studyapp.bank.yamlread import parse

    with collector_paused():
        parsed = parse(path, data)
        if parsed.root is None:
            return Built(None, parsed.problems)
        return build(path, parsed.root, len(parsed.text), item_checks)

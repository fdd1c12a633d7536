"""The library's banks: listed from their info, their questions built only when one is opened.

`list_file` gives what the library shows of one bank file (from the cache when it fits, or
parsed and validated, which also fills the cache). `catalogue` turns the files listed so far,
in file order, into the banks to show and the problems to report. `Shelf` is the banks by id:
a bank's question objects are built the first time it is asked for, not before.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.bank import cache as bank_cache
from studyapp.bank.built import Listed
from studyapp.bank.collector import collector_paused
from studyapp.bank.info import BankInfo, info_of
from studyapp.bank.loader import duplicate_id, load_one, sorted_problems
from studyapp.bank.problems import Problem
from studyapp.model import Bank


def listed_from_cache(path: Path, cache_dir: Path | None) -> Listed | None:
    """The file as its cache entry lists it, or None when it has to be read (a miss)."""
    if cache_dir is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return bank_cache.lookup_listed(cache_dir, path, stat)


def list_file(path: str, cache_dir: str | None) -> Listed:
    """One file as the library lists it; a miss is parsed, validated and written to the cache.

    Module-level and taking plain strings, so that a worker process can run it.
    """
    file = Path(path)
    folder = Path(cache_dir) if cache_dir is not None else None
    hit = listed_from_cache(file, folder)
    if hit is not None:
        return hit
    # The collector stays paused until the built bank is dropped: re-enabled while the bank
    # lived, its first collection walked every object the bank holds (62-92 ms for 20,000
    # actors, with the GIL held, so the window's thread could not answer a key meanwhile);
    # once the bank is freed, only the little that is listed is left for it to walk.
    with collector_paused():
        built = load_one(file, folder)
        info = built.info if built.info is not None or built.bank is None else info_of(built.bank)
        listed = Listed(path, info, sorted_problems(built.problems), built.id_line)
        del built
    return listed


@dataclass(frozen=True, slots=True)
class Catalogue:
    infos: dict[str, BankInfo]  # by bank id, in file order
    problems: tuple[Problem, ...]


def catalogue(listed: Sequence[Listed | None]) -> Catalogue:
    """The banks and problems of the files listed so far; None stands for a file not yet read.

    A bank id met a second time is an error at the later file, which is then left out, as
    loader.load_paths does; a file still loading claims no id yet.
    """
    infos: dict[str, BankInfo] = {}
    problems: list[Problem] = []
    for item in listed:
        if item is None:
            continue
        problems.extend(item.problems)
        info = item.info
        if info is None:
            continue
        first = infos.get(info.id)
        if first is not None:
            problems.append(duplicate_id(item.path, item.id_line, info.id, first.path))
            continue
        infos[info.id] = info
    return Catalogue(infos, tuple(problems))


class _Builds:
    """The banks built so far, each beside the info it was built for; one for all the shelves
    a load makes, so that a bank built in the background on one shelf is found by the next."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done: dict[str, tuple[BankInfo, Bank]] = {}


def _same(a: BankInfo, b: BankInfo | None) -> bool:
    return a is b or a == b


class Shelf(Mapping[str, Bank]):
    """The listed banks by id; each is built from the cache (or its file) when first asked for.

    Safe to use from two threads: a bank being built in the background for the selected row is
    waited for, not built twice, when the learner opens it. A shelf made from an earlier one
    shares its builds: a bank whose info did not change keeps the questions already built,
    even those whose build was still under way when the shelf was made.
    """

    def __init__(
        self,
        infos: Mapping[str, BankInfo],
        cache_dir: str | os.PathLike[str] | None,
        earlier: Shelf | None = None,
        kept: Mapping[str, Bank] | None = None,
    ) -> None:
        self.infos = dict(infos)
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._builds: _Builds = earlier._builds if earlier is not None else _Builds()
        with self._builds.lock:
            for bank_id, bank in (kept or {}).items():
                self._builds.done[bank_id] = (self.infos[bank_id], bank)

    def __getitem__(self, bank_id: str) -> Bank:
        info = self.infos[bank_id]
        builds = self._builds
        with builds.lock:
            entry = builds.done.get(bank_id)
            if entry is not None and _same(entry[0], info):
                return entry[1]
            # Kept to be studied: what a miss parses is put out of the collector's sight, as
            # a cache hit's bank is (collector.py), so no collection walks it with the GIL held.
            with collector_paused(keep=True):
                bank = load_one(Path(info.path), self._cache_dir).bank
            if bank is None or bank.id != bank_id:
                # Changed on disk since it was listed: the watcher's reload will say how.
                raise KeyError(bank_id)
            builds.done[bank_id] = (info, bank)
            return bank

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)

    def __contains__(self, bank_id: object) -> bool:
        return bank_id in self.infos

    def built(self) -> dict[str, Bank]:
        """The banks of this shelf whose questions have been built so far."""
        with self._builds.lock:
            done = dict(self._builds.done)
        return {b: bank for b, (info, bank) in done.items() if _same(info, self.infos.get(b))}

    def is_built(self, bank_id: str) -> bool:
        entry = self._builds.done.get(bank_id)  # one read of a dict: no lock needed
        return entry is not None and _same(entry[0], self.infos.get(bank_id))

    def prepare(self, bank_id: str) -> None:
        """Build a bank's questions now, if not yet done; quietly nothing when it cannot be."""
        with contextlib.suppress(KeyError):
            self[bank_id]

"""The cycle collector is paused while a bank is parsed, built or read from the cache."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from bank_helpers import VALID
from benchmarks import _common as common

from studyapp.bank.collector import collector_paused
from studyapp.bank.loader import load_file


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts while the test runs."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def test_loading_a_large_bank_hardly_runs_the_collector(
    tmp_path: Path, collections: list[int]
) -> None:
    # Unpaused, parsing 500 questions would start the collector hundreds of times; paused, it
    # runs about once per load, when the pause ends and the new objects are looked at once.
    path = common.write_bank(tmp_path, 500)
    cache = tmp_path / "cache"
    load_file(path)  # imports the parser and the validator first
    gc.collect()
    collections.clear()
    fresh = load_file(path, cache_dir=cache)  # parsed, built and stored
    again = load_file(path, cache_dir=cache)  # read back from the cache
    assert fresh == again
    assert fresh.errors == ()
    assert len(fresh.banks[0].questions) == 500
    assert len(collections) <= 6, collections
    assert gc.isenabled()
    collections.clear()
    gc.collect()
    assert collections == [2]  # and it still runs afterwards


def test_a_broken_bank_leaves_the_collector_on(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("studyapp: 1\nid: [unclosed\n", encoding="utf-8")
    assert load_file(path).errors
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        assert load_file(VALID).errors == ()
        assert not gc.isenabled()
    finally:
        gc.enable()


def _fail_while_paused(seen: list[bool]) -> None:
    with collector_paused():
        seen.append(gc.isenabled())
        raise ZeroDivisionError


def test_the_collector_comes_back_after_an_exception() -> None:
    seen: list[bool] = []
    with pytest.raises(ZeroDivisionError):
        _fail_while_paused(seen)
    assert seen == [False]
    assert gc.isenabled()

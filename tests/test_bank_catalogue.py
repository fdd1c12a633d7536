"""Listing banks without their questions: the cache's first part, the catalogue, the shelf,
the counts worked out from a bank's info, and listing in worker processes."""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path

from bank_helpers import sample_folder
from benchmarks import _common as common
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.bank import cache as bank_cache
from studyapp.bank import serialise
from studyapp.bank.background import ListingJob
from studyapp.bank.catalogue import Shelf, catalogue, list_file, listed_from_cache
from studyapp.bank.info import info_of
from studyapp.bank.loader import load_file
from studyapp.insight import figures
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.study.cards import LearnerCards


def test_a_cached_bank_is_listed_from_its_info_alone(tmp_path: Path, monkeypatch) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    first = list_file(str(path), str(cache))  # a miss: parsed, and the cache filled
    (bank,) = load_file(path).banks
    assert first.info == info_of(bank)
    built: list[object] = []
    real = serialise.questions_from_columns
    monkeypatch.setattr(serialise, "questions_from_columns", lambda d: built.append(d) or real(d))
    again = listed_from_cache(path, cache)
    assert again == first
    assert built == []  # no question decoded, let alone built
    # The questions are built when the bank is opened, once.
    shelf = Shelf(catalogue([again]).infos, cache)
    assert shelf.built() == {}
    assert shelf[bank.id] == bank
    assert shelf[bank.id] is shelf[bank.id]
    assert len(built) == 1


def test_damaged_questions_do_not_stop_the_listing_and_are_rebuilt_on_opening(
    tmp_path: Path,
) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    listed = list_file(str(path), str(cache))
    (entry,) = cache.glob("*" + bank_cache.SUFFIX)
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0x01  # inside the second part: the questions
    entry.write_bytes(bytes(blob))
    assert listed_from_cache(path, cache) == listed
    (bank,) = load_file(path).banks
    assert Shelf(catalogue([listed]).infos, cache)[bank.id] == bank
    assert bank_cache.read_entry(entry) is not None  # written again, whole


def test_an_edit_that_keeps_size_and_mtime_is_still_noticed(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    list_file(str(path), str(cache))
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    edited = text.replace(title, "title: X" + title[len("title: X") :], 1)
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the mtime forged back
    assert listed_from_cache(path, cache) is None
    assert list_file(str(path), str(cache)).info.title.startswith("X")


def test_a_second_bank_of_the_same_id_is_refused_in_file_order(tmp_path: Path) -> None:
    one = sample_folder(tmp_path, name="a.yaml")
    two = sample_folder(tmp_path, name="b.yaml")
    first, second = list_file(str(one), None), list_file(str(two), None)
    assert catalogue([first, second]).infos[first.info.id].path == str(one)
    # The first file still loading claims nothing; once listed, it wins again.
    assert catalogue([None, second]).infos[first.info.id].path == str(two)
    found = catalogue([first, second])
    assert [p.message for p in found.problems if "already used" in p.message]


def _reference(store: Store, profile: str, bank, now) -> figures.BankSummary:
    """The library's counts as LearnerCards works them out from the built questions."""
    retention = store.profile(profile).desired_retention
    due = new = mastered = learning = 0
    reviewed = []
    for seen in LearnerCards.read(store, profile, [bank]).of_bank(bank):
        if seen.card is None:
            new += 1
            continue
        if seen.card.state.last_review is not None:
            reviewed.append(seen.card.state.last_review)
        if seen.due(now):
            due += 1
        elif seen.mastered(now, retention):
            mastered += 1
        else:
            learning += 1
    n = len(bank.questions)
    last = max(reviewed, default=None)
    return figures.BankSummary(n, due, new, mastered / n, learning, last)


def test_counts_from_the_info_agree_with_the_built_questions(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank(n_choice=6)
    store = Store.open(tmp_path / "progress.sqlite3", clock)
    rng = random.Random(4)
    for day in range(20):
        session = Session({bank.id: bank}, store, "ana", SessionConfig(), clock, rng)
        while (shown := session.current()) is not None:
            good = rng.random() < 0.8
            session.answer(
                right_response(shown.question) if good else wrong_response(shown.question)
            )
            session.advance()
        clock.tick(days=1 + day % 3)
    # Edit one question and rename another: the first counts as due, the second keeps its card.
    questions = list(bank.questions)
    questions[0] = dataclasses.replace(questions[0], quote=questions[0].quote + " (edited)")
    questions[1] = dataclasses.replace(questions[1], id="renamed", aliases=(questions[1].id,))
    edited = dataclasses.replace(bank, questions=tuple(questions))
    seen = set()
    for later in (0, 1, 5, 30, 400):
        now = clock.tick(days=later)
        for version in (bank, edited):
            counted = figures.summaries(store, "ana", [info_of(version)], now)[version.id]
            assert counted == _reference(store, "ana", version, now), (later, version is bank)
            seen.add(counted)
    assert len(seen) > 3  # the cases differ: due, mastered and new all move


def test_listing_in_worker_processes_gives_what_listing_here_gives(tmp_path: Path) -> None:
    files = [common.write_bank(tmp_path / f"b{i}", 30, seed=i) for i in range(3)]
    files.append(tmp_path / "broken.yaml")
    files[-1].write_text("studyapp: 1\nid: [\n", encoding="utf-8")
    here = [list_file(str(f), None) for f in files]
    got: dict[int, object] = {}
    done: list[bool] = []
    job = ListingJob(files, tmp_path / "cache", got.__setitem__, lambda: done.append(True), 2)
    job.start()
    assert job.wait(120)
    assert done == [True]
    assert [got[i] for i in range(len(files))] == here
    # The workers filled the cache: the next listing reads it.
    assert all(
        listed_from_cache(f, tmp_path / "cache") == h for f, h in zip(files, here, strict=True)
    )


def test_a_worker_that_dies_costs_one_file_and_the_rest_are_listed_here(
    tmp_path: Path, monkeypatch
) -> None:
    import subprocess
    import sys

    from studyapp.bank import background

    files = [common.write_bank(tmp_path / f"b{i}", 20 + i, seed=i) for i in range(4)]

    def dying(_cache: object) -> subprocess.Popen[bytes]:  # a worker killed as it starts
        return subprocess.Popen(
            [sys.executable, "-c", "pass"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    monkeypatch.setattr(background, "_start_worker", dying)
    got: dict[int, object] = {}
    job = ListingJob(files, None, got.__setitem__, lambda: None, 1)
    job.start()
    assert job.wait(60)
    assert sorted(got) == [0, 1, 2, 3]
    assert got[0].info is None
    assert "the worker stopped" in got[0].problems[0].message
    assert [got[i] for i in (1, 2, 3)] == [list_file(str(f), None) for f in files[1:]]

"""`studyapp progress` run as a learner runs it, on a progress file written by a real session."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.progress import Store
from studyapp.study import Session, SessionConfig


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "progress", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        for profile, right in (("ana", True), ("ben", False)):
            session = Session(
                {bank.id: bank}, store, profile, SessionConfig(), clock, random.Random(1)
            )
            while (shown := session.current()) is not None:
                clock.tick(seconds=10)
                pick = right_response if right or shown.index % 2 else wrong_response
                session.answer(pick(shown.question))
                session.advance()
    return tmp_path


def test_table_summarises_each_profile(data_dir: Path) -> None:
    result = cli("--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Profile", "Bank", "Answers"]
    ana = next(line for line in lines if line.startswith("ana"))
    ben = next(line for line in lines if line.startswith("ben"))
    assert ana.split()[2:4] == ["8", "100"]
    assert ben.split()[2:4] == ["8", "50"]
    only = cli("--data-dir", str(data_dir), "--profile", "ben")
    assert "ana" not in only.stdout
    assert "ben" in only.stdout


def test_csv_and_json_hold_every_answer(data_dir: Path) -> None:
    result = cli("--data-dir", str(data_dir), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 16
    assert {r["profile"] for r in rows} == {"ana", "ben"}
    assert all(r["content_hash"] and r["at"] and r["rating"] for r in rows)
    with Store.open(data_dir / "progress.sqlite3", Clock()) as store:
        stored = [r.to_dict() for r in store.reviews()]
    assert [json.loads(r["response"]) for r in rows] == [s["response"] for s in stored]
    exported = json.loads(cli("--data-dir", str(data_dir), "--format", "json").stdout)
    assert exported["format"] == 1
    assert exported["reviews"] == stored
    ben = json.loads(
        cli("--data-dir", str(data_dir), "--format", "json", "--profile", "ben").stdout
    )
    assert len(ben["reviews"]) == 8


def test_reset_asks_and_refuses_without_yes(data_dir: Path) -> None:
    refused = cli("--data-dir", str(data_dir), "--profile", "ana", "--reset", stdin="no\n")
    assert refused.returncode == 1
    assert "Type yes" in refused.stderr
    assert "Nothing was reset" in refused.stderr
    silent = cli("--data-dir", str(data_dir), "--profile", "ana", "--reset")  # stdin empty
    assert silent.returncode == 1
    with Store.open(data_dir / "progress.sqlite3", Clock()) as store:
        assert store.review_count("ana") == 8
    done = cli("--data-dir", str(data_dir), "--profile", "ana", "--reset", stdin="yes\n")
    assert done.returncode == 0, done.stderr
    assert "Forgot 8 answers" in done.stdout
    with Store.open(data_dir / "progress.sqlite3", Clock()) as store:
        assert store.review_count("ana") == 0
        assert store.review_count("ben") == 8
    assert list(data_dir.glob("progress.sqlite3.before-reset-*"))
    scripted = cli("--data-dir", str(data_dir), "--reset", "--yes")
    assert scripted.returncode == 0
    assert "Forgot 8 answers" in scripted.stdout


def test_no_file_and_a_corrupt_file(tmp_path: Path) -> None:
    empty = cli("--data-dir", str(tmp_path / "none"))
    assert empty.returncode == 0
    assert "No progress yet" in empty.stdout
    assert not (tmp_path / "none").exists()
    header = cli("--data-dir", str(tmp_path / "none"), "--format", "csv")
    assert header.stdout.strip().split(",")[:3] == ["id", "profile", "bank"]
    (tmp_path / "progress.sqlite3").write_text("garbage, not a database")
    result = cli("--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "could not be used" in result.stderr
    [aside] = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert aside.read_text() == "garbage, not a database"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_an_unusable_data_folder_is_an_error_naming_it(tmp_path: Path, fmt: str) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    result = cli("--data-dir", str(not_a_folder), "--format", fmt)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert str(not_a_folder) in line
    assert not_a_folder.read_text() == "a file, not a folder"

    inside_a_file = not_a_folder / "data"
    nested = cli("--data-dir", str(inside_a_file), "--format", fmt)
    assert nested.returncode == 1
    assert "Traceback" not in nested.stderr
    assert str(inside_a_file) in nested.stderr


def test_a_progress_file_that_cannot_be_opened_is_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "progress.sqlite3"
    blocked.mkdir()
    (blocked / "keep.txt").write_text("mine")
    result = cli("--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert str(blocked) in line
    assert (blocked / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


def test_an_empty_data_folder_still_reports_no_progress(tmp_path: Path) -> None:
    result = cli("--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert "No progress yet" in result.stdout
    assert result.stderr == ""


def test_one_answer_is_said_in_the_singular(tmp_path: Path) -> None:
    """A learner with a single answer reads '1 answer', not '1 answers'."""
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        session = Session({bank.id: bank}, store, "ana", SessionConfig(), clock, random.Random(1))
        shown = session.current()
        assert shown is not None
        session.answer(right_response(shown.question))
    asked = cli("--data-dir", str(tmp_path), "--profile", "ana", "--reset", stdin="no\n")
    assert "This forgets 1 answer of profile 'ana'." in asked.stderr
    done = cli("--data-dir", str(tmp_path), "--profile", "ana", "--reset", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Forgot 1 answer of profile 'ana';" in done.stdout

"""`studyapp sync`, run as a learner would, in a subprocess on two data folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from progress_helpers import Clock
from sync_helpers import Device

from studyapp.progress import Store


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args], capture_output=True, text=True, timeout=60
    )


def test_two_data_folders_meet_in_one_synced_folder(tmp_path: Path) -> None:
    shared = tmp_path / "Synced"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    joined = cli("sync", "--data-dir", str(laptop), "--folder", str(shared), "--name", "laptop")
    assert joined.returncode == 0, joined.stderr
    assert "This device: laptop" in joined.stdout
    clock = Clock()
    with Store.open(laptop / "progress.sqlite3", clock) as store:
        me = store.sync_identity
        assert me is not None
        device = Device(store, shared, me.device, clock)
        for question in ("q1", "q2"):
            clock.tick(minutes=2)
            device.answer(question, 3)
    assert cli("sync", "--data-dir", str(laptop)).returncode == 0
    second = cli("sync", "--data-dir", str(desktop), "--folder", str(shared), "--name", "desktop")
    assert second.returncode == 0, second.stderr
    assert "Synced: 2 answers" in second.stdout
    assert "laptop: 2 answers, last wrote" in second.stdout
    exported = cli("progress", "--data-dir", str(desktop), "--format", "json")
    reviews = json.loads(exported.stdout)["reviews"]
    assert sorted(r["question"] for r in reviews) == ["q1", "q2"]
    # Again: nothing new, nothing twice.
    assert "Synced: 0 answers" in cli("sync", "--data-dir", str(desktop)).stdout

    # A file it cannot read is named, with what is wrong, and the pass still succeeds.
    (shared / "studyapp-00000000000000cc.jsonl").write_bytes(b"garbage\n")
    third = cli("sync", "--data-dir", str(desktop))
    assert third.returncode == 0
    assert "studyapp-00000000000000cc.jsonl" in third.stderr
    assert "not a sync header" in third.stdout

    off = cli("sync", "--data-dir", str(desktop), "--off")
    assert off.returncode == 0
    again = cli("sync", "--data-dir", str(desktop))
    assert again.returncode == 1
    assert "Sync is off" in again.stderr


def test_a_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    result = cli("sync", "--data-dir", str(tmp_path / "d"), "--folder", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "not a folder" in result.stderr
    assert "Traceback" not in result.stderr

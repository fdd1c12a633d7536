"""Two devices answering in alternation through one synced folder, each killed at random
moments: no answer lost, none applied twice, and exactly the same card states on both."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from progress_helpers import Clock
from sync_helpers import Courier, Device

from studyapp.progress import Store

DRIVER = Path(__file__).with_name("sync_device.py")
IDS = ("00000000000000aa", "00000000000000bb")


def _run(
    root: Path, me: int, count: int, seed: int, kill: tuple[int, float] | None
) -> tuple[list[str], bool]:
    """Run device `me` for `count` answers; with `kill` = (k, s), SIGKILL it `s` seconds after
    its k-th commit (s is a few milliseconds: inside the next answer or sync pass).
    The ids it reported committed, and whether it was killed."""
    data, folder = root / f"dev{me}", root / f"folder{me}"
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(data), str(folder), IDS[me], str(count), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    committed: list[str] = []
    killed = False
    for line in process.stdout:
        if line.startswith("committed"):
            committed.append(line.split()[1])
            if kill is not None and len(committed) == kill[0]:
                time.sleep(kill[1])
                process.kill()
                killed = True
                break
    rest, err = process.communicate(timeout=300)
    committed += [line.split()[1] for line in rest.splitlines() if line.startswith("committed")]
    if not killed:
        assert process.returncode == 0, err
    return committed, killed


def _carry(root: Path, courier: Courier, source: int) -> None:
    """The engine delivers device `source`'s file to the other device's folder, in pieces."""
    clock = Clock()
    with Store.open(root / "carrier.sqlite3", clock) as spare:
        src = Device(spare, root / f"folder{source}", IDS[source], clock)
        dst = Device(spare, root / f"folder{1 - source}", "-", clock)
        courier.settle(src, dst)


def alternate(root: Path, per_device: int, seed: int, figures: Callable[[str], None]) -> None:
    rng = random.Random(seed)
    courier = Courier(rng, pieces=3)
    for me in (0, 1):
        (root / f"folder{me}").mkdir(parents=True)
    committed: list[list[str]] = [[], []]
    kills = 0
    turn = 0
    started = time.monotonic()
    while min(len(c) for c in committed) < per_device:
        me = turn % 2
        turn += 1
        if len(committed[me]) >= per_device:
            continue
        count = min(rng.randint(5, 40), per_device - len(committed[me]))
        # An answer and its sync pass take a few milliseconds: a kill 0 to 4 ms after a commit
        # lands between the commit and the file write, inside an append, or in the next answer.
        kill = (rng.randint(1, count), rng.uniform(0, 0.004)) if rng.random() < 0.5 else None
        got, killed = _run(root, me, count, rng.randrange(1 << 30), kill)
        kills += killed
        committed[me].extend(got)
        _carry(root, courier, me)
    # Both catch up: each reads the other's last lines, writes its own, once more each way.
    for _ in range(2):
        for me in (0, 1):
            _run(root, me, 0, 0, None)
            _carry(root, courier, me)
    clock = Clock()
    with (
        Store.open(root / "dev0" / "progress.sqlite3", clock) as a,
        Store.open(root / "dev1" / "progress.sqlite3", clock) as b,
    ):
        ids_a, ids_b = a.answer_ids(), b.answer_ids()
        made = set(committed[0]) | set(committed[1])
        lost = len(made - set(ids_a)) + len(made - set(ids_b))
        duplicated = (len(ids_a) - len(set(ids_a))) + (len(ids_b) - len(set(ids_b)))
        same_states = a.cards("ana") == b.cards("ana")
        figures(
            f"{len(committed[0])} + {len(committed[1])} answers in alternation, {kills} kills, "
            f"{time.monotonic() - started:.0f} s: {lost} lost, {duplicated} duplicated, "
            f"card states identical: {same_states} (floor: 0, 0, True)"
        )
        assert lost == 0
        assert duplicated == 0
        assert sorted(ids_a) == sorted(ids_b)
        assert same_states


def test_alternating_devices_with_kills(tmp_path: Path, figures: Callable[[str], None]) -> None:
    alternate(tmp_path, per_device=40, seed=7, figures=figures)


@pytest.mark.slow
def test_a_thousand_answers_each_with_kills(tmp_path: Path, figures: Callable[[str], None]) -> None:
    alternate(tmp_path, per_device=1000, seed=2026, figures=figures)

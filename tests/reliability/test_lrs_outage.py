"""A class's answers reach a real LRS (Ralph) exactly once, though it is down for part of the
run and the sender is killed in the middle of sending."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import ralph_driver
from progress_helpers import Clock
from sync_helpers import Device

from studyapp.lrs.client import Lrs
from studyapp.lrs.deliver import deliver
from studyapp.progress import Store

pytestmark = pytest.mark.skipif(
    ralph_driver.python() is None, reason=".ci/run installs Ralph in .ralph/"
)


def _killed_send(data: Path, after: float) -> None:
    """`studyapp xapi --send` in a process of its own, killed `after` seconds in."""
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "xapi", "--data-dir", str(data), "--send"],
        env={**os.environ, "STUDYAPP_LRS_SECRET": ralph_driver.SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def outage(tmp_path: Path, answers: int, seed: int, figures: Callable[[str], None]) -> None:
    rng = random.Random(seed)
    ralph = ralph_driver.Ralph(tmp_path / "ralph")
    ralph.start()
    clock = Clock()
    data = tmp_path / "data"
    down = (answers * 3 // 10, answers * 7 // 10)  # the LRS is stopped for this stretch
    failures = 0
    kills = 0
    started = time.monotonic()
    try:
        with Store.open(data / "progress.sqlite3", clock) as store:
            store.share_with(ralph.endpoint, ralph_driver.USER, "https://school.example", "c1a55")
            device = Device(store, tmp_path, "-", clock, profile="class-7b")
            lrs = Lrs(ralph.endpoint, ralph_driver.USER, ralph_driver.SECRET, timeout=5)
            for n in range(answers):
                clock.tick(seconds=rng.randint(5, 90))
                device.answer(f"q{rng.randrange(50)}", rng.choice((1, 3, 4)))
                if n == down[0]:
                    ralph.stop()
                if n == down[1]:
                    ralph.start()
                if n % 50 == 49:
                    if rng.random() < 0.3:
                        _killed_send(data, rng.uniform(0.2, 1.0))
                        kills += 1
                    failures += deliver(store, lrs).error is not None
            done = deliver(store, lrs)
            assert done.error is None
            assert done.waiting == 0
        held = [s for s in ralph.statements() if s["actor"]["account"]["name"] == "class-7b"]
    finally:
        ralph.stop()
    ids = [s["id"] for s in held]
    duplicates = len(ids) - len(set(ids))
    figures(
        f"{answers} answers, LRS down from answer {down[0]} to {down[1]} ({failures} failed "
        f"sends), {kills} sends killed, {time.monotonic() - started:.0f} s: {len(set(ids))} "
        f"delivered, {duplicates} duplicates (floor: {answers}, 0)"
    )
    assert len(set(ids)) == answers
    assert duplicates == 0


def test_lrs_down_for_part_of_a_run(tmp_path: Path, figures: Callable[[str], None]) -> None:
    outage(tmp_path, answers=150, seed=5, figures=figures)


@pytest.mark.slow
def test_lrs_down_for_part_of_a_thousand_answers(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    outage(tmp_path, answers=1000, seed=2026, figures=figures)

"""The shared scheduler simulation still runs against this checkout through its wrapper
(tests/benchmarks/scheduler_sim_app.py), whose old import paths follow the package's moves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WRAPPER = REPO / "tests" / "benchmarks" / "scheduler_sim_app.py"
SIM = REPO.parent / "shared" / "bench" / "scheduler-sim" / "scheduler_sim.py"


def test_the_simulation_drives_the_app_through_the_wrapper(tmp_path: Path) -> None:
    if not SIM.is_file():
        pytest.skip("the shared simulation is not beside this checkout")
    pytest.importorskip("numpy")
    argv = [sys.executable, str(WRAPPER), "--learners", "1", "--avg-days", "", "--days", "6"]
    argv += ["--scenarios", "base", "--workers", "1", "--items", "8"]
    argv += ["--policies", "APP review mode, exam date set (ret .90)"]
    env = dict(os.environ, SIM_STORE_DIR=str(tmp_path))
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    row = next(x for x in done.stdout.splitlines() if x.startswith("| APP review mode"))
    reviews = float(row.split("|")[2])
    # Eight questions each studied at least once in six days of the app's own sessions.
    assert reviews >= 8, row
    assert list(tmp_path.iterdir()) == []  # each simulated learner's store is removed after

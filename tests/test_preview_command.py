"""`studyapp preview` arguments, in a subprocess: bad banks and unknown ids never open a window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BROKEN = """\
studyapp: 1
id: broken
title: Broken bank
questions:
  - id: q1
    type: multiple_choice
    prompt: Which one?
    choices: [a, b]
    anwser: a
"""


def preview(*args: str | Path, data: Path) -> subprocess.CompletedProcess[str]:
    # Offscreen, so that a window opened by mistake would hang until the timeout, not flash.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "preview", *map(str, args), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
    )


def test_a_bank_with_errors_is_reported_at_file_line_col_and_no_window_opens(
    tmp_path: Path,
) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(BROKEN, encoding="utf-8")
    result = preview(bank, data=tmp_path / "data")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines, "the problems are printed"
    assert all(line.startswith(f"{bank}:") for line in lines)
    assert any(":9:" in line and "anwser" in line for line in lines)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_an_unknown_question_id_is_named_with_the_ids_there_are(tmp_path: Path) -> None:
    bank = REPO / "tests" / "banks" / "valid.yaml"
    result = preview(bank, "--question", "no-such-question", data=tmp_path / "data")
    assert result.returncode == 1
    assert "no question with id `no-such-question`" in result.stderr
    assert "who-budget" in result.stderr
    assert not (tmp_path / "data").exists()


def test_a_missing_file_and_a_missing_argument(tmp_path: Path) -> None:
    missing = preview(tmp_path / "nowhere.yaml", data=tmp_path / "data")
    assert missing.returncode == 1
    assert f"{tmp_path / 'nowhere.yaml'}:" in missing.stderr
    assert "Traceback" not in missing.stderr
    usage = preview(data=tmp_path / "data")
    assert usage.returncode == 2
    assert "BANK.yaml" in usage.stderr

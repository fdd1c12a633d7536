"""The command's front door, run as a learner runs it: no display, options in either place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
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


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=REPO,
        env=os.environ.copy() if env is None else env,
    )


def without_display() -> dict[str, str]:
    env = os.environ.copy()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux can lack a display")
@pytest.mark.parametrize("command", [(), ("preview", "tests/banks/valid.yaml")])
def test_no_display_is_said_in_one_line_and_fails_plainly(command: tuple[str, ...]) -> None:
    result = run(*command, env=without_display())
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("studyapp: no display found")
    assert "ssh -X" in lines[0]  # says how to run it


@pytest.mark.skipif(sys.platform != "linux", reason="X11 displays are a Linux matter here")
def test_a_display_that_does_not_answer_is_named_instead_of_an_abort() -> None:
    # X servers listen on these sockets (a fixed path, read only); a display with none is dead.
    sockets = Path("/tmp/.X11-unix")  # noqa: S108
    free = next(n for n in range(190, 290) if not (sockets / f"X{n}").exists())
    env = without_display()
    env["DISPLAY"] = f":{free}"
    result = run(env=env)
    assert result.returncode == 1, (result.returncode, result.stderr)  # 134 was Qt's abort
    said = [line for line in result.stderr.splitlines() if line.startswith("studyapp:")]
    assert len(said) == 1, result.stderr
    assert "the window could not open" in said[0]


def test_global_options_before_the_command_are_taken(tmp_path: Path) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(BROKEN, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # a wrongly opened window would hang
    data = tmp_path / "data"
    before = run("--data-dir", str(data), "--verbose", "preview", str(bank), env=env)
    after = run("preview", str(bank), "--data-dir", str(data), env=env)
    assert before.returncode == after.returncode == 1
    problem = [line for line in after.stderr.splitlines() if line.startswith(str(bank))]
    assert problem
    assert all(line in before.stderr for line in problem)
    assert "DEBUG" in before.stderr  # --verbose was heard


def test_a_global_option_a_command_does_not_use_is_refused() -> None:
    result = run("--profile", "ana", "validate", "tests/banks/valid.yaml")
    assert result.returncode == 2
    assert "--profile does not apply to `studyapp validate`" in result.stderr
    assert run("--verbose", "validate", "tests/banks/valid.yaml").returncode == 0


def test_help_says_where_settings_stay_when_data_moves() -> None:
    for args in ((), ("progress",), ("preview",)):
        text = " ".join(run(*args, "--help").stdout.split())
        assert "theme, window and profile settings stay in the config folder" in text
        assert "$STUDYAPP_CONFIG_DIR" in text
    top = " ".join(run("--help").stdout.split())
    assert "may come before or after COMMAND" in top


def test_a_mistyped_command_is_named_not_taken_for_a_bank_path() -> None:
    # `valdate` used to be taken for a bank file: over ssh "no display found", at a desktop
    # the app opened with "not found" in its library. Neither says what went wrong.
    result = run("valdate", "tests/banks/valid.yaml", env=without_display())
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr == (
        "studyapp: error: `valdate` is neither a command nor a bank file or folder; "
        "did you mean `validate`?\n"
    )
    other = run("frobnicate", env=without_display())
    assert other.returncode == 2
    assert "(`studyapp --help` lists the commands)" in other.stderr
    # A real path is still a bank to open: only the missing display stops it here.
    bank = run("tests/banks/valid.yaml", env=without_display())
    assert bank.stderr.startswith("studyapp: no display found")

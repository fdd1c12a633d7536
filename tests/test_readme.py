"""The README's two set-up commands are the ones CI and users actually run."""

from __future__ import annotations

import re

from conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", setup, re.DOTALL)
    return [b.strip() for b in blocks if "pip install" in b]


def test_readme_has_one_app_command_and_one_test_command() -> None:
    app, tests = _commands()
    assert app.endswith("studyapp")
    assert "'.[test]'" in tests
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, tests = _commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()

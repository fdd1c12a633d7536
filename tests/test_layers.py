"""The shape of the package, held by tools run as tests: import contracts and dead code."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _run(*code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_the_import_contracts_hold() -> None:
    """[tool.importlinter] in pyproject.toml: Qt only in ui/, study and insight over a
    storage-only progress/, banks unaware of learners, answering below banks, no cycle between
    the packages nor between the modules of bank/."""
    result = _run(
        "-c",
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True, no_logo=True))",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Every contract written in pyproject.toml ran and held (a contract the tool skipped, or
    # read under another table, would leave the count short).
    with (ROOT / "pyproject.toml").open("rb") as f:
        contracts = tomllib.load(f)["tool"]["importlinter"]["contracts"]
    assert f"{len(contracts)} kept, 0 broken" in result.stdout, result.stdout


def test_vulture_finds_no_certainly_dead_code() -> None:
    result = _run("-m", "vulture", "studyapp", "--min-confidence", "100")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""

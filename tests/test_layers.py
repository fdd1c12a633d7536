"""The shape of the package, held by tools run as tests: import contracts and dead code."""

from __future__ import annotations

import ast
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


# Every module is held to the rule (the statistics screens were left out while they were being
# reworked; they now give their reasons too).
_LAZY_NOT_CHECKED: tuple[str, ...] = ()


def _unexplained_local_imports(path: Path) -> list[str]:
    """Imports inside a function with no reason beside them: a comment on the import, on the
    line above it, or above the run of imports it is part of."""
    lines = path.read_text(encoding="utf-8").split("\n")
    tree = ast.parse("\n".join(lines))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            own = lines[node.lineno - 1 : node.end_lineno]
            if any("#" in line for line in own):
                continue
            above = node.lineno - 2
            while above >= 0 and (
                not lines[above].strip() or lines[above].strip().startswith(("import ", "from "))
            ):
                above -= 1
            if above >= 0 and lines[above].strip().startswith("#"):
                continue
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {own[0].strip()}")
    return found


def test_every_lazy_import_says_why() -> None:
    """A function-local import hides a dependency from a reader of the module's head; it is
    kept only where start-up time needs it (Qt, the banks and the store after the first paint,
    urllib, keyring, fsrs's fitter, genanki), and then says so beside it."""
    found = [
        line
        for path in sorted((ROOT / "studyapp").rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(_LAZY_NOT_CHECKED)
        for line in _unexplained_local_imports(path)
    ]
    assert found == []

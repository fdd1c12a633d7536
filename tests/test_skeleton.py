"""The installable shell: the command, its help, and the rule that the core never loads Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import studyapp
from studyapp import cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args], capture_output=True, text=True, timeout=60
    )


def test_version_names_the_package_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"studyapp {studyapp.__version__}"


def test_help_lists_every_available_subcommand() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for name in cli.available_commands():
        assert f"  {name} " in result.stdout
    assert "PATH" in result.stdout


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    result = _run("--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unrecognized arguments" in result.stderr


def test_core_and_cli_never_import_qt() -> None:
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import studyapp\n"
        "names = [m.name for m in pkgutil.walk_packages(studyapp.__path__, 'studyapp.')\n"
        "         if not m.name.startswith('studyapp.ui') and m.name != 'studyapp.__main__']\n"
        "for n in names: importlib.import_module(n)\n"
        "print(json.dumps({'loaded': names,\n"
        "  'qt': sorted(m for m in sys.modules if m.startswith('PySide6'))}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    report = json.loads(result.stdout)
    assert "studyapp.cli" in report["loaded"]
    assert "studyapp.model" in report["loaded"]
    assert report["qt"] == []

"""The README's table of folders says what studyapp really uses on Linux."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_linux_column_of_the_readme_matches_the_folders_in_use(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # A login with nothing redirected: no XDG_* and no STUDYAPP_* variables.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "STUDYAPP_")) and k != "HOME"
    }
    env["HOME"] = str(home)
    probe = (
        "import json, studyapp.paths as p; f = p.resolve()\n"
        "print(json.dumps({k: str(getattr(f, k)) for k in ('data', 'config', 'cache', 'logs')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    folders = json.loads(result.stdout)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip().split(" ")[0]: line.split("|")[2].strip().strip("`")
        for line in readme.splitlines()
        if line.startswith("| ") and "studyapp" in line
    }
    for row, key in (
        ("progress", "data"),
        ("settings", "config"),
        ("cache", "cache"),
        ("logs", "logs"),
    ):
        assert rows[row].replace("~", str(home)).rstrip("/") == folders[key]

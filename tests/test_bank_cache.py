"""The parse cache from the outside: what a warm start costs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_a_warm_cache_loads_without_yaml_or_the_validator(tmp_path: Path) -> None:
    # Start-up speed rests on this: a bank found in the cache costs no YAML parsing at all.
    bank = REPO / "questions" / "us-ukraine-security.yaml"
    cache = tmp_path / "cache"
    code = (
        "import json, sys\n"
        "from studyapp.bank.loader import load_paths\n"
        f"result = load_paths([{str(bank)!r}], cache_dir={str(cache)!r})\n"
        "heavy = [m for m in ('yaml', 'studyapp.bank.walk', 'studyapp.bank.checks')"
        " if m in sys.modules]\n"
        "print(json.dumps({'banks': len(result.banks), 'problems': len(result.problems),"
        " 'heavy': heavy}))\n"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0]["banks"] == runs[1]["banks"] == 1
    assert runs[0]["problems"] == runs[1]["problems"] == 0
    assert runs[0]["heavy"]  # the first load parsed the file
    assert runs[1]["heavy"] == []

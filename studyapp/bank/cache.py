"""A cache of loaded banks (filled in below)."""

from __future__ import annotations

import os
from pathlib import Path

from studyapp.bank.build import Built


def lookup(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes) -> Built | None:
    return None


def store(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes, built: Built) -> None:
    return None

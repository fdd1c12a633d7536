"""Helpers shared by the bank tests: the sample bank and a way to write variants of it."""

from __future__ import annotations

import shutil
from pathlib import Path

BANKS = Path(__file__).resolve().parent / "banks"
VALID = BANKS / "valid.yaml"


def sample_folder(tmp_path: Path, text: str | None = None, name: str = "bank.yaml") -> Path:
    """A folder with the sample's source beside a bank file (the sample itself by default)."""
    folder = tmp_path / "banks"
    folder.mkdir(exist_ok=True)
    shutil.copytree(BANKS / "sources", folder / "sources", dirs_exist_ok=True)
    path = folder / name
    path.write_text(VALID.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return path


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)

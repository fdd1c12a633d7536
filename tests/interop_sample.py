"""Shared by the interop tests: the hostile bank, and loading what an importer produced back
through the real bank loader."""

from __future__ import annotations

from pathlib import Path

from studyapp.bank.loader import load_file
from studyapp.bank.yamlwrite import dump_yaml
from studyapp.interop.common import AnyItem
from studyapp.interop.yaml_writer import bank_data
from studyapp.model import Bank

BANKS = Path(__file__).resolve().parent / "banks"
HOSTILE = BANKS / "interop_hostile.yaml"
MOODLE_GIFT = Path(__file__).resolve().parent.parent.parent / "shared/fixtures/moodle"
MOODLE_GIFT = MOODLE_GIFT / "questions.gift.txt"


def load_bank(path: Path) -> Bank:
    result = load_file(path)
    assert result.problems == ()
    return result.banks[0]


def hostile_bank() -> Bank:
    return load_bank(HOSTILE)


def items_to_bank(items: list[AnyItem], folder: Path, name: str = "back") -> Bank:
    """Write imported items as a YAML bank and load it with the real loader."""
    path = folder / f"{name}.yaml"
    path.write_text(dump_yaml(bank_data(items, name, name.title())), encoding="utf-8")
    return load_bank(path)

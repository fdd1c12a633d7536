"""Inputs that gave tracebacks: file names that are not UTF-8, a standard output that cannot be
written, and a window settings file edited by hand. Each now gets a message or a sane default.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studyapp.bank.loader import load_file

ARTICLE = (
    "Harbour story\n\n“We will rebuild the harbour wall,” said Cara Jensen, the mayor.\n\n"
    "“The money is not there,” said Bob Okafor, a councillor.\n"
)


def _run(*args: str | bytes, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output="stdout" not in kwargs,
        text=True,
        errors="replace",  # a name that is not UTF-8 is printed as the bytes it is
        timeout=120,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def _bytes_name(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


@pytest.mark.parametrize("inside", [False, True], ids=["article elsewhere", "beside the bank"])
def test_draft_of_an_article_whose_name_is_not_utf8(tmp_path: Path, inside: bool) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    article = _bytes_name(banks if inside else tmp_path, b"harbour-\xff\xfe.txt")
    article.write_text(ARTICLE, encoding="utf-8")
    bank = banks / "harbour.yaml"
    out = _run("draft", os.fsencode(article), "-o", str(bank))
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    copy = banks / "sources" / "harbour-\ufffd\ufffd.txt"
    assert copy.read_text("utf-8") == ARTICLE
    result = load_file(bank)
    assert not result.errors, result.errors
    assert result.banks[0].source.file == "sources/harbour-\ufffd\ufffd.txt"


def test_new_bank_whose_name_is_not_utf8(tmp_path: Path) -> None:
    bank = _bytes_name(tmp_path, b"caf\xe9.yaml")
    out = _run("new", os.fsencode(bank))
    assert out.returncode == 0, out.stderr
    result = load_file(bank)
    assert not result.errors, result.errors
    assert len(result.banks[0].questions) == 9


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["validate", "questions"],
        ["export", "questions/us-ukraine-security.yaml", "--to", "gift", "-o", "-"],
        ["progress"],
    ],
    ids=["schema", "validate", "export", "progress"],
)
def test_a_full_standard_output_is_a_message(tmp_path: Path, args: list[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "STUDYAPP_DATA_DIR": str(tmp_path / "data")}
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [sys.executable, "-m", "studyapp", *args],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
            cwd=root, env=env,
        )  # fmt: skip
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert "Exception ignored" not in out.stderr
    assert f"studyapp {args[0]}: the output could not be written: No space left" in out.stderr


@pytest.mark.parametrize(
    ("value", "step"),
    [("abc", 0), ("1e20", 8), ("1000", 8), ("-1e20", -4), ("nan", 0), ("inf", 0), ("2", 2)],
)
def test_a_hand_edited_zoom_opens_the_app(
    qtbot: QtBot, tmp_path: Path, value: str, step: int
) -> None:
    from studyapp import paths
    from studyapp.ui.settings.prefs import FILE_NAME
    from tests.reliability.gui_helpers import open_window

    where = paths.resolve(tmp_path / "data")
    where.config.mkdir(parents=True)
    (where.config / FILE_NAME).write_text(f"[General]\nzoom={value}\n", encoding="utf-8")
    banks = tmp_path / "banks"
    banks.mkdir()
    win = open_window(qtbot, tmp_path / "data", banks)
    assert win.zoom == step
    dialog = win.insight.settings()
    assert dialog.zoom.currentData() == step
    dialog.close()

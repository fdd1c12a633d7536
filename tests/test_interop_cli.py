"""`studyapp export` and `studyapp import` as a user runs them, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from interop_sample import HOSTILE, MOODLE_GIFT, load_bank

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env_path = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": env_path},
    )


@pytest.mark.parametrize(("fmt", "suffix"), [("gift", "gift"), ("moodle-xml", "xml")])
def test_export_then_import_gives_a_bank_the_loader_accepts(
    tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"bank.{suffix}"
    exported = _run("export", str(HOSTILE), "--to", fmt, "-o", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "order-events" in exported.stderr
    assert f"{HOSTILE}:" in exported.stderr  # warnings name the bank file and line
    imported = _run("import", str(out), "-o", str(tmp_path / "back.yaml"), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr
    back = load_bank(tmp_path / "back.yaml")
    assert back.id == "back"
    original = load_bank(HOSTILE)
    mc = original.question("mc-hostile")
    assert back.question("mc-hostile").choices == mc.choices
    text = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from")
    assert "\nquestions:\n- id: who-deal\n  type: multiple_choice\n  prompt: |-\n" in text


@pytest.mark.parametrize("fmt", ["aiken", "csv", "anki"])
def test_other_exports_write_their_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"bank.{fmt}"
    result = _run("export", str(HOSTILE), "--to", fmt, "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_import_never_overwrites_an_existing_bank(tmp_path: Path) -> None:
    gift = tmp_path / "q.gift"
    gift.write_text("::a::Kyiv is in Ukraine.{T}\n", encoding="utf-8")
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n", encoding="utf-8")
    refused = _run("import", str(gift), "-o", str(target), cwd=tmp_path)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == "precious\n"
    forced = _run("import", str(gift), "-o", str(target), "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert load_bank(target).questions[0].TYPE == "true_false"


def test_bad_input_is_a_message_with_file_and_line_not_a_traceback(tmp_path: Path) -> None:
    xml = tmp_path / "bad.xml"
    xml.write_text('<?xml version="1.0"?>\n<quiz>\n  <question>\n</quiz>\n', encoding="utf-8")
    result = _run("import", str(xml), "-o", str(tmp_path / "b.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{xml}:4: error: not well-formed XML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "b.yaml").exists()

    latin = tmp_path / "latin.gift"
    latin.write_bytes(b"::a::ok{T}\n\n::b::caf\xe9{F}\n")
    result = _run("import", str(latin), "-o", str(tmp_path / "c.yaml"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{latin}:3: error: not UTF-8 text" in result.stderr

    bank = tmp_path / "broken.yaml"
    bank.write_text("studyapp: 1\nid: x\n", encoding="utf-8")
    result = _run("export", str(bank), "--to", "gift", "-o", str(tmp_path / "x.gift"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{bank}:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not MOODLE_GIFT.exists(), reason="Moodle's GIFT fixture is not present")
def test_import_of_moodles_fixture_reports_what_it_cannot_carry(tmp_path: Path) -> None:
    result = _run("import", str(MOODLE_GIFT), "-o", str(tmp_path / "m.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{MOODLE_GIFT}:2:1: warning: an essay question" in result.stderr
    assert f"{MOODLE_GIFT}:31:1: warning: a numerical question" in result.stderr
    assert len(load_bank(tmp_path / "m.yaml").questions) == 7

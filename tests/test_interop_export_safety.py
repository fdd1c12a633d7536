"""`studyapp export -o`: never onto an input, never over a file without --force, never
replacing a device, pipe or link with a regular file; output bounded by its input; Anki markup
in bank text stays text."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _export(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _bank(folder: Path, questions: str = "") -> Path:
    (folder / "src.txt").write_text("Kyiv is in Ukraine, the article says.\n", encoding="utf-8")
    path = folder / "b.yaml"
    path.write_text(
        "studyapp: 1\nid: b\ntitle: B\nsource: {file: src.txt}\nquestions:\n"
        + (
            questions
            or "- id: t\n  type: true_false\n  statement: Kyiv is in Ukraine.\n  answer: true\n"
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("target", ["b.yaml", "src.txt"])
def test_export_never_writes_onto_its_inputs(tmp_path: Path, target: str) -> None:
    bank = _bank(tmp_path)
    before = (tmp_path / target).read_bytes()
    result = _export(str(bank), "--to", "csv", "-o", target, "--force", cwd=tmp_path)
    assert result.returncode == 1
    assert "which the export reads; not overwritten" in result.stderr
    assert (tmp_path / target).read_bytes() == before


def test_export_over_an_existing_file_needs_force(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    out = tmp_path / "out.csv"
    out.write_text("precious\n", encoding="utf-8")
    refused = _export(str(bank), "--to", "csv", "-o", str(out), cwd=tmp_path)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"
    forced = _export(str(bank), "--to", "csv", "-o", str(out), "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "Kyiv" in out.read_text(encoding="utf-8")


def test_export_follows_a_link_and_keeps_it(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    real = tmp_path / "real.gift"
    link = tmp_path / "link.gift"
    link.symlink_to(real)
    result = _export(str(bank), "--to", "gift", "-o", str(link), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert "Kyiv" in real.read_text(encoding="utf-8")


def test_export_writes_into_a_fifo_instead_of_replacing_it(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = _export(str(bank), "--to", "gift", "-o", str(fifo), cwd=tmp_path)
    finally:
        if reader.is_alive():  # the export failed before opening: let the reader go
            with open(fifo, "wb"):
                pass
        reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"Kyiv" in got[0]


def test_export_to_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _export(str(bank), "--to", "gift", "-o", str(fifo), cwd=tmp_path)
    assert result.returncode == 1
    assert "nothing reads from" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_to_a_device_writes_to_it(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    ok = _export(str(bank), "--to", "csv", "-o", "/dev/null", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if Path("/dev/full").exists():
        full = _export(str(bank), "--to", "csv", "-o", "/dev/full", cwd=tmp_path)
        assert full.returncode == 1
        assert "cannot write" in full.stderr
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    folder = _export(str(bank), "--to", "csv", "-o", str(tmp_path), cwd=tmp_path)
    assert folder.returncode == 1
    assert "a folder; not written over" in folder.stderr


def test_exports_take_the_users_umask(tmp_path: Path) -> None:
    bank = _bank(tmp_path)
    out = tmp_path / "out.gift"
    old = os.umask(0o022)
    try:
        result = _export(str(bank), "--to", "gift", "-o", str(out), cwd=tmp_path)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_alias_blow_up_is_refused_before_writing(tmp_path: Path) -> None:
    # One 100 kB text named 400 times: a 100 kB file that would write some 40 MB.
    long = "word " * 20_000
    questions = f"- id: q0\n  type: true_false\n  statement: &s {long}\n  answer: true\n"
    questions += "".join(
        f"- id: q{n}\n  type: true_false\n  statement: *s\n  answer: true\n" for n in range(1, 400)
    )
    bank = _bank(tmp_path, questions)
    for fmt in ("gift", "anki"):
        out = tmp_path / f"out.{fmt}"
        result = _export(str(bank), "--to", fmt, "-o", str(out), cwd=tmp_path)
        if result.returncode == 0:
            # The loader's own alias budget may let it through: then it is within the bound.
            size = bank.stat().st_size + (tmp_path / "src.txt").stat().st_size
            assert out.stat().st_size <= 32 * size + 1024 * 1024
        else:
            assert "32 times the files it is made from" in result.stderr or (
                "error" in result.stderr
            )
            assert not out.exists()


def test_anki_markup_in_bank_text_stays_text(tmp_path: Path) -> None:
    statement = (
        r"Play [sound:/etc/passwd] then [latex]\input{/etc/passwd}[/latex], [$]x[/$] "
        r"and \(x^2\) \[y\]"
    )
    bank = _bank(
        tmp_path,
        f"- id: t\n  type: true_false\n  statement: '{statement}'\n  answer: true\n",
    )
    out = tmp_path / "b.apkg"
    result = _export(str(bank), "--to", "anki", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        (fields,) = db.execute("select flds from notes").fetchone()
        (models,) = db.execute("select models from col").fetchone()
    finally:
        db.close()
    for mark in ("[sound:", "[latex]", "[/latex]", "[$]", "[/$]"):
        assert mark not in fields
    assert "&#91;sound:/etc/passwd&#93;" in fields
    assert models.count("mathjax_ignore tex2jax_ignore") >= 2  # the front and the back

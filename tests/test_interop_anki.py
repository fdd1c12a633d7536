"""Anki: a real .apkg with a note type per kind, stable ids, evidence on the back; imported
with Anki's own package when it is installed."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from interop_sample import hostile_bank

from studyapp.interop.anki import export_anki
from studyapp.model import QUESTION_TYPES

pytest.importorskip("genanki")


def _notes(apkg: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(apkg) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        return db.execute("select guid, flds, tags from notes order by guid").fetchall()
    finally:
        db.close()


def test_package_holds_one_note_per_question_with_stable_ids(tmp_path: Path) -> None:
    bank = hostile_bank()
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert export_anki(bank, first, 1_700_000_000.0) == len(bank.questions)
    export_anki(bank, second, 1_800_000_000.0)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    notes_a, notes_b = _notes(first, tmp_path / "a"), _notes(second, tmp_path / "b")
    assert len(notes_a) == len(bank.questions)
    # Exported again later, the same questions keep the same note ids: Anki updates them.
    assert [n[0] for n in notes_a] == [n[0] for n in notes_b]
    fields = {flds.split("\x1f")[0]: flds for _, flds, _ in notes_a}
    mc = next(f for k, f in fields.items() if k.startswith("A. Lincoln"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in mc
    assert "<b>bold</b>" not in mc


def test_anki_opens_the_package(tmp_path: Path) -> None:
    collection = pytest.importorskip("anki.collection")
    import_export = pytest.importorskip("anki.import_export_pb2")
    bank = hostile_bank()
    apkg = tmp_path / "bank.apkg"
    export_anki(bank, apkg, 1_700_000_000.0)

    col = collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = import_export.ImportAnkiPackageRequest(
            package_path=str(apkg), options=import_export.ImportAnkiPackageOptions()
        )
        col.import_anki_package(request)
        note_ids = col.find_notes("")
        assert len(note_ids) == len(bank.questions)
        names = {col.get_note(n).note_type()["name"] for n in note_ids}
        assert names == {f"studyapp: {kind.replace('_', ' ')}" for kind in QUESTION_TYPES}
        # One card per question, and one per blank for the cloze questions (1 + 2).
        assert col.card_count() == len(bank.questions) - 2 + 3
        notes = [col.get_note(n) for n in note_ids]
        who = next(n for n in notes if n.fields[0].startswith("Who said this?"))
        assert "Donald Trump" in who["Answer"]
        assert "a passage with" in who["Evidence"]
        assert "<blockquote>" in who["Evidence"]
        cloze = next(n for n in notes if "{{c2::" in n.fields[0])
        assert "{{c1::Kyiv}}" in cloze["Text"]
        assert any("hostile" in n.tags for n in notes)
        # The back of a card shows the evidence.
        card = col.get_card(col.find_cards(f"nid:{who.id}")[0])
        assert "a passage with" in card.answer()
    finally:
        col.close()

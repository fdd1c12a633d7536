"""Hostile and broken files, the source file and its evidence, and the cache of loaded banks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bank_helpers import replace_once, sample_folder

from studyapp.bank import cache as bank_cache
from studyapp.bank.loader import load_file, load_paths
from studyapp.bank.serialise import dump_bank
from studyapp.bank.yamlread import MAX_BYTES


def _only_error(path: Path) -> str:
    result = load_file(path)
    assert result.banks == ()
    assert result.errors, "expected an error"
    return str(result.errors[0])


def test_non_utf8_names_the_line_and_column_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"studyapp: 1\nid: t\ntitle: Caf\xe9\n")
    assert _only_error(path) == (
        f"{path}:3:11: error: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    )


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("studyapp: 1\n".encode("utf-16"))
    assert "UTF-16" in _only_error(path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    assert "the limit is 6 MB" in _only_error(path)


def test_an_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["studyapp: 1", "id: t", "title: T", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    lines += ["questions:", "  - id: q", "    type: ordering", "    prompt: P", "    items: *a8"]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = [p.message for p in load_file(path).errors]
    # The a0..a8 keys are unknown; the list of lists is refused without expanding 10**9 items.
    assert any("`items` should be text" in m or "too large" in m for m in messages)


def test_a_wide_alias_bomb_is_stopped_by_the_budget(tmp_path: Path) -> None:
    items = ", ".join(f"w{i}" for i in range(2000))
    text = "studyapp: 1\nid: t\ntitle: T\nquestions:\n"
    text += f"  - {{id: q0, type: ordering, prompt: P, items: &w [{items}]}}\n"
    text += "".join(
        f"  - {{id: q{i}, type: ordering, prompt: P, items: *w}}\n" for i in range(1, 3000)
    )
    path = tmp_path / "wide.yaml"
    path.write_text(text, encoding="utf-8")
    (error,) = load_file(path).errors
    assert "too large" in error.message


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(
        "studyapp: 1\nid: t\ntitle: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    assert "not valid YAML" in _only_error(path) or "should be text" in _only_error(path)


def test_empty_and_comment_only_files(tmp_path: Path) -> None:
    for text in ("", "# nothing yet\n"):
        path = tmp_path / "empty.yaml"
        path.write_text(text, encoding="utf-8")
        assert "the file is empty" in _only_error(path)


def test_evidence_missing_from_the_source_is_an_error_at_the_passage(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    text = replace_once(
        path.read_text(encoding="utf-8"),
        "signed it on Monday.",
        "signed it on Tuesday.",
    )
    path.write_text(text, encoding="utf-8")
    (error,) = load_file(path).errors
    assert (
        error.line
        == text.splitlines().index(
            "      - Freedonia, which opposed the treaty last year, signed it on Tuesday."
        )
        + 1
    )
    assert "evidence not found in the source file" in error.message


@pytest.mark.parametrize(
    "file",
    ["../outside.txt", "/etc/hostname", "sources/../../outside.txt", "link.txt"],
)
def test_a_source_outside_the_bank_folder_is_refused(tmp_path: Path, file: str) -> None:
    path = sample_folder(tmp_path)
    (tmp_path / "outside.txt").write_text("secret text", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", path.parent / "link.txt")
    text = replace_once(path.read_text(encoding="utf-8"), "sources/article.txt", file)
    path.write_text(text, encoding="utf-8")
    errors = load_file(path).errors
    line = text.splitlines().index(f"  file: {file}") + 1
    assert [
        (e.line, "outside the bank's folder" in e.message or "inside" in e.message) for e in errors
    ] == [(line, True)]


def test_a_missing_source_file_is_an_error(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    (path.parent / "sources" / "article.txt").unlink()
    assert "was not found beside the bank" in _only_error(path)


def test_a_bank_written_out_loads_back_equal(tmp_path: Path) -> None:
    original = load_file(sample_folder(tmp_path)).banks[0]
    copy = tmp_path / "banks" / "copy.yaml"
    copy.write_text(dump_bank(original), encoding="utf-8")
    result = load_file(copy)
    assert result.problems == ()
    (again,) = result.banks
    assert again.questions == original.questions
    assert dict(again.actors) == dict(original.actors)
    assert (again.id, again.title, again.source, again.tags) == (
        original.id,
        original.title,
        original.source,
        original.tags,
    )


def test_the_cache_gives_the_same_banks_and_rebuilds_a_corrupt_entry(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    fresh = load_file(path)
    first = load_file(path, cache_dir=cache)
    (entry,) = cache.glob("*" + bank_cache.SUFFIX)
    assert bank_cache.read_entry(entry)["key"]["size"] == path.stat().st_size
    second = load_file(path, cache_dir=cache)
    assert fresh == first == second
    assert [q.line for q in second.banks[0].questions] == [q.line for q in fresh.banks[0].questions]
    for garbage in (b"{not json", b'{"key": 1}', b"[]", b"", bank_cache.HEADER):
        entry.write_bytes(garbage)
        assert load_file(path, cache_dir=cache) == fresh
        assert bank_cache.read_entry(entry)["bank"]["id"] == "sample-bank"


def test_the_cache_notices_an_edited_bank_and_an_edited_source(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    assert load_file(path, cache_dir=cache).errors == ()
    source = path.parent / "sources" / "article.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Monday", "Friday"), "utf-8")
    assert any("evidence not found" in p.message for p in load_file(path, cache_dir=cache).errors)
    path.write_text(path.read_text(encoding="utf-8").replace("on Monday", "on Friday"), "utf-8")
    assert load_file(path, cache_dir=cache).errors == ()


def test_a_folder_of_hostile_files_never_raises(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    samples = {
        "binary.yaml": bytes(range(256)),
        "python.yaml": b"!!python/object/apply:os.system ['echo hi']\n",
        "control.yaml": b"studyapp: 1\nid: t\x07\n",
        "keys.yaml": b"? [a, b]\n: c\n",
        "anchors.yaml": b"&a [*a]\n",
        "nul.yml": b"\x00\x00",
    }
    for name, data in samples.items():
        (folder / name).write_bytes(data)
    result = load_paths([folder])
    assert result.banks == ()
    assert {Path(p.path).name for p in result.errors} == set(samples)

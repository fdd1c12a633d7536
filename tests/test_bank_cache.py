"""The parse cache: what a warm start costs, and entries that are damaged or not ours."""

from __future__ import annotations

import hashlib
import json
import marshal
import subprocess
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from bank_helpers import sample_folder
from benchmarks import _common as common
from conftest import REPO

from studyapp.bank import cache as bank_cache
from studyapp.bank import serialise
from studyapp.bank.loader import load_file
from studyapp.bank.problems import LoadResult
from studyapp.model import QUESTION_TYPES, Stance


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


def _cached(tmp_path: Path) -> tuple[Path, Path, LoadResult]:
    """A bank, its cache folder holding its one entry, and the bank loaded without a cache."""
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    load_file(path, cache_dir=cache)
    return path, cache, load_file(path)


def _entry(cache: Path) -> Path:
    (entry,) = cache.glob("*" + bank_cache.SUFFIX)
    return entry


def _sealed(payload: bytes, body: bytes = b"N") -> bytes:
    """An entry whose two parts' digests fit them, whatever they hold (b"N" is None)."""
    return (
        bank_cache.HEADER
        + len(payload).to_bytes(8, "big")
        + hashlib.sha256(payload).digest()
        + payload
        + hashlib.sha256(body).digest()
        + body
    )


def _split(shape: object) -> bytes:
    """`shape` sealed as encode_entry would: a dict's questions ("bank") in the second part."""
    if isinstance(shape, dict) and "bank" in shape:
        head = {k: v for k, v in shape.items() if k != "bank"}
        return _sealed(marshal.dumps(head), marshal.dumps(shape["bank"]))
    return _sealed(marshal.dumps(shape))


def _rebuilt(path: Path, cache: Path, fresh: LoadResult) -> bool:
    """Loading through the cache gives the fresh result and leaves a good entry behind."""
    again = load_file(path, cache_dir=cache)
    entry = bank_cache.read_entry(_entry(cache))
    return bool(again == fresh and entry is not None and entry["bank"]["id"] == "sample-bank")


def test_a_damaged_entry_is_never_decoded_and_is_rebuilt(tmp_path: Path) -> None:
    path, cache, fresh = _cached(tmp_path)
    entry = _entry(cache)
    good = entry.read_bytes()
    length = len(bank_cache.HEADER) + 8
    start = length + 32
    flipped = bytearray(good)
    flipped[start + len(good[start:]) // 2] ^= 0x40
    head_flipped = bytearray(good)
    head_flipped[start + 4] ^= 0x40
    damaged = {
        "truncated": good[:-1],
        "a flipped bit in the questions": bytes(flipped),
        "a flipped bit in the first part": bytes(head_flipped),
        "a wrong digest": good[:length] + bytes(32) + good[start:],
        "a length past the end": good[: len(bank_cache.HEADER)]
        + (2**40).to_bytes(8, "big")
        + good[length:],
        "only the header and digest": good[:start],
        "another Python or cache version": good.replace(
            b"studyapp bank cache", b"studyapp bank cachf"
        ),
    }
    for name, blob in damaged.items():
        assert bank_cache.decode_entry(blob) is None, name
        entry.write_bytes(blob)
        assert _rebuilt(path, cache, fresh), name


def test_a_sealed_entry_of_the_wrong_shape_is_rebuilt(tmp_path: Path) -> None:
    # A digest that fits shows the bytes are whole, not that they are ours: whatever they
    # decode to must still fit, or the bank is built again.
    path, cache, fresh = _cached(tmp_path)
    entry = _entry(cache)
    data = bank_cache.read_entry(entry)
    kinds = data["bank"]["questions"]["kinds"]
    short_column = (kinds[0][0], kinds[0][1][:-1], *kinds[0][2:])
    missing_column = kinds[0][:-1]
    unknown_kind = ("essay", *kinds[0][1:])
    shapes = [
        1,
        None,
        [],
        {"key": data["key"]},
        {**data, "bank": {**data["bank"], "questions": {"order": (0,), "kinds": ()}}},
        *(
            {**data, "bank": {**data["bank"], "questions": {"order": (0,), "kinds": (bad,)}}}
            for bad in (short_column, missing_column, unknown_kind)
        ),
    ]
    for shape in shapes:
        entry.write_bytes(_split(shape))
        assert _rebuilt(path, cache, fresh), shape


def test_code_in_an_entry_is_never_run(tmp_path: Path) -> None:
    path, cache, fresh = _cached(tmp_path)
    marker = tmp_path / "ran"
    code = compile(f"open({str(marker)!r}, 'w').close()", "<entry>", "exec")
    for payload in (
        code,
        {"key": code},
        (code,),
        {**bank_cache.read_entry(_entry(cache)), "bank": code},
    ):
        _entry(cache).write_bytes(_split(payload))
        assert _rebuilt(path, cache, fresh)
        assert not marker.exists()


def test_an_entry_from_an_older_version_is_replaced(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    cache = tmp_path / "cache"
    load_file(path, cache_dir=cache)
    old = _entry(cache).with_suffix(".json")
    old.write_text('{"key": {"cache": 3}}', encoding="utf-8")
    _entry(cache).unlink()
    assert load_file(path, cache_dir=cache) == load_file(path)
    assert not old.exists()
    assert bank_cache.read_entry(_entry(cache)) is not None


def test_the_entry_keeps_the_order_of_mixed_kinds_and_shares_repeated_text(
    tmp_path: Path,
) -> None:
    path = common.write_bank(tmp_path, 60)  # the kinds take turns: q0 attribution, q1 ...
    cache = tmp_path / "cache"
    (fresh,) = load_file(path).banks
    load_file(path, cache_dir=cache)
    (bank,) = load_file(path, cache_dir=cache).banks
    assert bank == fresh
    assert [q.id for q in bank.questions] == [f"q{i}" for i in range(60)]
    assert [q.line for q in bank.questions] == [q.line for q in fresh.questions]
    assert len({q.TYPE for q in bank.questions[:9]}) == 9
    # Every question carries the tag `generated`: read back, it is one string, not sixty.
    assert len({id(q.tags[0]) for q in bank.questions}) == 1
    assert len({id(q.tags[0]) for q in fresh.questions}) > 1


def test_every_kind_read_from_the_cache_is_what_its_constructor_makes(tmp_path: Path) -> None:
    # The cache fills slots without calling __init__; that is sound only while the constructors
    # store their fields and check nothing. Each cached question is compared with the one its
    # constructor makes from the same fields, and no kind may carry a rule the cache would skip.
    path = common.write_bank(tmp_path, 40)
    cache = tmp_path / "cache"
    load_file(path, cache_dir=cache)
    (bank,) = load_file(path, cache_dir=cache).banks
    assert {q.TYPE for q in bank.questions} == set(QUESTION_TYPES)
    for question in bank.questions:
        cls = type(question)
        rebuilt = cls(**{f.name: getattr(question, f.name) for f in fields(cls)})
        assert rebuilt == question
        assert not hasattr(cls, "__post_init__"), cls.__name__
    for cls in (*QUESTION_TYPES.values(), Stance):
        assert not hasattr(cls, "__post_init__"), cls.__name__


def test_a_rule_in_a_constructor_holds_for_what_the_cache_builds() -> None:
    seen: list[str] = []

    @dataclass(frozen=True, slots=True)
    class Ruled:
        name: str

        def __post_init__(self) -> None:
            seen.append(self.name)

    setters = (serialise._slot_setter(Ruled, "name"),)
    made = serialise._filled(Ruled, setters, [("a", "b")], 2)
    assert made == [Ruled("a"), Ruled("b")]
    assert seen == ["a", "b", "a", "b"]  # twice each: once from the cache, once above

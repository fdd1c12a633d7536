"""Remembering loaded banks between runs, so that reopening an unchanged bank skips YAML.

One entry file per bank file, named after a hash of its absolute path. An entry counts only
when the bank file has the same path, size, mtime and content hash, and the source file its
evidence was checked against is unchanged. An entry that cannot be read or does not fit is
ignored and written again.

The entry holds plain data only (dicts, tuples, strings, numbers) written with `marshal`: it
reads two to three times faster than the same data as JSON and gives tuples back as tuples, so
the questions' fields need no copying. Never pickle: reading a cache must never run code, and
marshal only makes values (it can make a code object but never calls anything). Marshal is not
built to survive damaged input, so the entry carries a SHA-256 of its payload, checked before
the payload is decoded, and a header naming the cache version and the Python that wrote it
(marshal's format may change between Python versions).

What the digest proves, and what it does not: it is unkeyed, so it shows that the payload is
whole and unchanged since someone wrote it beside its digest (no truncated write, no flipped
bit), not that studyapp wrote it. Anyone who can write the cache folder can write an entry
whose digest fits. That is accepted because the same person can already edit the banks and the
progress file in the same user's folders, and what such an entry can do is limited: marshal
makes no objects but values, and a value of the wrong shape fails in bank_from_data and the
bank is read from its YAML again (tests/test_bank_cache.py).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from studyapp import __version__
from studyapp.bank.built import Built, SourceFile
from studyapp.bank.collector import collector_paused
from studyapp.bank.problems import Problem, Severity
from studyapp.bank.serialise import bank_from_data, bank_to_data
from studyapp.files import write_atomically

CACHE_VERSION = 5  # 5: a stance is cached with its evidence and cue
SUFFIX = ".entry"
HEADER = (
    f"studyapp bank cache {CACHE_VERSION}; marshal {marshal.version}; "
    f"{sys.implementation.cache_tag}\n"
).encode("ascii")
_DIGEST = hashlib.sha256().digest_size


def _entry(cache_dir: Path, resolved: str) -> Path:
    digest = hashlib.blake2b(resolved.encode("utf-8"), digest_size=16).hexdigest()
    return cache_dir / f"{digest}{SUFFIX}"


def _key(resolved: str, stat: os.stat_result, data: bytes) -> dict[str, Any]:
    return {
        "cache": CACHE_VERSION,
        "studyapp": __version__,
        "path": resolved,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _source_unchanged(source: tuple[Any, ...] | None) -> bool:
    if source is None:
        return True
    path, size, mtime_ns = source
    try:
        stat = os.stat(path)
    except OSError:
        return bool(size == -1)
    return bool(stat.st_size == size and stat.st_mtime_ns == mtime_ns)


def encode_entry(entry: dict[str, Any]) -> bytes:
    """An entry's bytes: the header, the payload's digest, the payload."""
    payload = marshal.dumps(_shared(entry, {}), marshal.version)
    return HEADER + hashlib.sha256(payload).digest() + payload


def decode_entry(blob: bytes) -> Any:
    """The data an entry holds, or None when it was damaged or written by another version."""
    start = len(HEADER) + _DIGEST
    if len(blob) < start or not blob.startswith(HEADER):
        return None
    payload = memoryview(blob)[start:]
    if hashlib.sha256(payload).digest() != blob[len(HEADER) : start]:
        return None
    try:
        # Undamaged bytes (the digest), read by marshal, which makes values and runs nothing.
        return marshal.loads(payload)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None


def read_entry(file: Path) -> Any:
    """The data held by one entry file, or None when it is missing or cannot be used."""
    try:
        with open(file, "rb") as f:
            return decode_entry(f.read())
    except OSError:
        return None


def _shared(value: Any, memo: dict[str, str]) -> Any:
    # Equal strings become one object, which marshal then writes once and refers back to: tags,
    # speakers and answers repeat across questions, and each repeat is then read as a reference
    # instead of a new string (a smaller file that reads faster and takes less memory).
    if isinstance(value, str):
        return memo.setdefault(value, value)
    if isinstance(value, tuple | list):
        return tuple(_shared(v, memo) for v in value)
    if isinstance(value, dict):
        return {_shared(k, memo): _shared(v, memo) for k, v in value.items()}
    return value


def lookup(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes) -> Built | None:
    with collector_paused():
        return _lookup(cache_dir, path, stat, data)


def _lookup(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes) -> Built | None:
    try:
        resolved = str(path.resolve())
        entry = read_entry(_entry(cache_dir, resolved))
        if entry is None:
            return None
        if entry["key"] != _key(resolved, stat, data) or not _source_unchanged(entry["source"]):
            return None
        name = str(path)
        problems = [
            Problem(name, line, col, msg, Severity(sev))
            for line, col, msg, sev in entry["problems"]
        ]
        bank = bank_from_data(entry["bank"], name) if entry["bank"] is not None else None
        source = SourceFile(*entry["source"]) if entry["source"] is not None else None
        return Built(bank, problems, int(entry["id_line"]), source)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # damaged, foreign or from another version: rebuilt by the caller


def store(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes, built: Built) -> None:
    try:
        resolved = str(path.resolve())
        entry = {
            "key": _key(resolved, stat, data),
            "source": (
                (built.source.path, built.source.size, built.source.mtime_ns)
                if built.source is not None
                else None
            ),
            "id_line": built.id_line,
            "problems": tuple(
                (p.line, p.column, p.message, str(p.severity)) for p in built.problems
            ),
            "bank": bank_to_data(built.bank, columns=True) if built.bank is not None else None,
        }
        blob = encode_entry(entry)
        target = _entry(cache_dir, resolved)
        write_atomically(target, blob)
        # The JSON entry an older version kept for this file would never be read again.
        target.with_suffix(".json").unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time

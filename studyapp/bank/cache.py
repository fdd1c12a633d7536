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
from studyapp.bank.built import Built, Listed, SourceFile
from studyapp.bank.collector import collector_paused
from studyapp.bank.info import info_from_data, info_of, info_to_data
from studyapp.bank.problems import Problem, Severity
from studyapp.bank.serialise import bank_from_data, bank_to_data
from studyapp.files import write_atomically

# 5: a stance is cached with its evidence and cue; 6: the bank's info (info.py) is sealed apart
# from its questions, and the key holds the file's ctime as well; 7: story, source date;
# 8: the info holds each question's tags and speaker, for the statistics page; 9: the info
# counts the bank's positions and names its story, for the positions timeline
CACHE_VERSION = 9
SUFFIX = ".entry"
HEADER = (
    f"studyapp bank cache {CACHE_VERSION}; marshal {marshal.version}; "
    f"{sys.implementation.cache_tag}\n"
).encode("ascii")
_DIGEST = hashlib.sha256().digest_size
_LENGTH = 8  # the byte count of the first part, big-endian
# A first part longer than this is damage, not a bank: 100,000 questions take about 6 MB.
_MAX_HEAD = 256 * 1024 * 1024


def _entry(cache_dir: Path, resolved: str) -> Path:
    digest = hashlib.blake2b(resolved.encode("utf-8"), digest_size=16).hexdigest()
    return cache_dir / f"{digest}{SUFFIX}"


def _key(resolved: str, stat: os.stat_result, data: bytes | None) -> dict[str, Any]:
    """What an entry must match; without `data`, all but the content hash.

    Listing a bank checks the file's size, mtime and ctime (a write that forges the mtime back
    still moves the ctime); the hash, which means reading the whole file, is checked when the
    bank is opened.
    """
    key: dict[str, Any] = {
        "cache": CACHE_VERSION,
        "studyapp": __version__,
        "path": resolved,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "ctime_ns": stat.st_ctime_ns,
    }
    if data is not None:
        key["sha256"] = hashlib.sha256(data).hexdigest()
    return key


def _source_unchanged(source: tuple[Any, ...] | None) -> bool:
    if source is None:
        return True
    path, size, mtime_ns = source
    try:
        stat = os.stat(path)
    except OSError:
        return bool(size == -1)
    return bool(stat.st_size == size and stat.st_mtime_ns == mtime_ns)


def _sealed(value: Any) -> bytes:
    payload = marshal.dumps(_shared(value, {}), marshal.version)
    return hashlib.sha256(payload).digest() + payload


def encode_entry(entry: dict[str, Any]) -> bytes:
    """An entry's bytes: the header, then two parts each behind the SHA-256 of its payload.

    The first part is everything but the bank's questions (its key, problems and info), and
    its length comes first, so that listing a bank reads and checks only that part.
    """
    head = _sealed({k: v for k, v in entry.items() if k != "bank"})
    body = _sealed(entry.get("bank"))
    return HEADER + (len(head) - _DIGEST).to_bytes(_LENGTH, "big") + head + body


def _unsealed(part: memoryview) -> Any:
    """The value of one sealed part; raises ValueError when it is damaged."""
    if len(part) < _DIGEST or hashlib.sha256(part[_DIGEST:]).digest() != part[:_DIGEST]:
        raise ValueError("damaged cache entry")
    try:
        # Undamaged bytes (the digest; see the module's note on what it proves), read by
        # marshal, which makes values and runs nothing.
        return marshal.loads(part[_DIGEST:])  # noqa: S302
    except (EOFError, TypeError) as exc:
        raise ValueError("damaged cache entry") from exc


def _head_length(blob: bytes) -> int:
    if len(blob) < len(HEADER) + _LENGTH or not blob.startswith(HEADER):
        raise ValueError("not an entry of this version")
    length = int.from_bytes(blob[len(HEADER) : len(HEADER) + _LENGTH], "big")
    if length > _MAX_HEAD:
        raise ValueError("damaged cache entry")
    return length


def decode_entry(blob: bytes) -> Any:
    """The data an entry holds, or None when it was damaged or written by another version."""
    try:
        start = len(HEADER) + _LENGTH
        split = start + _DIGEST + _head_length(blob)
        view = memoryview(blob)
        head = _unsealed(view[start:split])
        body = _unsealed(view[split:])
    except ValueError:
        return None
    return {**head, "bank": body} if isinstance(head, dict) else head


def read_entry(file: Path) -> Any:
    """The data held by one entry file, or None when it is missing or cannot be used."""
    try:
        with open(file, "rb") as f:
            return decode_entry(f.read())
    except OSError:
        return None


def read_head(file: Path) -> Any:
    """The first part of one entry file (all but the questions), or None when unusable.

    Only that part is read from the disk: listing a 10,000-question bank reads about a tenth
    of its entry.
    """
    try:
        with open(file, "rb") as f:
            start = f.read(len(HEADER) + _LENGTH)
            length = _head_length(start)
            return _unsealed(memoryview(f.read(_DIGEST + length)))
    except (OSError, ValueError):
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
    with collector_paused(keep=True):
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


def lookup_listed(cache_dir: Path, path: Path, stat: os.stat_result) -> Listed | None:
    """The bank's info and problems as its entry holds them, reading neither the bank file
    nor the questions; None when there is no entry that fits (see _key for what is checked)."""
    try:
        resolved = str(path.resolve())
        head = read_head(_entry(cache_dir, resolved))
        if head is None:
            return None
        key = dict(head["key"])
        key.pop("sha256")
        if key != _key(resolved, stat, None) or not _source_unchanged(head["source"]):
            return None
        name = str(path)
        problems = tuple(
            Problem(name, line, col, msg, Severity(sev)) for line, col, msg, sev in head["problems"]
        )
        info = info_from_data(head["info"], name) if head["info"] is not None else None
        return Listed(name, info, problems, int(head["id_line"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # damaged, foreign or from another version: rebuilt by the caller


def store(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes, built: Built) -> bool:
    """Write the entry for one loaded file; False when it could not be written."""
    try:
        resolved = str(path.resolve())
        if built.bank is not None and built.info is None:
            built.info = info_of(built.bank)
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
            "info": info_to_data(built.info) if built.info is not None else None,
            "bank": bank_to_data(built.bank, columns=True) if built.bank is not None else None,
        }
        blob = encode_entry(entry)
        target = _entry(cache_dir, resolved)
        write_atomically(target, blob)
        # The JSON entry an older version kept for this file would never be read again.
        target.with_suffix(".json").unlink(missing_ok=True)
        return True
    except (OSError, ValueError):
        return False  # a cache that cannot be written only costs time

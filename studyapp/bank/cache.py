"""Remembering loaded banks between runs, so that reopening an unchanged bank skips YAML.

One JSON file per bank file, named after a hash of its absolute path. An entry counts only when
the bank file has the same size, mtime and content hash, and the source file its evidence was
checked against is unchanged. JSON rather than pickle: reading a cache must never run code. An
entry that cannot be read or does not fit is ignored and written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from studyapp import __version__
from studyapp.bank.built import Built, SourceFile
from studyapp.bank.collector import collector_paused
from studyapp.bank.problems import Problem
from studyapp.bank.serialise import bank_from_data, bank_to_data

CACHE_VERSION = 3


def _entry(cache_dir: Path, path: Path) -> Path:
    digest = hashlib.blake2b(str(path.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return cache_dir / f"{digest}.json"


def _key(path: Path, stat: os.stat_result, data: bytes) -> dict[str, Any]:
    return {
        "cache": CACHE_VERSION,
        "studyapp": __version__,
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _source_unchanged(source: list[Any] | None) -> bool:
    if source is None:
        return True
    path, size, mtime_ns = source
    try:
        stat = os.stat(path)
    except OSError:
        return bool(size == -1)
    return bool(stat.st_size == size and stat.st_mtime_ns == mtime_ns)


def lookup(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes) -> Built | None:
    with collector_paused():
        return _lookup(cache_dir, path, stat, data)


def _lookup(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes) -> Built | None:
    try:
        with open(_entry(cache_dir, path), "rb") as f:
            entry = json.load(f)
        if entry["key"] != _key(path, stat, data) or not _source_unchanged(entry["source"]):
            return None
        name = str(path)
        problems = [Problem(name, line, col, msg, sev) for line, col, msg, sev in entry["problems"]]
        bank = bank_from_data(entry["bank"], name) if entry["bank"] is not None else None
        source = SourceFile(*entry["source"]) if entry["source"] is not None else None
        return Built(bank, problems, int(entry["id_line"]), source)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, corrupt or from another version: rebuilt by the caller


def store(cache_dir: Path, path: Path, stat: os.stat_result, data: bytes, built: Built) -> None:
    entry = {
        "key": _key(path, stat, data),
        "source": (
            [built.source.path, built.source.size, built.source.mtime_ns]
            if built.source is not None
            else None
        ),
        "id_line": built.id_line,
        "problems": [[p.line, p.column, p.message, p.severity] for p in built.problems],
        "bank": bank_to_data(built.bank, rows=True) if built.bank is not None else None,
    }
    target = _entry(cache_dir, path)
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(entry, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)
        tmp = None
    except OSError:
        pass  # a cache that cannot be written only costs time
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

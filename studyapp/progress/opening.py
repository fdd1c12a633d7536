"""Opening the progress file: checking it is ours, migrating it, or moving it aside.

A file that is not a SQLite database, belongs to another program, was written by a newer
studyapp, or is damaged is never overwritten: it is renamed `<name>.corrupt-<timestamp>` (its
journal files with it) and the caller starts afresh and tells the learner.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studyapp.progress import schema

Clock = Callable[[], datetime]

BUSY_TIMEOUT_MS = 5000
# PRAGMA quick_check reads every page: about 2 ms per MB here (290 ms for 145 MB, 2 s for 1 GB).
# Up to this size it runs at open, before anything is written; a larger file is checked after
# start-up instead (Store.check), and a damage found then is remembered beside the file (DAMAGED),
# so that the next open checks it in full and moves it aside.
QUICK_CHECK_BYTES = 32 * 1024 * 1024
DAMAGED = ".damaged"
_SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's result codes for a damaged file and for something that is not a database at all.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """The store cannot be used (locked by another program, no permission...); says why."""


class Unusable(Exception):
    """The file at the store's path is not a usable studyapp database."""


def connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: every transaction is an explicit BEGIN ... COMMIT below.
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already done so.

    After some failures (a full disk, an I/O error) SQLite rolls back by itself; a second
    ROLLBACK would then raise and hide the error that says what went wrong.
    """
    if db.in_transaction:
        db.execute("ROLLBACK")


# Extended result codes reduced to their primary code, in words a learner can act on.
_SAVE_FAILURES = {
    5: "another program (a second StudyApp?) kept the progress file busy",
    8: "the progress file cannot be written (a read-only file or folder)",
    10: "the disk could not be written",
    13: "the disk is full",
}


def save_failed(path: Path, error: sqlite3.Error | OSError) -> StoreError:
    """The error to raise when a write did not reach the disk; nothing of it was kept."""
    code = getattr(error, "sqlite_errorcode", None)
    why = _SAVE_FAILURES.get(code & 0xFF if code is not None else -1, str(error))
    return StoreError(f"{path}: could not save: {why} ({error}); earlier answers are safe")


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _check(path: Path) -> None:
    """Raise _Unusable when the file at `path` is something other than a studyapp store."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise Unusable("it is not a SQLite database")


def _backup(db: sqlite3.Connection, path: Path, version: int, moment: datetime) -> Path:
    target = free_name(path, f".v{version}-backup-{moment.strftime('%Y%m%dT%H%M%SZ')}")
    copy_to(db, target)
    return target


def copy_to(db: sqlite3.Connection, target: Path) -> None:
    """A whole copy of the database at `target`, or none: a copy cut short (a full disk) is
    removed, so that failed tries leave no empty or partial backups behind."""
    try:
        copy = sqlite3.connect(target)
        try:
            db.backup(copy)
        finally:
            copy.close()
    except BaseException:
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise


def free_name(path: Path, suffix: str) -> Path:
    candidate = path.with_name(path.name + suffix)
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}{suffix}-{n}")
    return candidate


def check_now(path: Path) -> bool:
    """Whether open_checked runs quick_check itself (a small file, or one found damaged)."""
    try:
        return path.stat().st_size <= QUICK_CHECK_BYTES or damage_marker(path).exists()
    except OSError:
        return True


def damage_marker(path: Path) -> Path:
    return path.with_name(path.name + DAMAGED)


def quick_check(path: Path) -> bool:
    """Whether the file passes quick_check, read through a connection of its own (read-only),
    so that it may run in another thread while the store is in use."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        return bool(db.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        db.close()


def open_checked(path: Path, clock: Clock) -> tuple[sqlite3.Connection, Path | None]:
    """Open and bring up to date the store at `path`; the backup made, if any."""
    _check(path)
    checking = check_now(path)
    db = connect(path)
    backup: Path | None = None
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id != 0 or version != 0 or tables:
                raise Unusable("it is a database of another program")
        if version > schema.VERSION:
            raise Unusable(f"it was written by a newer studyapp (format {version})")
        # A damaged page would otherwise surface later, in the middle of a session.
        if checking and version and db.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise Unusable("it is damaged")
        if checking:
            damage_marker(path).unlink(missing_ok=True)
        # Only now that the file is known to be ours may anything be written to it.
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise StoreError(f"{path}: cannot use write-ahead logging on this file system")
        db.execute("PRAGMA synchronous = FULL")
        if version < schema.VERSION:
            if version > 0:
                backup = _backup(db, path, version, clock())
            db.execute("BEGIN IMMEDIATE")
            for migrate in schema.MIGRATIONS[version:]:
                migrate(db)
            db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {schema.VERSION}")
            db.execute("COMMIT")
        else:
            db.execute("SELECT count(*) FROM profiles").fetchone()
    except sqlite3.DatabaseError as error:
        db.close()
        if _is_damage(error):
            raise Unusable("it is damaged") from error
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: {error} (its folder cannot be written to)") from error
        raise StoreError(f"{path}: {error}") from error
    except BaseException:
        db.close()
        raise
    return db, backup


def move_aside(path: Path, moment: datetime) -> Path:
    aside = free_name(path, f".corrupt-{moment.strftime('%Y%m%dT%H%M%SZ')}")
    # The journal files belong to the damaged file; keep them beside it, out of the new one's way.
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.rename(aside.with_name(aside.name + extra))
    path.rename(aside)
    damage_marker(path).unlink(missing_ok=True)
    return aside

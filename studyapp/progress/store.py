"""The learner's progress on disk: one SQLite file, crash-safe, versioned, several profiles.

Every answer is one transaction (review row plus card state) committed with
`synchronous=FULL` before `record` returns, so a crash, a kill or a power cut loses no answer
whose feedback the learner saw. A file that is not ours, or not readable, is moved aside under
a timestamped name and a fresh store started; `Store.notice` then says what happened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from studyapp.progress import schema
from studyapp.scheduler import DEFAULT_QUICK_SECONDS, DEFAULT_RETENTION, CardState

Clock = Callable[[], datetime]

BUSY_TIMEOUT_MS = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's result codes for a damaged file and for something that is not a database at all.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """The store cannot be used (locked by another program, no permission...); says why."""


class _Unusable(Exception):
    """The file at the store's path is not a usable studyapp database."""


def timestamp(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _plain(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot store a response of type {type(value).__name__}")


def encode_response(response: object) -> str:
    return json.dumps(response, default=_plain, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    desired_retention: float = DEFAULT_RETENTION
    daily_new_limit: int = 20
    quick_seconds: float = DEFAULT_QUICK_SECONDS


@dataclass(frozen=True, slots=True)
class CardRecord:
    bank: str
    question: str
    content_hash: str
    state: CardState
    first_at: datetime
    last_at: datetime
    last_verdict: str

    @property
    def due(self) -> datetime:
        return self.state.due


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    profile: str
    bank: str
    question: str
    content_hash: str
    at: datetime
    response: object
    verdict: str
    score: float
    duration_ms: int | None
    mode: str
    rating: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "profile": self.profile,
            "bank": self.bank,
            "question": self.question,
            "content_hash": self.content_hash,
            "at": timestamp(self.at),
            "response": self.response,
            "verdict": self.verdict,
            "score": self.score,
            "duration_ms": self.duration_ms,
            "mode": self.mode,
            "rating": self.rating,
        }


_REVIEW_COLUMNS = (
    "id, profile, bank, question, content_hash, at, response, verdict, score, duration_ms, "
    "mode, rating"
)


def _review_row(row: sqlite3.Row | tuple[Any, ...]) -> ReviewRow:
    return ReviewRow(
        id=row[0],
        profile=row[1],
        bank=row[2],
        question=row[3],
        content_hash=row[4],
        at=parse_time(row[5]),
        response=json.loads(row[6]),
        verdict=row[7],
        score=row[8],
        duration_ms=row[9],
        mode=row[10],
        rating=row[11],
    )


def _card_record(row: tuple[Any, ...]) -> CardRecord:
    bank, question, content_hash, state, first_at, last_at, verdict = row
    return CardRecord(
        bank=bank,
        question=question,
        content_hash=content_hash,
        state=CardState.from_dict(json.loads(state)),
        first_at=parse_time(first_at),
        last_at=parse_time(last_at),
        last_verdict=verdict,
    )


_CARD_COLUMNS = "bank, question, content_hash, state, first_at, last_at, last_verdict"


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: every transaction is an explicit BEGIN ... COMMIT below.
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _check(path: Path) -> None:
    """Raise _Unusable when the file at `path` is something other than a studyapp store."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise _Unusable("it is not a SQLite database")


def _backup(db: sqlite3.Connection, path: Path, version: int, moment: datetime) -> Path:
    target = _free_name(path, f".v{version}-backup-{moment.strftime('%Y%m%dT%H%M%SZ')}")
    copy = sqlite3.connect(target)
    try:
        db.backup(copy)
    finally:
        copy.close()
    return target


def _free_name(path: Path, suffix: str) -> Path:
    candidate = path.with_name(path.name + suffix)
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}{suffix}-{n}")
    return candidate


def _open_checked(path: Path, clock: Clock) -> tuple[sqlite3.Connection, Path | None]:
    """Open and bring up to date the store at `path`; the backup made, if any."""
    _check(path)
    db = _connect(path)
    backup: Path | None = None
    try:
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise StoreError(f"{path}: cannot use write-ahead logging on this file system")
        db.execute("PRAGMA synchronous = FULL")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id != 0 or version != 0 or tables:
                raise _Unusable("it is a database of another program")
        if version > schema.VERSION:
            raise _Unusable(f"it was written by a newer studyapp (format {version})")
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
            raise _Unusable("it is damaged") from error
        raise StoreError(f"{path}: {error}") from error
    except BaseException:
        db.close()
        raise
    return db, backup


def _move_aside(path: Path, moment: datetime) -> Path:
    aside = _free_name(path, f".corrupt-{moment.strftime('%Y%m%dT%H%M%SZ')}")
    # The journal files belong to the damaged file; keep them beside it, out of the new one's way.
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.rename(aside.with_name(aside.name + extra))
    path.rename(aside)
    return aside


class Store:
    def __init__(
        self, db: sqlite3.Connection, path: Path, clock: Clock, notice: str | None = None
    ) -> None:
        self._db = db
        self.path = path
        self.clock = clock
        self.notice = notice

    @classmethod
    def open(cls, path: str | Path, clock: Clock) -> Store:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path.parent}: cannot create the data folder: {error}") from error
        notice = None
        try:
            db, backup = _open_checked(path, clock)
        except _Unusable as why:
            aside = _move_aside(path, clock())
            db, backup = _open_checked(path, clock)
            notice = (
                f"The progress file {path} could not be used ({why}). It was kept as "
                f"{aside.name} and a new, empty progress file was started."
            )
        if backup is not None:
            notice = f"Progress was updated to a newer format; the old file was kept as {backup}."
        return cls(db, path, clock, notice)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """For read-only queries (statistics); writes go through the methods below."""
        return self._db

    # Profiles

    def profile(self, name: str) -> Profile:
        """The profile's settings; a profile named for the first time is created."""
        row = self._db.execute(
            "SELECT name, desired_retention, daily_new_limit FROM profiles WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            self._db.execute(
                "INSERT OR IGNORE INTO profiles (name, created) VALUES (?, ?)",
                (name, timestamp(self.clock())),
            )
            return Profile(name)
        return Profile(row[0], row[1], row[2])

    def profiles(self) -> list[str]:
        names = {r[0] for r in self._db.execute("SELECT name FROM profiles")}
        names.update(r[0] for r in self._db.execute("SELECT DISTINCT profile FROM cards"))
        return sorted(names)

    def update_profile(self, name: str, **settings: Any) -> Profile:
        allowed = {"desired_retention", "daily_new_limit"}
        unknown = set(settings) - allowed
        if unknown:
            raise ValueError(f"unknown profile settings: {', '.join(sorted(unknown))}")
        self.profile(name)
        for key, value in settings.items():
            self._db.execute(f"UPDATE profiles SET {key} = ? WHERE name = ?", (value, name))  # noqa: S608
        return self.profile(name)

    # Cards and the log

    def card(self, profile: str, bank: str, question: str) -> CardRecord | None:
        row = self._db.execute(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE profile = ? AND bank = ? AND question = ?",  # noqa: S608
            (profile, bank, question),
        ).fetchone()
        return None if row is None else _card_record(row)

    def cards(self, profile: str, bank: str | None = None) -> dict[tuple[str, str], CardRecord]:
        if bank is None:
            rows = self._db.execute(
                f"SELECT {_CARD_COLUMNS} FROM cards WHERE profile = ?",  # noqa: S608
                (profile,),
            )
        else:
            rows = self._db.execute(
                f"SELECT {_CARD_COLUMNS} FROM cards WHERE profile = ? AND bank = ?",  # noqa: S608
                (profile, bank),
            )
        return {(r[0], r[1]): _card_record(r) for r in rows}

    def new_since(self, profile: str, since: datetime) -> int:
        """How many questions the profile answered for the first time at or after `since`."""
        return int(
            self._db.execute(
                "SELECT count(*) FROM cards WHERE profile = ? AND first_at >= ?",
                (profile, timestamp(since)),
            ).fetchone()[0]
        )

    def record(
        self,
        *,
        profile: str,
        bank: str,
        question: str,
        content_hash: str,
        response: object,
        verdict: str,
        score: float,
        duration_ms: int | None,
        mode: str,
        rating: int,
        state: CardState,
        at: datetime | None = None,
    ) -> int:
        """Log one answer and store the card state it led to; durable when this returns."""
        moment = timestamp(at if at is not None else self.clock())
        state_json = json.dumps(state.to_dict(), sort_keys=True)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            cursor = db.execute(
                "INSERT INTO reviews (profile, bank, question, content_hash, at, response, "
                "verdict, score, duration_ms, mode, rating, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile,
                    bank,
                    question,
                    content_hash,
                    moment,
                    encode_response(response),
                    verdict,
                    float(score),
                    duration_ms,
                    mode,
                    int(rating),
                    state_json,
                ),
            )
            db.execute(
                "INSERT INTO cards (profile, bank, question, content_hash, state, due, "
                "first_at, last_at, last_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (profile, bank, question) DO UPDATE SET "
                "content_hash = excluded.content_hash, state = excluded.state, "
                "due = excluded.due, last_at = excluded.last_at, "
                "last_verdict = excluded.last_verdict",
                (
                    profile,
                    bank,
                    question,
                    content_hash,
                    state_json,
                    timestamp(state.due),
                    moment,
                    moment,
                    verdict,
                ),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        review_id: int = cursor.lastrowid  # type: ignore[assignment]
        return review_id

    def undo(self, review_id: int) -> bool:
        """Take an answer out of the log and put its card back as it was; False if not there."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute(
                "SELECT profile, bank, question FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                db.execute("ROLLBACK")
                return False
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            self._restore_card(*row)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def _restore_card(self, profile: str, bank: str, question: str) -> None:
        """Make the card match the latest answer left in the log (or vanish without one)."""
        key = (profile, bank, question)
        latest = self._db.execute(
            "SELECT content_hash, state, at, verdict FROM reviews "
            "WHERE profile = ? AND bank = ? AND question = ? ORDER BY id DESC LIMIT 1",
            key,
        ).fetchone()
        if latest is None:
            self._db.execute(
                "DELETE FROM cards WHERE profile = ? AND bank = ? AND question = ?", key
            )
            return
        content_hash, state_json, at, verdict = latest
        state = CardState.from_dict(json.loads(state_json))
        self._db.execute(
            "UPDATE cards SET content_hash = ?, state = ?, due = ?, last_at = ?, "
            "last_verdict = ? WHERE profile = ? AND bank = ? AND question = ?",
            (content_hash, state_json, timestamp(state.due), at, verdict, *key),
        )

    def reviews(self, profile: str | None = None) -> Iterator[ReviewRow]:
        """The log in the order answers were given."""
        if profile is None:
            rows = self._db.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews ORDER BY id")  # noqa: S608
        else:
            rows = self._db.execute(
                f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE profile = ? ORDER BY id",  # noqa: S608
                (profile,),
            )
        for row in rows:
            yield _review_row(row)

    def review_count(self, profile: str | None = None) -> int:
        if profile is None:
            return int(self._db.execute("SELECT count(*) FROM reviews").fetchone()[0])
        return int(
            self._db.execute(
                "SELECT count(*) FROM reviews WHERE profile = ?", (profile,)
            ).fetchone()[0]
        )

    def reset(self, profile: str) -> int:
        """Forget every answer of `profile` (its settings stay); how many were removed."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            removed = db.execute("DELETE FROM reviews WHERE profile = ?", (profile,)).rowcount
            db.execute("DELETE FROM cards WHERE profile = ?", (profile,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return int(removed)

    def integrity(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

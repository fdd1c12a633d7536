"""The store's side of sync: ids and stamps for this device's records, and merging others'.

Order. Each record carries a stamp, a hybrid clock: the device's wall time, or a microsecond
past the latest stamp the device has given or read, whichever is later. So an answer given after
another device's answer arrived always sorts after it, however wrong either clock is, and every
device sorts the same records the same way (by stamp, then id).

State. A card's state is the replay of its answers in that order through the scheduler, each
answer with the retention it was given under and at its own time, or at the previous answer's
time if its device's clock was behind (the scheduler never sees time run backwards). Two
devices holding the same answers therefore hold exactly the same states. Replay starts from the
first answer that changed, so answers that arrive in order cost one scheduler step each.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from studyapp.progress.records import PROFILE_COLUMNS, parse_time, timestamp
from studyapp.progress.sync.lines import FORMAT, Damaged, Header, encode
from studyapp.scheduler import DEFAULT_RETENTION, CardState, Rating, review

# Before any stamp: the hybrid clock starts here, so the first stamp is the wall time.
_DAWN = timestamp(datetime(1970, 1, 1, tzinfo=UTC))
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Identity:
    """This device as the sync folder knows it."""

    device: str
    name: str
    folder: Path | None

    @property
    def header(self) -> Header:
        return Header(FORMAT, self.device, self.name)


def identity(db: sqlite3.Connection) -> Identity | None:
    row = db.execute("SELECT device, name, folder FROM sync_self").fetchone()
    if row is None:
        return None
    device, name, folder = row
    return Identity(device, name, Path(folder) if folder else None)


def _after(stamp: str, wall: datetime) -> str:
    return timestamp(max(wall, parse_time(stamp) + _TICK))


def next_stamp(db: sqlite3.Connection, wall: datetime) -> tuple[int, str]:
    """The next sequence number and stamp of this device, taken (inside a transaction)."""
    seq, stamp = db.execute("SELECT seq, stamp FROM sync_self").fetchone()
    seq, stamp = seq + 1, _after(stamp, wall)
    db.execute("UPDATE sync_self SET seq = ?, stamp = ?", (seq, stamp))
    return seq, stamp


def emit(db: sqlite3.Connection, device: str, record: dict[str, Any]) -> str:
    """Put one of this device's records in its outbox; its id."""
    db.execute("INSERT INTO sync_out (seq, line) VALUES (?, ?)", (record["seq"], encode(record)))
    gid = f"{device}.{record['seq']}"
    db.execute("INSERT OR IGNORE INTO sync_seen (gid) VALUES (?)", (gid,))
    return gid


def step(before: CardState | None, rating: int, at: datetime, retention: float) -> CardState:
    """One answer in the replay (see the module's note on time)."""
    if before is not None and before.last_review is not None and at < before.last_review:
        at = before.last_review
    return review(before, Rating(int(rating)), at, retention)


def card_state(db: sqlite3.Connection, profile: str, bank: str, question: str) -> CardState | None:
    row = db.execute(
        "SELECT state FROM cards WHERE profile = ? AND bank = ? AND question = ?",
        (profile, bank, question),
    ).fetchone()
    return None if row is None else CardState.from_dict(json.loads(row[0]))


def retention_of(db: sqlite3.Connection, profile: str) -> float:
    row = db.execute("SELECT desired_retention FROM profiles WHERE name = ?", (profile,)).fetchone()
    return DEFAULT_RETENTION if row is None else float(row[0])


CardKey = tuple[str, str, str]
# Where a replay starts: the (stamp, id) of the first answer that changed.
Position = tuple[str, str]


def replay(db: sqlite3.Connection, key: CardKey, start: Position | None) -> None:
    """Recompute the card's answers from `start` on (all when None) and the card itself."""
    rows = db.execute(
        "SELECT id, at, rating, retention, state, content_hash, verdict, stamp, gid "
        "FROM reviews WHERE profile = ? AND bank = ? AND question = ? ORDER BY stamp, gid",
        key,
    ).fetchall()
    if not rows:
        db.execute("DELETE FROM cards WHERE profile = ? AND bank = ? AND question = ?", key)
        return
    state: CardState | None = None
    before: str | None = None  # the state left by the last answer not replayed, still as text
    updates: list[tuple[str, int]] = []
    for rid, at, rating, retention, state_json, _digest, _verdict, stamp, gid in rows:
        if start is not None and (stamp, gid) < start:
            before = state_json
            continue
        if state is None and before is not None:
            state = CardState.from_dict(json.loads(before))
        state = step(state, rating, parse_time(at), retention or DEFAULT_RETENTION)
        updates.append((json.dumps(state.to_dict(), sort_keys=True), rid))
    db.executemany("UPDATE reviews SET state = ? WHERE id = ?", updates)
    if state is None:  # nothing after `start`: the card is as its latest answer left it
        state = CardState.from_dict(json.loads(rows[-1][4]))
    last = rows[-1]
    first_at = min(row[1] for row in rows)
    db.execute(
        "INSERT INTO cards (profile, bank, question, content_hash, state, due, first_at, "
        "last_at, last_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (profile, bank, question) DO UPDATE SET content_hash = excluded.content_hash, "
        "state = excluded.state, due = excluded.due, first_at = excluded.first_at, "
        "last_at = excluded.last_at, last_verdict = excluded.last_verdict",
        (
            *key,
            last[5],
            json.dumps(state.to_dict(), sort_keys=True),
            timestamp(state.due),
            first_at,
            last[1],
            last[6],
        ),
    )


def write_card(
    db: sqlite3.Connection,
    key: CardKey,
    content_hash: str,
    state: CardState,
    at: str,
    verdict: str,
) -> None:
    """The card after an answer given at `at` that is now its latest."""
    db.execute(
        "INSERT INTO cards (profile, bank, question, content_hash, state, due, first_at, "
        "last_at, last_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (profile, bank, question) DO UPDATE SET content_hash = excluded.content_hash, "
        "state = excluded.state, due = excluded.due, last_at = excluded.last_at, "
        # as the replay has it: a clock that is behind can make this the earliest answer
        "first_at = min(cards.first_at, excluded.first_at), "
        "last_verdict = excluded.last_verdict",
        (
            *key,
            content_hash,
            json.dumps(state.to_dict(), sort_keys=True),
            timestamp(state.due),
            at,
            at,
            verdict,
        ),
    )


def answer_record(seq: int, stamp: str, row: dict[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "stamp": stamp, "kind": "answer", **row}


def setting_value(value: object) -> object:
    """A profile setting as JSON: dates as ISO text, the rest as they are."""
    return value.isoformat() if isinstance(value, date) else value


def join(db: sqlite3.Connection, folder: Path, device: str, name: str, wall: datetime) -> None:
    """Make this store a device of `folder` (inside a transaction).

    The first time, every answer so far gets its id and stamp and goes to the outbox with the
    settings that differ from the defaults, and every card is replayed, so that what this
    device holds is exactly what the others will compute from its file.
    """
    if identity(db) is not None:
        # Same device, another (or the same) folder: its file there is written afresh.
        db.execute(
            "UPDATE sync_self SET folder = ?, name = ?, pushed = 0, pushed_size = 0",
            (str(folder), name),
        )
        return
    db.execute(
        "INSERT INTO sync_self (one, device, name, folder, stamp) VALUES (1, ?, ?, ?, ?)",
        (device, name, str(folder), _DAWN),
    )
    for (profile,) in db.execute("SELECT DISTINCT profile FROM reviews").fetchall():
        db.execute(
            "UPDATE reviews SET retention = ? WHERE profile = ? AND retention IS NULL",
            (retention_of(db, profile), profile),
        )
    rows = db.execute(
        "SELECT id, profile, bank, question, content_hash, at, response, verdict, score, "
        "duration_ms, mode, rating, retention FROM reviews WHERE gid IS NULL ORDER BY id"
    ).fetchall()
    for rid, *fields in rows:
        seq, stamp = next_stamp(db, parse_time(fields[4]))
        gid = emit(db, device, answer_record(seq, stamp, _answer_fields(*fields)))
        db.execute("UPDATE reviews SET gid = ?, stamp = ? WHERE id = ?", (gid, stamp, rid))
    _emit_settings(db, device, wall)
    for key in db.execute("SELECT DISTINCT profile, bank, question FROM reviews").fetchall():
        replay(db, key, None)


def _answer_fields(
    profile: str,
    bank: str,
    question: str,
    content_hash: str,
    at: str,
    response: str,
    verdict: str,
    score: float,
    duration_ms: int | None,
    mode: str,
    rating: int,
    retention: float | None,
) -> dict[str, Any]:
    return {
        "profile": profile,
        "bank": bank,
        "question": question,
        "content_hash": content_hash,
        "at": at,
        "response": response,
        "verdict": verdict,
        "score": score,
        "duration_ms": duration_ms,
        "mode": mode,
        "rating": rating,
        "retention": retention if retention is not None else DEFAULT_RETENTION,
    }


_DEFAULTS: dict[str, object] = {
    "desired_retention": DEFAULT_RETENTION,
    "daily_new_limit": 20,
    "quick_seconds": 8.0,
    "exam_date": None,
    "daily_minutes": None,
    "shuffle_options": 1,
}


def _emit_settings(db: sqlite3.Connection, device: str, wall: datetime) -> None:
    columns = ", ".join(PROFILE_COLUMNS)
    for name, *values in db.execute(
        f"SELECT name, {columns} FROM profiles ORDER BY name"  # noqa: S608
    ).fetchall():
        for key, value in zip(PROFILE_COLUMNS, values, strict=True):
            if value != _DEFAULTS.get(key):
                shown = bool(value) if key == "shuffle_options" else value
                setting_changed(db, device, name, key, shown, wall)


def setting_changed(
    db: sqlite3.Connection, device: str, profile: str, key: str, value: object, wall: datetime
) -> None:
    """Send one setting this device set; it wins over any set before it (by stamp)."""
    seq, stamp = next_stamp(db, wall)
    emit(
        db,
        device,
        {
            "seq": seq,
            "stamp": stamp,
            "kind": "setting",
            "profile": profile,
            "key": key,
            "value": setting_value(value),
        },
    )
    db.execute(
        "INSERT INTO sync_settings (profile, key, stamp, device) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (profile, key) DO UPDATE SET stamp = excluded.stamp, "
        "device = excluded.device",
        (profile, key, stamp, device),
    )


def _text(record: dict[str, Any], key: str) -> str:
    value = record[key]
    if not isinstance(value, str):
        raise Damaged(f"{key} is not text")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Damaged(f"{what} is not a number")
    return float(value)


def answer_row(record: dict[str, Any]) -> tuple[Any, ...]:
    """The review row of another device's answer, its values checked; Damaged if one is off."""
    at = _text(record, "at")
    try:
        parse_time(at)
        parse_time(record["stamp"])
        json.loads(_text(record, "response"))
    except ValueError:
        raise Damaged("a time or the response cannot be read") from None
    rating = record["rating"]
    if not isinstance(rating, int) or isinstance(rating, bool) or rating not in range(1, 5):
        raise Damaged("rating is not 1 to 4")
    duration = record.get("duration_ms")
    if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)):
        raise Damaged("duration is not a whole number")
    retention = _number(record.get("retention", DEFAULT_RETENTION), "retention")
    if not 0.5 <= retention < 1.0:
        raise Damaged("retention is out of range")
    return (
        _text(record, "profile"),
        _text(record, "bank"),
        _text(record, "question"),
        _text(record, "content_hash"),
        at,
        record["response"],
        _text(record, "verdict"),
        _number(record["score"], "score"),
        duration,
        _text(record, "mode"),
        rating,
        retention,
    )


def setting_update(record: dict[str, Any]) -> tuple[str, str, object]:
    """(profile, column, value as stored) of another device's setting; Damaged if off."""
    profile, key, value = _text(record, "profile"), _text(record, "key"), record["value"]
    if key not in PROFILE_COLUMNS:
        raise Damaged(f"unknown setting {key!r}")
    if key == "shuffle_options":
        if not isinstance(value, bool):
            raise Damaged("shuffle_options is not true or false")
        return profile, key, int(value)
    if key == "exam_date":
        if value is not None:
            try:
                date.fromisoformat(_text(record, "value"))
            except ValueError:
                raise Damaged("exam_date is not a date") from None
        return profile, key, value
    if value is None and key == "daily_minutes":
        return profile, key, None
    number = _number(value, key)
    if number < 0 or (key == "desired_retention" and not 0.5 <= number < 1.0):
        raise Damaged(f"{key} is out of range")
    if key in ("daily_new_limit", "daily_minutes"):
        if not isinstance(value, int):
            raise Damaged(f"{key} is not a whole number")
        return profile, key, value
    return profile, key, number


def record_answer(
    db: sqlite3.Connection, device: str, fields: dict[str, Any], wall: datetime
) -> tuple[int, str]:
    """Log this device's answer with its id and stamp, send it, and step its card (inside a
    transaction); its row id and global id. The card's state is computed here, as every
    device will replay it."""
    fields = {**fields, "retention": retention_of(db, fields["profile"])}
    seq, stamp = next_stamp(db, wall)
    gid = emit(db, device, answer_record(seq, stamp, fields))
    cursor = db.execute(
        "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict, "
        "score, duration_ms, mode, rating, retention, state, gid, stamp) "
        "VALUES (:profile, :bank, :question, :content_hash, :at, :response, :verdict, :score, "
        ":duration_ms, :mode, :rating, :retention, '{}', :gid, :stamp)",
        {**fields, "gid": gid, "stamp": stamp},
    )
    key = (fields["profile"], fields["bank"], fields["question"])
    # This answer has the latest stamp of all, so its replay is one step from the card's state.
    state = step(
        card_state(db, *key), fields["rating"], parse_time(fields["at"]), fields["retention"]
    )
    state_json = json.dumps(state.to_dict(), sort_keys=True)
    review_id: int = cursor.lastrowid  # type: ignore[assignment]
    db.execute("UPDATE reviews SET state = ? WHERE id = ?", (state_json, review_id))
    write_card(db, key, fields["content_hash"], state, fields["at"], fields["verdict"])
    return review_id, gid


def undo_answer(db: sqlite3.Connection, device: str, review_id: int, wall: datetime) -> bool:
    """Take back an answer as a record of its own (inside a transaction); False if not there."""
    row = db.execute(
        "SELECT profile, bank, question, gid, stamp FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()
    if row is None:
        return False
    profile, bank, question, gid, stamp = row
    db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
    seq, undo_stamp = next_stamp(db, wall)
    emit(db, device, {"seq": seq, "stamp": undo_stamp, "kind": "undo", "of": gid})
    replay(db, (profile, bank, question), (stamp, gid))
    return True

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
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from studyapp.progress.records import (
    ANSWER_FIELDS,
    OPTIONAL_ANSWER_FIELDS,
    PROFILE_COLUMNS,
    parse_time,
    timestamp,
)
from studyapp.progress.sync import profiles as sync_profiles
from studyapp.progress.sync.lines import FORMAT, READABLE_FROM, Damaged, Header, decode, encode
from studyapp.progress.sync.replay import Replayer, Values, state_json, stepped_json, values_of
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
        return Header(FORMAT, self.device, self.name, READABLE_FROM)


def identity(db: sqlite3.Connection) -> Identity | None:
    row = db.execute("SELECT device, name, folder FROM sync_self").fetchone()
    if row is None:
        return None
    device, name, folder = row
    return Identity(device, name, Path(folder) if folder else None)


def _after(stamp: str, wall: datetime) -> str:
    return timestamp(max(wall, parse_time(stamp) + _TICK))


def next_stamp(db: sqlite3.Connection, wall: datetime) -> tuple[str, int, str]:
    """This device's id, its next sequence number and stamp, taken (inside a transaction).

    The id is read here, not kept by the caller: a pass on another connection may have given
    this device a fresh one (see renew), and an answer must never go out under the old id.
    """
    device, seq, stamp = db.execute("SELECT device, seq, stamp FROM sync_self").fetchone()
    seq, stamp = seq + 1, _after(stamp, wall)
    db.execute("UPDATE sync_self SET seq = ?, stamp = ?", (seq, stamp))
    return device, seq, stamp


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
    for rid, at, rating, retention, logged_state, _digest, _verdict, stamp, gid in rows:
        if start is not None and (stamp, gid) < start:
            before = logged_state
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


def replay_card(
    db: sqlite3.Connection,
    replayer: Replayer,
    key: CardKey,
    start: Position | None,
    waiting: Sequence[Any],
    inserts: list[tuple[Any, ...]],
    updates: list[tuple[str, int]],
    tails: dict[CardKey, Tail],
) -> tuple[Any, ...] | None:
    """A merge's replay of one card: its answers in the log and `waiting` (new ones, each with
    gid, stamp, row and at, in stamp order), from `start` on, in one pass.

    New answers go to `inserts` with their states, answers in the log whose state changed to
    `updates`; the card's row is returned (None if it has no answers left). Nothing is written
    here, so that a merge writes each table with one statement. `tails` holds, for cards an
    earlier step of the same pass wrote, where their log ends (see Tail); it is kept up to date.
    """
    tail = tails.pop(key, None)
    logged: list[Any]
    before: str | None
    first_at: str | None
    if tail is not None and start is not None and start > tail.last:
        # Everything new comes after the log's end, as it does step after step of a pass.
        logged, before, first_at = [], tail.state, tail.first_at
    else:
        logged, before, first_at = _log_from(db, key, start)
    if not logged and not waiting and before is None:
        return None
    card = _replay_entries(
        replayer, key, start, logged, waiting, before, first_at, inserts, updates
    )
    if card is None:
        return _card_from_log(db, key, first_at)
    row, last = card
    tails[key] = Tail(last, row[4], row[6])
    return row


@dataclass(frozen=True, slots=True)
class Tail:
    """Where a card's log ended after a step of a merge: its last answer's position, the state
    it left (as stored) and the card's first time. Valid while no other connection wrote."""

    last: Position
    state: str
    first_at: str


def _log_from(
    db: sqlite3.Connection, key: CardKey, start: Position | None
) -> tuple[list[Any], str | None, str | None]:
    """The card's logged answers from `start`'s stamp on, the state the last one before left,
    and its earliest time before that."""
    # Only the answers from `start` on are replayed: those before it are read for the state
    # the last of them left, and for the earliest time, without bringing them into Python.
    since = start[0] if start is not None else ""
    logged = db.execute(
        "SELECT stamp, gid, id, at, rating, retention, state, content_hash, verdict "
        "FROM reviews WHERE profile = ? AND bank = ? AND question = ? AND stamp >= ?",
        (*key, since),
    ).fetchall()
    before: str | None = None  # the state left by the last answer not replayed, still as text
    earlier = db.execute(
        "SELECT state, min_at FROM (SELECT state, stamp, gid FROM reviews "
        "WHERE profile = ? AND bank = ? AND question = ? AND stamp < ? "
        "ORDER BY stamp DESC, gid DESC LIMIT 1), (SELECT min(at) AS min_at FROM reviews "
        "WHERE profile = ? AND bank = ? AND question = ? AND stamp < ?)",
        (*key, since, *key, since),
    ).fetchone()
    first_at: str | None = None
    if earlier is not None:
        before, first_at = earlier
    return logged, before, first_at


def _replay_entries(
    replayer: Replayer,
    key: CardKey,
    start: Position | None,
    logged: list[Any],
    waiting: Sequence[Any],
    before: str | None,
    first_at: str | None,
    inserts: list[tuple[Any, ...]],
    updates: list[tuple[str, int]],
) -> tuple[tuple[Any, ...], Position] | None:
    """The replay itself: the card's row and its last answer's position; None when nothing
    from `start` on is left."""
    earliest = min((new.row[4] for new in waiting), default=None)
    if earliest is not None and (first_at is None or earliest < first_at):
        first_at = earliest
    if not logged and waiting:
        # Only new answers, the usual case of a large merge: each is one step.
        return _replay_new(replayer, key, waiting, before, first_at, inserts)
    # (stamp, gid, logged row or None, new answer or None), in the order every device uses.
    entries: list[tuple[str, str, Any, Any]] = [
        (row[0] or "", row[1] or "", row, None) for row in logged
    ]
    entries.extend((new.stamp, new.gid, None, new) for new in waiting)
    if logged:
        entries.sort(key=_position)
    values: Values | None = None
    text: str | None = None  # the state `values` stands for, as stored
    replayed = False
    for stamp, gid, row, new in entries:
        if new is None:
            if first_at is None or row[3] < first_at:
                first_at = row[3]
            # New answers never come before `start` (it is at most the first of them).
            if start is not None and (stamp, gid) < start:
                before = row[6]
                continue
        if not replayed and before is not None:
            values = values_of(CardState.from_dict(json.loads(before)))
        replayed = True
        if new is None:
            values = replayer.step(values, row[4], parse_time(row[3]), row[5] or DEFAULT_RETENTION)
            text = stepped_json(values)
            if text != row[6]:
                updates.append((text, row[2]))
        else:
            new_row = new.row
            values = replayer.step(values, new_row[10], new.at, new_row[11])
            text = stepped_json(values)
            inserts.append((*new_row, gid, stamp, text))
    if not entries:  # every answer from `start` on was taken back: the last before it stands
        return None
    stamp, gid, row, new = entries[-1]
    if values is None:  # nothing after `start`: the card is as its latest answer left it
        values = values_of(CardState.from_dict(json.loads(row[6])))
    content_hash, at_text, verdict = (
        (row[7], row[3], row[8]) if new is None else (new.row[3], new.row[4], new.row[6])
    )
    card = (
        *key,
        content_hash,
        state_json(values) if text is None else text,
        timestamp(values[4]),
        first_at,
        at_text,
        verdict,
    )
    return card, (stamp, gid)


def _replay_new(
    replayer: Replayer,
    key: CardKey,
    waiting: Sequence[Any],
    before: str | None,
    first_at: str | None,
    inserts: list[tuple[Any, ...]],
) -> tuple[tuple[Any, ...], Position]:
    """_replay_entries for a card none of whose logged answers come after `start`: the new
    answers stepped from the state `before` left, in their order."""
    values = None if before is None else values_of(CardState.from_dict(json.loads(before)))
    step, append = replayer.step, inserts.append
    text = ""
    for new in waiting:
        row, at = new.row, new.at
        values = step(values, row[10], at, row[11])
        # The step leaves the answer's own time as the last review unless the device's clock
        # was behind: its text is then the answer's, read off as isoformat would write it.
        text = stepped_json(values, iso_text(row[4]) if values[5] is at else None)
        append((*row, new.gid, new.stamp, text))
    assert values is not None  # waiting is not empty
    last = waiting[-1]
    row = last.row
    card = (*key, row[3], text, timestamp(values[4]), first_at, row[4], row[6])
    return card, (last.stamp, last.gid)


def _position(entry: tuple[str, str, Any, Any]) -> tuple[str, str]:
    return entry[0], entry[1]


def _card_from_log(db: sqlite3.Connection, key: CardKey, first_at: str | None) -> tuple[Any, ...]:
    content_hash, state, at, verdict = db.execute(
        "SELECT content_hash, state, at, verdict FROM reviews "
        "WHERE profile = ? AND bank = ? AND question = ? ORDER BY stamp DESC, gid DESC LIMIT 1",
        key,
    ).fetchone()
    values = values_of(CardState.from_dict(json.loads(state)))
    return (*key, content_hash, state_json(values), timestamp(values[4]), first_at, at, verdict)


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
    uids = dict(db.execute("SELECT name, uid FROM profiles"))
    for rid, *fields in rows:
        _, seq, stamp = next_stamp(db, parse_time(fields[4]))
        record = answer_record(seq, stamp, _answer_fields(*fields))
        record["profile_id"] = uids.get(fields[0])
        gid = emit(db, device, record)
        db.execute("UPDATE reviews SET gid = ?, stamp = ? WHERE id = ?", (gid, stamp, rid))
    # Then every profile's `create`, after its answers: the other devices take an answer
    # that comes before its profile's record under the name it carries (profiles.py).
    sync_profiles.announce(db, wall)
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
                setting_changed(db, name, key, shown, wall)


def setting_changed(
    db: sqlite3.Connection, profile: str, key: str, value: object, wall: datetime
) -> None:
    """Send one setting this device set; it wins over any set before it (by stamp)."""
    device, seq, stamp = next_stamp(db, wall)
    emit(
        db,
        device,
        {
            "seq": seq,
            "stamp": stamp,
            "kind": "setting",
            "profile": profile,
            "profile_id": sync_profiles.uid_of(db, profile),
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


# The form `records.timestamp` writes (UTC, to the microsecond): read without parsing.
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")


def iso_text(text: str) -> str | None:
    """What `parse_time(text).isoformat()` gives, read off `text` when it is in the form
    `records.timestamp` writes (None otherwise): isoformat leaves out a zero fraction."""
    if not _STAMP.fullmatch(text):
        return None
    return text if text[20:26] != "000000" else text[:19] + text[26:]


_ANSWER_TEXT = ("profile", "bank", "question", "content_hash", "at", "response", "verdict", "mode")
_TEXTS = (str,) * len(_ANSWER_TEXT)
# An answer's fields in the review row's order, taken in one call (a merge reads 100,000).
_ROW_FIELDS = itemgetter(
    *(key for key in ANSWER_FIELDS if key not in OPTIONAL_ANSWER_FIELDS), "stamp"
)


def answer_row(
    record: dict[str, Any], responses: set[str] | None = None
) -> tuple[tuple[Any, ...], datetime]:
    """The review row of another device's answer, its values checked, and its time read;
    Damaged if one is off. `responses` holds response texts already found to be JSON (a
    merge reads many answers that give the same one)."""
    profile, bank, question, content_hash, at, response, verdict, score, mode, rating, stamp = (
        _ROW_FIELDS(record)
    )
    if tuple(map(type, (profile, bank, question, content_hash, at, response, verdict, mode))) != (
        _TEXTS
    ):
        for key in _ANSWER_TEXT:  # which one, for the report
            if type(record[key]) is not str:
                raise Damaged(f"{key} is not text")
    try:
        moment = parse_time(at)
        if not _STAMP.fullmatch(stamp):
            parse_time(stamp)
        if responses is None or response not in responses:
            json.loads(response)
            if responses is not None:
                responses.add(response)
    except ValueError:
        raise Damaged("a time or the response cannot be read") from None
    if type(rating) is not int or not 1 <= rating <= 4:
        raise Damaged("rating is not 1 to 4")
    duration = record.get("duration_ms")
    if duration is not None and type(duration) is not int:
        raise Damaged("duration is not a whole number")
    retention = record.get("retention", DEFAULT_RETENTION)
    if type(retention) is not float:  # the usual case needs neither check nor conversion
        retention = _number(retention, "retention")
    if not 0.5 <= retention < 1.0:
        raise Damaged("retention is out of range")
    row = (
        profile,
        bank,
        question,
        content_hash,
        at,
        response,
        verdict,
        score if type(score) is float else _number(score, "score"),
        duration,
        mode,
        rating,
        retention,
    )
    return row, moment


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
    db: sqlite3.Connection, fields: dict[str, Any], wall: datetime
) -> tuple[int, str]:
    """Log this device's answer with its id and stamp, send it, and step its card (inside a
    transaction); its row id and global id. The card's state is computed here, as every
    device will replay it."""
    fields = {**fields, "retention": retention_of(db, fields["profile"])}
    device, seq, stamp = next_stamp(db, wall)
    uid = sync_profiles.uid_of(db, fields["profile"])
    gid = emit(db, device, {**answer_record(seq, stamp, fields), "profile_id": uid})
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


def undo_answer(db: sqlite3.Connection, review_id: int, wall: datetime) -> bool:
    """Take back an answer as a record of its own (inside a transaction); False if not there."""
    row = db.execute(
        "SELECT profile, bank, question, gid, stamp FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()
    if row is None:
        return False
    profile, bank, question, gid, stamp = row
    db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
    # Its row was what said it was applied: from now on sync_seen does, so that another
    # device's answer undone here is not applied again should its file be read anew.
    if gid is not None:
        db.execute("INSERT OR IGNORE INTO sync_seen (gid) VALUES (?)", (gid,))
    device, seq, undo_stamp = next_stamp(db, wall)
    emit(db, device, {"seq": seq, "stamp": undo_stamp, "kind": "undo", "of": gid})
    replay(db, (profile, bank, question), (stamp, gid))
    return True


def renew(db: sqlite3.Connection, old: str, new: str, delivered: set[int]) -> None:
    """Give this device a fresh id (inside a transaction), for a store that finds its own file
    in the folder ahead of it or not as it wrote it: a backup put back, or the progress file
    copied to a second machine. Going on under the old id would reuse ids the other devices
    already hold for other records, and they would skip this device's new ones as seen.

    The records of the outbox that the file holds as they were written (`delivered`, by
    sequence number) stay out under the old id; every other one goes out again under the new
    id with its stamp unchanged, so no card's order changes. The old file is from now on
    read as another device's, which brings back what the file holds and this store does not
    (the answers given after the backup was made).
    """
    rows = db.execute("SELECT seq, line FROM sync_out ORDER BY seq").fetchall()
    again: list[dict[str, Any]] = []
    for seq, line in rows:
        if seq not in delivered:
            again.append(decode(bytes(line).rstrip(b"\n")))
    db.execute("DELETE FROM sync_out")
    db.execute("UPDATE sync_self SET device = ?, seq = 0, pushed = 0, pushed_size = 0", (new,))
    moved: dict[str, str] = {}
    for number, record in enumerate(again, 1):
        was = f"{old}.{record['seq']}"
        now = f"{new}.{number}"
        moved[was] = now
        record = {**record, "seq": number}
        if record["kind"] == "undo" and record.get("of") in moved:
            record["of"] = moved[record["of"]]
        emit(db, new, record)
        # The old id now names whatever the old file holds at that number: not seen here.
        db.execute("DELETE FROM sync_seen WHERE gid = ?", (was,))
        db.execute("UPDATE reviews SET gid = ? WHERE gid = ?", (now, was))
    db.execute("UPDATE sync_self SET seq = ?", (len(again),))


def forget_answers(db: sqlite3.Connection, profile: str) -> None:
    """Before a reset or a delete takes a profile's answers from the log (inside its
    transaction): their ids stay applied, so that another device's file read again from the
    start (after it was cut or put back) does not bring them back. An answer's row is what
    says it was applied (see exchange._Batch), so the ids are copied to sync_seen first."""
    db.execute(
        "INSERT OR IGNORE INTO sync_seen (gid) SELECT gid FROM reviews "
        "WHERE profile = ? AND gid IS NOT NULL",
        (profile,),
    )

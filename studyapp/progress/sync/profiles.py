"""Profiles across devices: create, rename, delete and reset travel as `profile` records.

Each profile has a stable id (`profiles.uid`, schema v8) that a rename keeps. Every device
holds, per id, in `sync_profiles`:

- its name: the last one given, by (stamp, device) -- the same rule as settings -- except
  that a rename always wins over a create. Two devices that each make "ana" make one profile
  (its id comes from the name), and should one of them have renamed an earlier "ana" since,
  the rename stands. An answer that arrives before its profile's record names the profile as
  its writer knew it; that name loses to every real record;
- its tombstone: a delete is final (the earliest delete's stamp is kept). A profile made
  again under the same name gets a fresh id. Its answers, those in the log when the delete
  comes and those that arrive later (from a device that had not heard of it), are kept in
  `sync_held`, out of every view but not lost; so every device keeps the same ones;
- its reset stamp: the latest one. Answers stamped before it no longer count for card states
  (they are taken from the log, their ids kept as applied), those after it do.

These rules do not depend on the order records arrive in, so devices that hold the same
records hold the same profiles. The name each device shows is worked out from them alone
(`settle`): profiles by (name's stamp, device, id), each takes its name if no earlier one
took it, else the name with " (2)", " (3)" ... So when two devices give two profiles the same
name, the one named first keeps it, everywhere.
"""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studyapp.progress.records import ANSWER_FIELDS, name_id
from studyapp.progress.sync.lines import Damaged

# ledger imports this module at its head, so the functions here that send or replay through
# ledger import it where they run: a head import here would be a cycle.

EVENTS = ("create", "name", "delete", "reset")


def fresh_id(db: sqlite3.Connection, name: str, rng: random.Random) -> str:
    """The id for a profile made here now: its name's id unless this store has used it for
    another profile (renamed or deleted since), else a random one."""
    uid = name_id(name)
    used = db.execute(
        "SELECT 1 FROM profiles WHERE uid = ? UNION ALL SELECT 1 FROM sync_profiles WHERE uid = ?",
        (uid, uid),
    ).fetchone()
    return uid if used is None else f"p{rng.getrandbits(64):016x}"


def uid_of(db: sqlite3.Connection, name: str) -> str | None:
    row = db.execute("SELECT uid FROM profiles WHERE name = ?", (name,)).fetchone()
    return None if row is None else row[0]


@dataclass(frozen=True, slots=True)
class Known:
    """One profile id as this device holds it: the name it shows (None when deleted)."""

    uid: str
    shown: str | None
    deleted: str | None
    reset: str | None


def known(db: sqlite3.Connection) -> dict[str, Known]:
    rows = db.execute(
        "SELECT s.uid, p.name, s.deleted, s.reset FROM sync_profiles s "
        "LEFT JOIN profiles p ON p.uid = s.uid"
    ).fetchall()
    out = {uid: Known(uid, name, deleted, reset) for uid, name, deleted, reset in rows}
    # Profiles the folder has not been told of yet (see announce) are live, never reset.
    for name, uid in db.execute("SELECT name, uid FROM profiles").fetchall():
        if uid not in out:
            out[uid] = Known(uid, name, None, None)
    return out


def event_record(seq: int, stamp: str, uid: str, event: str, name: str) -> dict[str, Any]:
    return {
        "seq": seq,
        "stamp": stamp,
        "kind": "profile",
        "profile_id": uid,
        "event": event,
        "name": name,
    }


def note(db: sqlite3.Connection, uid: str, event: str, name: str, stamp: str, device: str) -> bool:
    """Fold one event into `sync_profiles`; whether it changed anything."""
    guessed(db, uid, name, stamp)
    if event in ("create", "name"):
        rank = 2 if event == "name" else 1
        cursor = db.execute(
            "UPDATE sync_profiles SET name = ?, name_rank = ?, name_stamp = ?, name_device = ? "
            "WHERE uid = ? AND (name_rank, name_stamp, name_device) < (?, ?, ?)",
            (name, rank, stamp, device, uid, rank, stamp, device),
        )
    elif event == "delete":
        cursor = db.execute(
            "UPDATE sync_profiles SET deleted = ? WHERE uid = ? AND "
            "(deleted IS NULL OR deleted > ?)",
            (stamp, uid, stamp),
        )
    else:
        cursor = db.execute(
            "UPDATE sync_profiles SET reset = ? WHERE uid = ? AND (reset IS NULL OR reset < ?)",
            (stamp, uid, stamp),
        )
    return cursor.rowcount > 0


def guessed(db: sqlite3.Connection, uid: str, name: str, created: str) -> None:
    """A profile first seen in another device's answer or setting: known by the name it had
    there until its own record comes (an empty stamp loses to every real one)."""
    db.execute(
        "INSERT OR IGNORE INTO sync_profiles "
        "(uid, name, name_rank, name_stamp, name_device, created) VALUES (?, ?, 0, '', '', ?)",
        (uid, name, created),
    )


def event_of(record: dict[str, Any]) -> tuple[str, str, str]:
    """(id, event, name) of another device's profile record; Damaged if one is off."""
    uid, event, name = record["profile_id"], record["event"], record.get("name")
    if not isinstance(uid, str) or not uid:
        raise Damaged("profile_id is not text")
    if event not in EVENTS:
        raise Damaged(f"unknown profile event {event!r}")
    if not isinstance(name, str) or not name.strip():
        raise Damaged("a profile record without a name")
    return uid, event, name.strip()


def emit_event(db: sqlite3.Connection, uid: str, event: str, name: str, wall: datetime) -> str:
    """Send one of this device's profile events and fold it in here (inside a transaction);
    its stamp."""
    # ledger: the cycle noted at the head
    from studyapp.progress.sync.ledger import emit, next_stamp

    device, seq, stamp = next_stamp(db, wall)
    emit(db, device, event_record(seq, stamp, uid, event, name))
    note(db, uid, event, name, stamp, device)
    return stamp


def announce(db: sqlite3.Connection, wall: datetime) -> int:
    """Send a `create` for every profile here the folder has not been told of (inside a
    transaction): those made before joining, or before this version; how many."""
    rows = db.execute(
        "SELECT name, uid FROM profiles WHERE uid NOT IN (SELECT uid FROM sync_profiles) "
        "ORDER BY created, name"
    ).fetchall()
    for name, uid in rows:
        emit_event(db, uid, "create", name, wall)
    return len(rows)


def rename_rows(db: sqlite3.Connection, old: str, new: str) -> None:
    """Give a profile's rows here another name (its id stays)."""
    for table, column in (
        ("profiles", "name"),
        ("reviews", "profile"),
        ("cards", "profile"),
        ("sync_settings", "profile"),
    ):
        db.execute(
            f"UPDATE {table} SET {column} = ? WHERE {column} = ?",  # noqa: S608
            (new, old),
        )
    # The answers' kept quarter hours (schema._v9) are counted anew under the new name (moving
    # its answers forgot both names' marks); the old name's would stay in the file for good.
    db.execute("DELETE FROM review_quarters WHERE profile = ?", (old,))


def forget_rows(db: sqlite3.Connection, name: str) -> int:
    """Take a profile's answers and cards from here, their ids kept as applied (so a synced
    copy is not applied again); how many answers went. For a reset and a delete alike."""
    # ledger: the cycle noted at the head
    from studyapp.progress.sync.ledger import forget_answers

    forget_answers(db, name)
    removed = db.execute("DELETE FROM reviews WHERE profile = ?", (name,)).rowcount
    db.execute("DELETE FROM cards WHERE profile = ?", (name,))
    # what the statistics kept of those answers (schema._v9): its mark went with them
    db.execute("DELETE FROM review_quarters WHERE profile = ?", (name,))
    return int(removed)


def drop_rows(db: sqlite3.Connection, name: str) -> int:
    """Take a profile and its answers from here, their ids kept as applied; how many went."""
    removed = forget_rows(db, name)
    db.execute("DELETE FROM profiles WHERE name = ?", (name,))
    db.execute("DELETE FROM sync_settings WHERE profile = ?", (name,))
    return removed


def hold(db: sqlite3.Connection, gid: str, why: str, record: dict[str, Any]) -> None:
    db.execute(
        "INSERT OR IGNORE INTO sync_held (gid, why, record) VALUES (?, ?, ?)",
        (gid, why, json.dumps(record, sort_keys=True, ensure_ascii=False)),
    )


# A held answer keeps what its sync record carried: its fields, retention, id and stamp.
_ROW = (*ANSWER_FIELDS, "retention", "gid", "stamp")


def hold_rows(db: sqlite3.Connection, name: str, uid: str, reset: str | None) -> None:
    """Keep a deleted profile's answers aside (those after its reset, if any), so that every
    device keeps the same ones: all of the profile's answers, whenever they arrive."""
    for values in db.execute(
        f"SELECT {', '.join(_ROW)} FROM reviews "  # noqa: S608
        "WHERE profile = ? AND gid IS NOT NULL AND stamp >= ?",
        (name, reset or ""),
    ).fetchall():
        record = dict(zip(_ROW, values, strict=True))
        record["profile_id"] = uid
        hold(db, record["gid"], "deleted", record)


def settle(db: sqlite3.Connection) -> bool:
    """Make this device's profiles what `sync_profiles` says (inside a transaction): drop the
    deleted, take out answers before a reset, name each live profile (see the module's note),
    and make the ones only heard of. Whether any row here changed."""
    # ledger: the cycle noted at the head
    from studyapp.progress.sync.ledger import replay

    changed = False
    rows = db.execute(
        "SELECT s.uid, s.name, s.name_rank = 0, s.name_stamp, s.name_device, s.created, "
        "s.deleted, s.reset, p.name FROM sync_profiles s LEFT JOIN profiles p ON p.uid = s.uid"
    ).fetchall()
    live: list[tuple[str, str, tuple[int, str, str], str, str | None]] = []
    for uid, name, guess, name_stamp, name_device, created, deleted, reset, here in rows:
        if deleted is not None:
            if here is not None:
                hold_rows(db, here, uid, reset)
                drop_rows(db, here)
                changed = True
            if reset is not None:
                db.execute(
                    "DELETE FROM sync_held WHERE why = 'deleted' "
                    "AND json_extract(record, '$.profile_id') = ? "
                    "AND json_extract(record, '$.stamp') < ?",
                    (uid, reset),
                )
            continue
        if reset is not None and here is not None:
            keys = db.execute(
                "SELECT DISTINCT profile, bank, question FROM reviews "
                "WHERE profile = ? AND stamp < ?",
                (here, reset),
            ).fetchall()
            if keys:
                db.execute(
                    "INSERT OR IGNORE INTO sync_seen (gid) SELECT gid FROM reviews "
                    "WHERE profile = ? AND stamp < ? AND gid IS NOT NULL",
                    (here, reset),
                )
                db.execute("DELETE FROM reviews WHERE profile = ? AND stamp < ?", (here, reset))
                for key in keys:
                    replay(db, key, None)
                # A model fitted to answers now forgotten no longer describes this learner.
                db.execute("UPDATE profiles SET memory_model = NULL WHERE uid = ?", (uid,))
                changed = True
        # Names are taken in the order they were given; guessed ones after all real ones.
        live.append((uid, name, (guess, name_stamp, name_device), created, here))
    # Profiles here the folder has not heard of yet keep their names first: nothing else
    # can have taken them here, and once announced they are ordered like the rest.
    heard_of = {row[0] for row in rows}
    taken = {
        name
        for name, uid in db.execute("SELECT name, uid FROM profiles").fetchall()
        if uid not in heard_of
    }
    final: dict[str, str] = {}
    for uid, name, _order, _created, _here in sorted(live, key=lambda row: (row[2], row[0])):
        shown, number = name, 2
        while shown in taken:
            shown, number = f"{name} ({number})", number + 1
        taken.add(shown)
        final[uid] = shown
    moving = [(uid, here) for uid, *_, here in live if here is not None and final[uid] != here]
    # Through a name no one shows, so that two profiles can swap names.
    for uid, here in moving:
        rename_rows(db, here, f"\x00{uid}")
    for uid, _here in moving:
        rename_rows(db, f"\x00{uid}", final[uid])
    changed = changed or bool(moving)
    for uid, _name, _order, created, here in live:
        if here is None:
            db.execute(
                "INSERT INTO profiles (name, created, uid) VALUES (?, ?, ?)",
                (final[uid], created, uid),
            )
            changed = True
    return changed

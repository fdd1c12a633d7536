"""Rows that SQLite reads but StudyApp cannot: found at open, copied away, left out.

A progress file can pass `PRAGMA quick_check` and still hold a row another program (or a hand
with a database browser) wrote wrongly: a state that is not JSON, a time that is not a time, an
exam on 9999-99-99, a text where a number belongs. Each such row used to surface later as a
traceback, or left the window on "Loading banks…". A damaged row is a damaged file: the file is
copied aside whole, the rows that cannot be read are taken out of the working file (a profile
setting goes back to its default instead), every card is made to match the answers left, and
the learner is told.

The log (every answer) is most of a file and most of the scan; nothing the window reads at
start-up (the library's counts, today's line, the due queue) reads it, so the app scans the
cards and settings at open and the log just after, on a connection of its own in the
background (Store.check_log); the command line, which may read the log at once, scans it all
at open.

A store that syncs (progress/sync/) keeps every device's answers in one order: a card touched
by the repair is replayed from its answers left as sync replays it, and an answer that came
from another device is forgotten as applied and its device's file read again from the start at
the next pass, so that the answer comes back whole from there. One of this device's own answers
is put back at once from the outbox (`sync_out`), which holds every record this device sent as
it sent it: the peers hold the same line, so the devices stay in step.

A check that meets a value it cannot read gives NULL, which counts as damage (`coalesce`).
Finding them must not cost a start-up its time, so SQL picks out suspects with strict patterns
(the exact form `timestamp()` writes, JSON that is valid and has the keys a state needs), which
is C speed over the whole file; only the suspects are decoded in Python, which has the last word.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from studyapp.progress.opening import free_name
from studyapp.progress.records import parse_time, timestamp
from studyapp.progress.sync import ledger
from studyapp.progress.sync.lines import Damaged, decode
from studyapp.scheduler import STATE_FORMAT, CardState

# A time exactly as `timestamp()` writes it, with a real date and time of day: `date(x, '+0
# days')` gives another day for 02-30, so a date that is not on the calendar differs.
_DIGITS = "[0-9]" * 4 + "-" + "[0-9]" * 2 + "-" + "[0-9]" * 2 + "T"
_TIME_OK = (
    "({c} GLOB '{d}[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*' AND substr({c}, 12, 2) < '24' "
    "AND date({c}, '+0 days') = substr({c}, 1, 10))"
)


def _time_ok(column: str) -> str:
    return _TIME_OK.format(c=column, d=_DIGITS)


def _state_ok(column: str) -> str:
    # json_type() raises on text that is not JSON, hence the CASE.
    due = f"json_extract({column}, '$.due')"
    return (
        f"(CASE WHEN json_valid({column}) THEN json_type({column}) = 'object' "
        f"AND json_type({column}, '$.phase') = 'integer' AND {_time_ok(due)} "
        f"AND coalesce(json_extract({column}, '$.v'), {STATE_FORMAT}) = {STATE_FORMAT} END)"
    )


_REVIEW_SUSPECT = (
    "SELECT id, at, response, state FROM reviews WHERE NOT coalesce("  # noqa: S608 (fixed text)
    # A logged state is read only to undo an answer or list recent ones, where one that
    # is JSON but not a state is passed over; checking its keys here cost 4 ms per 1,000 rows.
    f"typeof(at) = 'text' AND {_time_ok('at')} AND json_valid(response) "
    "AND json_valid(state) AND typeof(score) IN ('real', 'integer') "
    "AND typeof(rating) = 'integer' AND typeof(duration_ms) IN ('integer', 'null'), 0)"
)
_CARD_SUSPECT = (
    "SELECT profile, bank, question, state, due, first_at, last_at FROM cards "  # noqa: S608
    f"WHERE NOT coalesce({_state_ok('state')} AND {_time_ok('due')} "
    f"AND {_time_ok('first_at')} AND {_time_ok('last_at')}, 0)"
)
# Each profile setting, what it must be, and the value it falls back to.
_SETTINGS: dict[str, tuple[str, object]] = {
    "desired_retention": (
        "typeof(desired_retention) IN ('real', 'integer') "
        "AND desired_retention >= 0.5 AND desired_retention < 1",
        0.9,
    ),
    "daily_new_limit": (
        "typeof(daily_new_limit) = 'integer' AND daily_new_limit BETWEEN 0 AND 100000",
        20,
    ),
    "quick_seconds": (
        "typeof(quick_seconds) IN ('real', 'integer') AND quick_seconds BETWEEN 0 AND 3600",
        8.0,
    ),
    "exam_date": (
        "exam_date IS NULL OR (typeof(exam_date) = 'text' AND length(exam_date) = 10 "
        "AND date(exam_date, '+0 days') = exam_date)",
        None,
    ),
    "daily_minutes": (
        "daily_minutes IS NULL OR (typeof(daily_minutes) = 'integer' "
        "AND daily_minutes BETWEEN 0 AND 1440)",
        None,
    ),
    "shuffle_options": ("typeof(shuffle_options) = 'integer'", 1),
}


def _review_readable(row: tuple[Any, ...]) -> bool:
    _, at, response, state = row
    try:
        parse_time(at)
        json.loads(response)
        CardState.from_dict(json.loads(state))
    except (TypeError, ValueError, KeyError, AttributeError):
        return False
    return True


def _card_readable(row: tuple[Any, ...]) -> bool:
    *_, state, due, first_at, last_at = row
    try:
        CardState.from_dict(json.loads(state))
        for moment in (due, first_at, last_at):
            parse_time(moment)
    except (TypeError, ValueError, KeyError, AttributeError):
        return False
    return True


def _setting_readable(key: str, value: object) -> bool:
    if key != "exam_date" or value is None:
        return False  # SQL has the last word on numbers
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


Damage = tuple[list[int], list[tuple[str, str, str]], list[tuple[str, str]]]


def find_damage(db: sqlite3.Connection, log: bool = True, rest: bool = True) -> Damage:
    """(review ids, card keys, (profile, setting) pairs) that cannot be read; `log`: look at
    the answers, `rest`: at the cards and settings."""
    reviews = (
        [row[0] for row in db.execute(_REVIEW_SUSPECT) if not _review_readable(row)] if log else []
    )
    if not rest:
        return reviews, [], []
    cards = [(r[0], r[1], r[2]) for r in db.execute(_CARD_SUSPECT) if not _card_readable(r)]
    settings: list[tuple[str, str]] = []
    for key, (ok, _) in _SETTINGS.items():
        # NULL (a function given what it cannot read) counts as not readable.
        query = f"SELECT name, {key} FROM profiles WHERE NOT coalesce({ok}, 0)"  # noqa: S608
        settings += [(name, key) for name, value in db.execute(query)
                     if not _setting_readable(key, value)]  # fmt: skip
    return reviews, cards, settings


def repair(
    db: sqlite3.Connection,
    path: Path,
    moment: datetime,
    copy: Callable[[Path], None],
    *,
    log: bool = True,
    rest: bool = True,
) -> str | None:
    """Take out what cannot be read, after `copy` has kept the file as it was; the notice
    for the learner, or None when nothing was damaged (`log`, `rest`: as find_damage)."""
    reviews, cards, settings = find_damage(db, log, rest)
    if not (reviews or cards or settings):
        return None
    target = free_name(path, f".damaged-{moment.strftime('%Y%m%dT%H%M%SZ')}")
    copy(target)
    db.execute("BEGIN IMMEDIATE")
    try:
        touched: set[tuple[str, str, str]] = set(cards)
        me = db.execute("SELECT device FROM sync_self").fetchone()
        restored = 0
        for review_id in reviews:
            key = db.execute(
                "SELECT profile, bank, question, gid FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            touched.add((key[0], key[1], key[2]))
            if me is not None and key[3]:
                sent = _restore_own(db, review_id, str(key[3]), str(me[0]))
                if sent is not None:
                    touched.add(sent)
                    restored += 1
                    continue
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if me is not None and key[3]:
                _read_again(db, str(key[3]), str(me[0]))
        for key in touched:
            if me is not None:
                ledger.replay(db, key, None)  # the order every device replays
            else:
                _rebuild_card(db, key)
        for name, setting in settings:
            default = _SETTINGS[setting][1]
            db.execute(
                f"UPDATE profiles SET {setting} = ? WHERE name = ?",  # noqa: S608
                (default, name),
            )
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    parts = []
    if reviews:
        back = f" ({restored} put back whole from this device's sync outbox)" if restored else ""
        parts.append(f"{len(reviews)} answer(s){back}")
    if cards:
        parts.append(f"{len(cards)} card state(s)")
    if settings:
        parts.append(f"{len(settings)} profile setting(s), set back to their defaults")
    return (
        f"Some of the progress file {path} could not be read: {', '.join(parts)}. The file "
        f"as it was is kept as {target.name}; everything else was kept and study goes on."
    )


def _restore_own(
    db: sqlite3.Connection, review_id: int, gid: str, me: str
) -> tuple[str, str, str] | None:
    """One of this device's own answers written back from the line it sent (its card key), or
    None when it is another device's, or its line is not in the outbox or cannot be read
    either (the answer is then left out, as in a store that does not sync)."""
    device, _, seq = gid.rpartition(".")
    if device != me or not seq.isdigit():
        return None
    found = db.execute("SELECT line FROM sync_out WHERE seq = ?", (int(seq),)).fetchone()
    if found is None:
        return None
    try:
        record = decode(bytes(found[0]).rstrip(b"\n"))
        if record.get("kind") != "answer" or record.get("seq") != int(seq):
            return None
        row, _ = ledger.answer_row(record)  # every value checked, as a peer checks it
    except (Damaged, KeyError, TypeError):
        return None
    # The state is recomputed by the card's replay, from the ratings, as every device does.
    db.execute(
        "UPDATE reviews SET profile = ?, bank = ?, question = ?, content_hash = ?, at = ?, "
        "response = ?, verdict = ?, score = ?, duration_ms = ?, mode = ?, rating = ?, "
        "retention = ?, stamp = ?, state = '{}' WHERE id = ?",
        (*row, record["stamp"], review_id),
    )
    return (row[0], row[1], row[2])


def _read_again(db: sqlite3.Connection, gid: str, me: str) -> None:
    """An answer another device sent is forgotten as applied, and that device's file is read
    from its start at the next sync pass: the answer comes back from there, whole. (This
    device's own answers are put back from its outbox, by _restore_own.)"""
    device = gid.rpartition(".")[0]
    if not device or device == me:
        return
    db.execute("DELETE FROM sync_seen WHERE gid = ?", (gid,))
    db.execute("UPDATE sync_peers SET resume = 0, size = -1 WHERE device = ?", (device,))


def _rebuild_card(db: sqlite3.Connection, key: tuple[str, str, str]) -> None:
    """The card as the answers left in the log make it (none left: no card)."""
    rows = db.execute(
        "SELECT content_hash, state, at, verdict FROM reviews "
        "WHERE profile = ? AND bank = ? AND question = ? ORDER BY id",
        key,
    ).fetchall()
    db.execute("DELETE FROM cards WHERE profile = ? AND bank = ? AND question = ?", key)
    for row in reversed(rows):
        try:
            state = CardState.from_dict(json.loads(row[1]))
        except (TypeError, ValueError, KeyError, AttributeError):
            continue  # JSON, but not a state: the answer before it says where the card is
        break
    else:
        return
    content_hash, state_json, last_at, verdict = row
    db.execute(
        "INSERT INTO cards (profile, bank, question, content_hash, state, due, first_at, "
        "last_at, last_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, content_hash, state_json, timestamp(state.due), rows[0][2], last_at, verdict),
    )

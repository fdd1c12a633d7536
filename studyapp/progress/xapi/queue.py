"""The store's xAPI outbox: statements queued in the answer's own transaction, sent later.

An answer and its statement are committed together, so no answer is ever shared twice or
left out: a statement leaves the outbox only once the LRS has taken it, and its id (from the
answer's id) makes a second sending of it, after a kill mid-send, a no-op at the LRS.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from studyapp.progress.records import parse_time, timestamp
from studyapp.progress.xapi import statements


@dataclass(frozen=True, slots=True)
class Sharing:
    """Where this device sends its answers. The secret is never here: see studyapp/lrs/."""

    endpoint: str
    username: str
    home_page: str
    origin: str  # this install's id: names answers that have no sync id
    enabled: bool


@dataclass(frozen=True, slots=True)
class Outbox:
    waiting: int
    sent: int
    last_sent: datetime | None
    last_error: str | None


def sharing(db: sqlite3.Connection) -> Sharing | None:
    row = db.execute(
        "SELECT endpoint, username, home_page, origin, enabled FROM xapi_share"
    ).fetchone()
    if row is None:
        return None
    endpoint, username, home_page, origin, enabled = row
    return Sharing(endpoint, username, home_page, origin, bool(enabled))


def configure(
    db: sqlite3.Connection, endpoint: str, username: str, home_page: str, origin: str
) -> None:
    """Send to this LRS from now on (the install's id is kept from the first time)."""
    held = sharing(db)
    db.execute(
        "INSERT INTO xapi_share (one, endpoint, username, home_page, origin, enabled) "
        "VALUES (1, ?, ?, ?, ?, 1) ON CONFLICT (one) DO UPDATE SET endpoint = excluded.endpoint, "
        "username = excluded.username, home_page = excluded.home_page, enabled = 1",
        (endpoint, username, home_page, held.origin if held else origin),
    )


def set_enabled(db: sqlite3.Connection, on: bool) -> None:
    db.execute("UPDATE xapi_share SET enabled = ?", (int(on),))


def answer_id(share: Sharing, review_id: int, gid: str | None, at: str) -> str:
    # A synced answer already has an id every device agrees on; otherwise this install's id,
    # the row and its time (a row id alone can come back after an undo).
    return gid if gid is not None else f"{share.origin}.{review_id}.{at}"


def queue_answer(
    db: sqlite3.Connection,
    share: Sharing,
    review_id: int,
    gid: str | None,
    fields: dict[str, object],
) -> None:
    """Queue the statement of an answer just logged (inside the answer's transaction)."""
    at = str(fields["at"])
    ident = answer_id(share, review_id, gid, at)
    body = statements.answered(
        answer_id=ident,
        profile=str(fields["profile"]),
        home_page=share.home_page,
        bank=str(fields["bank"]),
        question=str(fields["question"]),
        content_hash=str(fields["content_hash"]),
        at=at,
        response=str(fields["response"]),
        verdict=str(fields["verdict"]),
        score=float(fields["score"]),  # type: ignore[arg-type]
        duration_ms=fields["duration_ms"],  # type: ignore[arg-type]
        mode=str(fields["mode"]),
    )
    db.execute(
        "INSERT INTO xapi_outbox (statement_id, review_id, answer_id, body, queued_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (body["id"], review_id, ident, statements.encode(body), at),
    )


def queue_undo(db: sqlite3.Connection, share: Sharing, review_id: int, now: datetime) -> None:
    """An answer was taken back (inside the undo's transaction): drop its statement if it is
    still waiting, or queue the statement that voids it if it was already sent."""
    row = db.execute(
        "SELECT seq, answer_id, sent_at, body FROM xapi_outbox WHERE review_id = ? "
        "ORDER BY seq DESC LIMIT 1",
        (review_id,),
    ).fetchone()
    if row is None:
        return
    seq, ident, sent_at, body = row
    if sent_at is None:
        db.execute("DELETE FROM xapi_outbox WHERE seq = ?", (seq,))
        return

    profile = json.loads(body)["actor"]["name"]
    void = statements.voiding(ident, profile, share.home_page, timestamp(now))
    db.execute(
        "INSERT OR IGNORE INTO xapi_outbox (statement_id, review_id, answer_id, body, queued_at) "
        "VALUES (?, NULL, ?, ?, ?)",
        (void["id"], f"void:{ident}", statements.encode(void), timestamp(now)),
    )


def pending(db: sqlite3.Connection, limit: int) -> list[tuple[int, str]]:
    """The oldest `limit` statements not yet taken by the LRS, as (seq, JSON text)."""
    return [
        (int(seq), str(body))
        for seq, body in db.execute(
            "SELECT seq, body FROM xapi_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
            (limit,),
        )
    ]


def delivered(db: sqlite3.Connection, seqs: list[int], now: datetime) -> None:
    db.executemany(
        "UPDATE xapi_outbox SET sent_at = ?, last_error = NULL WHERE seq = ?",
        [(timestamp(now), seq) for seq in seqs],
    )


def failed(db: sqlite3.Connection, seqs: list[int], error: str) -> None:
    db.executemany(
        "UPDATE xapi_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?",
        [(error, seq) for seq in seqs],
    )


def outbox(db: sqlite3.Connection) -> Outbox:
    waiting, sent, last = db.execute(
        "SELECT count(*) FILTER (WHERE sent_at IS NULL), count(sent_at), max(sent_at) "
        "FROM xapi_outbox"
    ).fetchone()
    error = db.execute(
        "SELECT last_error FROM xapi_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL "
        "ORDER BY seq LIMIT 1"
    ).fetchone()
    return Outbox(
        int(waiting), int(sent), parse_time(last) if last else None, error[0] if error else None
    )

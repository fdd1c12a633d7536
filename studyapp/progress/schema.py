"""The store's tables, by version. Each migration takes a database at the version before it.

A database is ours when its `application_id` is APPLICATION_ID; `user_version` says which of
the MIGRATIONS it has had. Never edit a migration once released: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# "STDY" in ASCII: tells our file from any other SQLite database.
APPLICATION_ID = 0x53544459


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE profiles (
            name TEXT PRIMARY KEY,
            created TEXT NOT NULL,
            desired_retention REAL NOT NULL DEFAULT 0.9,
            daily_new_limit INTEGER NOT NULL DEFAULT 20
        )"""
    )
    # The log: one row per answer, never updated. `state` is the card state the answer led to,
    # so that undo can restore the one before it without replaying the history.
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            bank TEXT NOT NULL,
            question TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            response TEXT NOT NULL,
            verdict TEXT NOT NULL,
            score REAL NOT NULL,
            duration_ms INTEGER,
            mode TEXT NOT NULL,
            rating INTEGER NOT NULL,
            state TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX reviews_card ON reviews (profile, bank, question, id)")
    # The latest state of every card, kept beside the log so that nothing replays it to study.
    db.execute(
        """CREATE TABLE cards (
            profile TEXT NOT NULL,
            bank TEXT NOT NULL,
            question TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            state TEXT NOT NULL,
            due TEXT NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            last_verdict TEXT NOT NULL,
            PRIMARY KEY (profile, bank, question)
        ) WITHOUT ROWID"""
    )


def _v2(db: sqlite3.Connection) -> None:
    # Exam-date planning and the "quick answer" threshold became per-learner settings.
    db.execute("ALTER TABLE profiles ADD COLUMN exam_date TEXT")
    db.execute("ALTER TABLE profiles ADD COLUMN daily_minutes INTEGER")
    db.execute("ALTER TABLE profiles ADD COLUMN quick_seconds REAL NOT NULL DEFAULT 8.0")
    # Today's line, the daily charts and the due queue read by time; keep those reads indexed.
    db.execute("CREATE INDEX reviews_time ON reviews (profile, at)")
    db.execute("CREATE INDEX cards_due ON cards (profile, due)")


def _v3(db: sqlite3.Connection) -> None:
    # Whether answer options are shuffled became a per-learner setting (on, as before).
    db.execute("ALTER TABLE profiles ADD COLUMN shuffle_options INTEGER NOT NULL DEFAULT 1")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
VERSION = len(MIGRATIONS)

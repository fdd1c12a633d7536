"""The store's tables, by version. Each migration takes a database at the version before it.

A database is ours when its `application_id` is APPLICATION_ID; `user_version` says which of
the MIGRATIONS it has had. Never edit a migration once released: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from studyapp.progress.records import name_id

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


def _v4(db: sqlite3.Connection) -> None:
    # Sync between a learner's devices (progress/sync/). Every answer gets a global id
    # (`<device>.<seq>`, set once the store joins a sync folder), an ordering stamp (card states
    # are the replay of a card's answers in stamp order) and the retention it was scheduled
    # with, so that any device replaying the same answers computes the same states.
    db.execute("ALTER TABLE reviews ADD COLUMN gid TEXT")
    db.execute("ALTER TABLE reviews ADD COLUMN stamp TEXT")
    db.execute("ALTER TABLE reviews ADD COLUMN retention REAL")
    db.execute("UPDATE reviews SET stamp = at")
    db.execute("CREATE UNIQUE INDEX reviews_gid ON reviews (gid) WHERE gid IS NOT NULL")
    # This device in the sync folder: at most one row, present once it has joined one.
    # `seq` and `stamp` are the last ones it gave out; `pushed`/`pushed_size` say how much of
    # its outbox its own file held after the last write, to notice a file cut or replaced.
    db.execute(
        """CREATE TABLE sync_self (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            device TEXT NOT NULL,
            name TEXT NOT NULL,
            folder TEXT,
            seq INTEGER NOT NULL DEFAULT 0,
            stamp TEXT NOT NULL,
            pushed INTEGER NOT NULL DEFAULT 0,
            pushed_size INTEGER NOT NULL DEFAULT 0
        )"""
    )
    # Every line this device wrote, exactly as written: its file can always be rebuilt whole.
    db.execute("CREATE TABLE sync_out (seq INTEGER PRIMARY KEY, line BLOB NOT NULL)")
    # Every record id ever applied (answers, undone answers, undos, settings): applied once.
    db.execute("CREATE TABLE sync_seen (gid TEXT PRIMARY KEY) WITHOUT ROWID")
    # Last writer wins per setting: when each profile setting was last set, and by which device.
    db.execute(
        """CREATE TABLE sync_settings (
            profile TEXT NOT NULL,
            key TEXT NOT NULL,
            stamp TEXT NOT NULL,
            device TEXT NOT NULL,
            PRIMARY KEY (profile, key)
        ) WITHOUT ROWID"""
    )
    # Each other device's file as last read: how far, what it said, and what went wrong.
    db.execute(
        """CREATE TABLE sync_peers (
            file TEXT PRIMARY KEY,
            device TEXT,
            name TEXT,
            resume INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            last_stamp TEXT,
            read_at TEXT,
            problem TEXT
        ) WITHOUT ROWID"""
    )


def _v5(db: sqlite3.Connection) -> None:
    # Sharing answers with a learning record store (progress/xapi/): where to send them (the
    # secret is never here: it is in the system keyring), and the outbox of statements, each
    # queued in its answer's transaction and kept, once sent, to void it on an undo.
    db.execute(
        """CREATE TABLE xapi_share (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            endpoint TEXT NOT NULL,
            username TEXT NOT NULL,
            home_page TEXT NOT NULL,
            origin TEXT NOT NULL,
            enabled INTEGER NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE xapi_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id TEXT NOT NULL UNIQUE,
            review_id INTEGER,
            answer_id TEXT NOT NULL,
            body TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )"""
    )
    db.execute("CREATE INDEX xapi_waiting ON xapi_outbox (seq) WHERE sent_at IS NULL")
    db.execute("CREATE INDEX xapi_answer ON xapi_outbox (review_id)")


def _v6(db: sqlite3.Connection) -> None:
    # FSRS's parameters fitted to the learner (scheduler/fit.py), as the JSON of a MemoryModel
    # (which carries its own format number); NULL until the learner has answered enough. On the
    # profile's row, so that renaming or deleting a profile takes its model along.
    db.execute("ALTER TABLE profiles ADD COLUMN memory_model TEXT")


def _v7(db: sqlite3.Connection) -> None:
    # Each bank's counts for the library (insight/tallies.py), kept so that a start with a
    # large library reads one row per bank instead of every card. `fit` says which bank content
    # and retention a row was counted for; `data` is its JSON (with a format number). A row is
    # only ever a copy of what the cards say: any change to a bank's cards, by any writer (an
    # answer, an undo, sync, a repair, a reset, another program), deletes it, and the next
    # count of that bank writes it again.
    db.execute(
        """CREATE TABLE bank_tallies (
            profile TEXT NOT NULL,
            bank TEXT NOT NULL,
            fit TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (profile, bank)
        ) WITHOUT ROWID"""
    )
    forget = "DELETE FROM bank_tallies WHERE profile = {r}.profile AND bank = {r}.bank;"
    db.execute(
        f"CREATE TRIGGER tally_insert AFTER INSERT ON cards BEGIN {forget.format(r='NEW')} END"
    )
    db.execute(
        "CREATE TRIGGER tally_update AFTER UPDATE ON cards BEGIN "
        f"{forget.format(r='OLD')} {forget.format(r='NEW')} END"
    )
    db.execute(
        f"CREATE TRIGGER tally_delete AFTER DELETE ON cards BEGIN {forget.format(r='OLD')} END"
    )


def _v8(db: sqlite3.Connection) -> None:
    # Profiles travel between devices (progress/sync/profiles.py), so each needs an id that a
    # rename does not change. A profile known only by its answers gets its row first; every
    # existing profile's id comes from its name (records.name_id), so the same profile on two
    # devices that synced by name before keeps matching.
    db.execute(
        "INSERT OR IGNORE INTO profiles (name, created) "
        "SELECT profile, min(at) FROM reviews GROUP BY profile"
    )
    db.execute(
        "INSERT OR IGNORE INTO profiles (name, created) "
        "SELECT profile, min(first_at) FROM cards GROUP BY profile"
    )
    db.execute("ALTER TABLE profiles ADD COLUMN uid TEXT")
    for (name,) in db.execute("SELECT name FROM profiles").fetchall():
        db.execute("UPDATE profiles SET uid = ? WHERE name = ?", (name_id(name), name))
    db.execute("CREATE UNIQUE INDEX profiles_uid ON profiles (uid)")
    # Every profile the sync folder has told of (or this device told it of), by id: its name
    # (the highest (rank, stamp, device) wins; rank 0 is a name only guessed from an answer, 1
    # a create's, 2 a rename's), its tombstone (the earliest delete's stamp; final) and its
    # latest reset stamp (answers stamped before it no longer count).
    db.execute(
        """CREATE TABLE sync_profiles (
            uid TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_rank INTEGER NOT NULL,
            name_stamp TEXT NOT NULL,
            name_device TEXT NOT NULL,
            created TEXT NOT NULL,
            deleted TEXT,
            reset TEXT
        ) WITHOUT ROWID"""
    )
    # Records kept aside rather than applied, so that none is lost: `why` is 'kind' (a record
    # of a kind a newer version writes: that version applies it from here) or 'deleted' (an
    # answer to a deleted profile stamped at or after its delete). `record` is its JSON.
    db.execute(
        """CREATE TABLE sync_held (
            gid TEXT PRIMARY KEY,
            why TEXT NOT NULL,
            record TEXT NOT NULL
        ) WITHOUT ROWID"""
    )


PICKED = "json_extract(response, '$')"  # the text picked, as reviews_picks holds it
# A wrong answer given as one text, the condition of the index reviews_picks (v9) and of the
# query through it (Store.wrong_picks), which SQLite uses only if the two are word for word the
# same. It asks json_valid first (CASE evaluates only the branch taken): a response that is
# not JSON, as a damaged row or another program may leave, would otherwise make every write of
# that row fail with "malformed JSON", repairs included.
WRONG_PICK = (
    "verdict != 'right' AND CASE WHEN json_valid(response) THEN json_type(response) END = 'text'"
)


def _v9(db: sqlite3.Connection) -> None:
    # The statistics page's answers per quarter hour (the finest step of any time zone's
    # offset, so that local days can be counted from them), kept so that opening it over
    # 100,000 answers reads a row per quarter hour instead of every answer of 30 days and a
    # seek per answer for the recall tests (progress/store.py: answer_quarters). `tests` and
    # `tests_right` count recall tests: answers given at least `review_marks.gap` days after
    # the answer before them (by id) to the same question. `review_marks.upto` is the last
    # answer's id counted in, and `answers` how many were: later answers are counted in as the
    # page next opens, which only adds, since an answer's figures depend only on answers
    # before it (by id). Any other change to an answer counted in, by any writer (an undo,
    # sync, a repair, a reset, another program), deletes its profile's mark, and the next
    # opening counts the profile's quarter hours again from the log.
    db.execute(
        """CREATE TABLE review_quarters (
            profile TEXT NOT NULL,
            quarter INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            right INTEGER NOT NULL,
            score REAL NOT NULL,
            tests INTEGER NOT NULL,
            tests_right INTEGER NOT NULL,
            PRIMARY KEY (profile, quarter)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE review_marks (
            profile TEXT PRIMARY KEY,
            upto INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            gap REAL NOT NULL
        ) WITHOUT ROWID"""
    )
    forget = "DELETE FROM review_marks WHERE profile = {r}.profile;"
    # Only a change to an answer counted in (its id at most the mark's) changes what is kept:
    # the figures of the answers before it do not depend on it, and those after are counted
    # from the log as it then is. So an undo during a session, before the page next opens,
    # keeps the counts (counting 100,000 answers again takes 200 to 360 ms).
    counted = "{r}.id <= (SELECT upto FROM review_marks WHERE profile = {r}.profile)"
    db.execute(
        f"CREATE TRIGGER quarters_delete AFTER DELETE ON reviews WHEN {counted.format(r='OLD')}"
        f" BEGIN {forget.format(r='OLD')} END"
    )
    # An answer is added after the last one (a new id is past every id in the log). One that
    # another program writes under an id already counted past is found by its count instead
    # (Store.answer_quarters): a trigger on every insert made a merge of 100,000 answers
    # take 1.16 s of CPU instead of 0.42 s.
    # sync writes a state, a stamp or a global id onto answers already counted: not a change
    db.execute(
        "CREATE TRIGGER quarters_update AFTER UPDATE OF profile, bank, question, at, verdict,"
        f" score ON reviews WHEN {counted.format(r='OLD')} OR {counted.format(r='NEW')}"
        f" BEGIN {forget.format(r='OLD')} {forget.format(r='NEW')} END"
    )
    # The wrong answers given as one text (a chosen speaker, option or word), which the page's
    # mix-ups are read from (Store.wrong_picks): a few in a hundred answers, found without
    # reading the others' responses (43 against 5 ms at 100,000 answers).
    # json_extract rather than `->>`: what an index says is kept in the file's schema, and a
    # reader with an SQLite older than 3.38 (an old sqlite3 tool) could not open the file.
    db.execute(
        "CREATE INDEX reviews_picks ON reviews (profile, id, bank, question, content_hash,"
        f" {PICKED}) WHERE {WRONG_PICK}"
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    *(_v1, _v2, _v3, _v4, _v5, _v6),
    *(_v7, _v8, _v9),
)
VERSION = len(MIGRATIONS)

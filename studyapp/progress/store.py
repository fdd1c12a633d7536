"""The learner's progress on disk: one SQLite file, crash-safe, versioned, several profiles.

Every answer is one transaction (review row plus card state) committed with
`synchronous=FULL` before `record` returns, so a crash, a kill or a power cut loses no answer
whose feedback the learner saw. A file that is not ours, or not readable, is moved aside under
a timestamped name and a fresh store started; `Store.notice` then says what happened.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import random
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from studyapp.progress import schema
from studyapp.progress.opening import (
    Clock,
    StoreError,
    Unusable,
    check_now,
    connect,
    copy_to,
    damage_marker,
    move_aside,
    open_checked,
    quick_check,
    rollback,
    save_failed,
)
from studyapp.progress.records import (
    CARD_COLUMNS,
    PROFILE_COLUMNS,
    REVIEW_COLUMNS,
    CardRecord,
    Profile,
    ReviewRow,
    card_record,
    encode_response,
    parse_time,
    review_row,
    timestamp,
)
from studyapp.progress.repair import repair
from studyapp.progress.sync import Identity, Merged, Peer
from studyapp.progress.sync import exchange as sync_exchange
from studyapp.progress.sync import ledger as sync_ledger
from studyapp.progress.sync import profiles as sync_profiles
from studyapp.progress.sync.companion import Companion
from studyapp.progress.xapi import Outbox, Sharing
from studyapp.progress.xapi import queue as xapi_queue
from studyapp.scheduler import STATE_FORMAT, CardState
from studyapp.scheduler.fit import MODEL_FORMAT, MemoryModel

__all__ = [
    "CardRecord",
    "Clock",
    "Profile",
    "ReviewRow",
    "Store",
    "StoreError",
    "encode_response",
    "parse_time",
    "timestamp",
]


# The largest value each numeric setting may take: `daily_minutes=inf` was taken, and
# planned a day that never ends.
_LIMITS = {"daily_new_limit": 100_000, "daily_minutes": 24 * 60, "quick_seconds": 3600}


_P = ParamSpec("_P")
_R = TypeVar("_R")


class _LogCheck:
    """The answers' damaged-row scan that the window leaves off start-up, shared by a store and
    its readers: the first reader of the log runs it, or waits for the run under way, so that
    no reader (the statistics page opened at once, an export) meets a row the scan takes out.
    Its notice is given once, to whoever asks with Store.check_log (the window)."""

    def __init__(self, scan: Callable[[], str | None]) -> None:
        self._scan = scan
        self._lock = threading.Lock()
        self.done = False
        self._notice: str | None = None

    def run(self) -> None:
        if self.done:  # set once, after the scan: no lock needed to read it
            return
        with self._lock:
            if not self.done:
                self._notice = self._scan()
                self.done = True

    def take_notice(self) -> str | None:
        self.run()
        notice, self._notice = self._notice, None
        return notice


def _log_read(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """For a reader that decodes answers' values (times, JSON, numbers): the damaged-row scan
    left off start-up runs first. Counts (which decode nothing) do not wait for it, so that the
    library's figures at start-up stay as quick as the scan left off made them."""

    @functools.wraps(method)
    def checked(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self._log_check is not None:
            self._log_check.run()
        return method(self, *args, **kwargs)

    return checked


class Store:
    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        clock: Clock,
        notice: str | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self.path = path
        self.clock = clock
        # For the ids of new profiles (sync/profiles.py fresh_id), when a name's own is used.
        self.rng = rng if rng is not None else random.SystemRandom()
        self.notice = notice
        # True when the file was too large to check at open: check() is then due, off start-up.
        self.unchecked = False
        # Set when the answers were not scanned for damaged rows at open: check_log() is due,
        # and the log's readers run it first (shared with this store's readers).
        self._log_check: _LogCheck | None = None
        # Set once this store joined a sync folder: answers, undos and settings are then sent.
        self._sync = sync_ledger.identity(db)
        # Set once an LRS was configured: answers then queue their xAPI statements.
        self._share = xapi_queue.sharing(db)

    @classmethod
    def open(cls, path: str | Path, clock: Clock, *, log_later: bool = False) -> Store:
        """The store at `path`, checked and brought up to date. `log_later`: leave the scan of
        the answers for damaged rows to check_log(), off start-up (the window's choice)."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path.parent}: cannot create the data folder: {error}") from error
        notice = None
        unchecked = False
        try:
            unchecked = not check_now(path)
            try:
                db, backup = open_checked(path, clock)
            except Unusable as why:
                aside = move_aside(path, clock())
                db, backup = open_checked(path, clock)
                notice = (
                    f"The progress file {path} could not be used ({why}). It was kept as "
                    f"{aside.name} and a new, empty progress file was started."
                )
        except (OSError, sqlite3.Error) as error:
            # An unreadable file or a folder in its place: say so rather than move anything.
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise StoreError(f"{path}: cannot be opened: {reason}") from error
        if backup is not None:
            notice = f"Progress was updated to a newer format; the old file was kept as {backup}."
        try:
            damage = repair(db, path, clock(), lambda t: copy_to(db, t), log=not log_later)
        except sqlite3.DatabaseError as error:
            if "malformed" not in str(error):
                db.close()
                raise save_failed(path, error) from error
            # A damaged page in a file whose quick_check was deferred: that check handles it.
            damage = None
        except OSError as error:
            db.close()
            raise save_failed(path, error) from error
        if damage:
            notice = f"{notice}\n\n{damage}" if notice else damage
        store = cls(db, path, clock, notice)
        store.unchecked = unchecked
        if log_later:
            store._log_check = _LogCheck(store._scan_log)
        return store

    @property
    def log_unchecked(self) -> bool:
        """True while the answers' scan left off at open (log_later) has not run."""
        return self._log_check is not None and not self._log_check.done

    def check_log(self) -> str | None:
        """Scan the answers for rows that cannot be read and take them out, as Store.open does
        (a copy of the file kept first), unless a reader of the log has already run the scan;
        the notice for the learner (given once), or None.

        On a connection of its own, so that it may run in another thread while the store is in
        use; its one write transaction waits for (and is waited for by) the window's writes.
        """
        return None if self._log_check is None else self._log_check.take_notice()

    def _scan_log(self) -> str | None:
        db = connect(self.path)
        try:
            return repair(db, self.path, self.clock(), lambda t: copy_to(db, t), rest=False)
        except sqlite3.DatabaseError:
            return None  # a damaged page: the deferred quick_check (or the next open) has it
        except OSError as error:  # no copy could be kept: nothing was taken out
            return (
                f"Some answers in the progress file {self.path} could not be read, and no copy "
                f"of the file could be kept ({error.strerror or error}), so they were left as "
                "they are. Free some disk space and start StudyApp again."
            )
        finally:
            db.close()

    def check(self) -> bool:
        """quick_check a file too large to check at open; may run in another thread.

        On damage the file is marked, so that the next open checks it in full and moves it
        aside; the answers of this run go on being saved (SQLite still reads what it can).
        """
        ok = quick_check(self.path)
        if not ok:
            with contextlib.suppress(OSError):
                damage_marker(self.path).touch()
        self.unchecked = False
        return ok

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        self.close()

    # Profiles

    def profile(self, name: str) -> Profile:
        """The profile's settings; a profile named for the first time is created."""
        row = self._db.execute(
            f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profiles WHERE name = ?",  # noqa: S608
            (name,),
        ).fetchone()
        if row is None:
            self._create_profile(name)
            return Profile(name)
        retention, new_limit, quick, exam, minutes, shuffle = row
        return Profile(
            name,
            desired_retention=retention,
            daily_new_limit=new_limit,
            quick_seconds=quick,
            exam_date=date.fromisoformat(exam) if exam else None,
            daily_minutes=minutes,
            shuffle_options=bool(shuffle),
        )

    def _create_profile(self, name: str) -> None:
        """A new profile with its stable id; with sync on, its `create` goes out with it."""
        db = self._db
        # Its own transaction, unless a caller's is open (then the row is part of that one).
        own = not db.in_transaction
        if own:
            db.execute("BEGIN IMMEDIATE")
        try:
            uid = sync_profiles.fresh_id(db, name, self.rng)
            made = db.execute(
                "INSERT OR IGNORE INTO profiles (name, created, uid) VALUES (?, ?, ?)",
                (name, timestamp(self.clock()), uid),
            ).rowcount
            if made and self._sync is not None:
                sync_profiles.emit_event(db, uid, "create", name, self.clock())
            if own:
                db.execute("COMMIT")
        except BaseException:
            if own:
                rollback(db)
            raise

    def _profile_event(self, name: str, event: str, shown: str | None = None) -> None:
        """Send a rename, delete or reset of the profile (inside the caller's transaction)."""
        if self._sync is None:
            return
        db = self._db
        sync_profiles.announce(db, self.clock())  # its `create` first, if never sent
        uid = sync_profiles.uid_of(db, name)
        if uid is not None:
            sync_profiles.emit_event(db, uid, event, shown or name, self.clock())

    def _settle_names(self) -> None:
        """After a delete or a rename here (inside its transaction): a name it freed goes to
        the profile the rules give it (a "kim (2)" becomes "kim"), as every other device works
        out when the record reaches it. Without this, this device kept the suffix until some
        other device's profile record came in."""
        if self._sync is not None:
            sync_profiles.settle(self._db)

    def memory_model(self, name: str) -> MemoryModel | None:
        """The profile's fitted memory model; None before any (or if this version cannot read
        the one stored, which a newer version may have written)."""
        found = self._memory_record(name)
        try:
            return None if found is None else MemoryModel.from_dict(found)
        except (ValueError, KeyError, TypeError):
            return None

    def save_memory_model(self, name: str, model: MemoryModel | None) -> None:
        """Keep (or, with None, forget) the profile's fitted memory model."""
        self._write_memory(name, None if model is None else model.to_dict())

    def memory_unfit_since(self, name: str) -> datetime | None:
        """When a fit last found too few spaced answers to fit, while no model was kept; None
        if none did. Kept in the model's column (a record with no parameters, which
        `memory_model`, and every earlier version, reads as no model) so that opening
        Statistics does not read and fit the same tens of thousands of answers every time."""
        found = self._memory_record(name)
        try:
            return datetime.fromisoformat(found["unfit_at"]) if found else None
        except (ValueError, KeyError, TypeError):
            return None

    def note_memory_unfit(self, name: str, at: datetime) -> None:
        """Remember that a fit at `at` found too few answers (see `memory_unfit_since`); a kept
        model is never replaced by this note."""
        if self.memory_model(name) is None:
            self._write_memory(name, {"format": MODEL_FORMAT, "unfit_at": at.isoformat()})

    def _memory_record(self, name: str) -> Any:
        """The profile's memory-model column as JSON; None when empty or unreadable."""
        row = self._db.execute(
            "SELECT memory_model FROM profiles WHERE name = ?", (name,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None

    def _write_memory(self, name: str, record: dict[str, Any] | None) -> None:
        self.profile(name)
        stored = None if record is None else json.dumps(record)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("UPDATE profiles SET memory_model = ? WHERE name = ?", (stored, name))
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise

    def answers_since(self, profile: str, since: datetime) -> int:
        """How many answers the profile has given at or after `since`."""
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM reviews WHERE profile = ? AND at >= ?",
                (profile, timestamp(since)),
            ).fetchone()[0]
        )

    def profiles(self) -> list[str]:
        names = {r[0] for r in self._db.execute("SELECT name FROM profiles")}
        names.update(r[0] for r in self._db.execute("SELECT DISTINCT profile FROM cards"))
        return sorted(names)

    def profile_ids(self) -> dict[str, str]:
        """Each profile's name -> its stable id, which a rename keeps (sync/profiles.py)."""
        return dict(self._db.execute("SELECT name, uid FROM profiles WHERE uid IS NOT NULL"))

    def held_answers(self) -> int:
        """How many answers other devices gave to profiles deleted before them: kept aside,
        out of every view (docs/sync.md)."""
        return int(
            self._db.execute("SELECT count(*) FROM sync_held WHERE why = 'deleted'").fetchone()[0]
        )

    def update_profile(self, name: str, **settings: Any) -> Profile:
        """Change settings (see Profile); unknown names or out-of-range values raise ValueError."""
        unknown = set(settings) - set(PROFILE_COLUMNS)
        if unknown:
            raise ValueError(f"unknown profile settings: {', '.join(sorted(unknown))}")
        retention = settings.get("desired_retention")
        if retention is not None and not 0.5 <= float(retention) < 1.0:
            raise ValueError("desired retention must be at least 0.5 and below 1")
        for key, most in _LIMITS.items():
            value = settings.get(key)
            if value is None:
                continue
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"{key.replace('_', ' ')} must be a number, not negative")
            if value > most:
                raise ValueError(f"{key.replace('_', ' ')} can be {most} at most")
        self.profile(name)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for key, value in settings.items():
                stored = value.isoformat() if isinstance(value, date) else value
                if isinstance(value, bool):
                    stored = int(value)
                db.execute(
                    f"UPDATE profiles SET {key} = ? WHERE name = ?",  # noqa: S608
                    (stored, name),
                )
                if self._sync is not None:
                    sync_ledger.setting_changed(db, name, key, value, self.clock())
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        return self.profile(name)

    def rename_profile(self, old: str, new: str) -> Profile:
        """Give a profile, its settings and every answer of it a new name, in one transaction."""
        new = new.strip()
        if not new:
            raise ValueError("a profile needs a name")
        if new == old:
            return self.profile(old)
        if new in self.profiles():
            raise ValueError(f"there is already a profile named {new!r}")
        if old not in self.profiles():
            raise ValueError(f"there is no profile named {old!r}")
        self.profile(old)  # a profile known only by its cards gets its settings row first
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            # With sync on, the new name travels (last writer wins, by its stamp); the id stays.
            self._profile_event(old, "name", new)
            sync_profiles.rename_rows(db, old, new)
            self._settle_names()
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        return self.profile(new)

    def delete_profile(self, name: str) -> int:
        """Remove a profile with its settings and answers; how many answers went with it."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            # With sync on, a tombstone travels: every device drops the profile for good, and
            # keeps its answers aside (every device the same ones, see sync/profiles.py).
            self._profile_event(name, "delete")
            uid = sync_profiles.uid_of(db, name)
            if self._sync is not None and uid is not None:
                sync_profiles.hold_rows(db, name, uid, None)
            removed = sync_profiles.drop_rows(db, name)
            self._settle_names()
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        return int(removed)

    # Cards and the log

    def card(self, profile: str, bank: str, question: str) -> CardRecord | None:
        row = self._db.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE profile = ? AND bank = ? AND question = ?",  # noqa: S608
            (profile, bank, question),
        ).fetchone()
        return None if row is None else card_record(row)

    def cards(self, profile: str, bank: str | None = None) -> dict[tuple[str, str], CardRecord]:
        if bank is None:
            rows = self._db.execute(
                f"SELECT {CARD_COLUMNS} FROM cards WHERE profile = ?",  # noqa: S608
                (profile,),
            )
        else:
            rows = self._db.execute(
                f"SELECT {CARD_COLUMNS} FROM cards WHERE profile = ? AND bank = ?",  # noqa: S608
                (profile, bank),
            )
        return {(r[0], r[1]): card_record(r) for r in rows}

    def card_briefs(self, profile: str, bank: str) -> list[tuple[Any, ...]]:
        """(question, content hash, due, last verdict, phase, stability, last review, lapses) of
        each of the bank's cards: what the library and the statistics count, without decoding
        every card's state."""
        return self._db.execute(
            "SELECT question, content_hash, due, last_verdict, json_extract(state, '$.phase'),"
            " json_extract(state, '$.stability'), json_extract(state, '$.last_review'),"
            " json_extract(state, '$.lapses')"
            " FROM cards WHERE profile = ? AND bank = ?",
            (profile, bank),
        ).fetchall()

    def tallies(self, profile: str) -> dict[str, tuple[str, str]]:
        """bank -> (fit, data) of each tally kept for the profile (see schema._v7)."""
        rows = self._db.execute(
            "SELECT bank, fit, data FROM bank_tallies WHERE profile = ?", (profile,)
        )
        return {bank: (fit, data) for bank, fit, data in rows}

    def count_tallies(
        self,
        profile: str,
        fits: Mapping[str, str],
        count: Callable[[str, list[tuple[Any, ...]]], str],
    ) -> dict[str, str]:
        """bank -> `count(bank, card_briefs)` for each bank of `fits`, kept as its tally.

        The cards are read and the tallies written in one transaction: if another writer
        changed cards in between, the write fails (its snapshot is stale) and nothing is kept,
        so a tally never outlives the cards it was counted from. Not keeping one (a busy or
        read-only file) only costs the next start its count. A bank without cards is not kept:
        counting it costs one indexed look-up.
        """
        db = self._db

        def counted() -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
            out: dict[str, str] = {}
            keep = []
            for bank, fit in fits.items():
                rows = self.card_briefs(profile, bank)
                out[bank] = count(bank, rows)
                if rows:
                    keep.append((profile, bank, fit, out[bank]))
            return out, keep

        if db.in_transaction:
            return counted()[0]
        db.execute("BEGIN")
        try:
            out, keep = counted()
            db.executemany(
                "INSERT OR REPLACE INTO bank_tallies (profile, bank, fit, data) VALUES (?,?,?,?)",
                keep,
            )
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            rollback(db)
            return counted()[0]
        except BaseException:
            rollback(db)
            raise
        return out

    def cards_of(
        self, profile: str, bank: str, questions: tuple[str, ...]
    ) -> dict[tuple[str, str], CardRecord]:
        """The cards filed under any of `questions` (a question's id and earlier ids)."""
        marks = ", ".join("?" * len(questions))
        rows = self._db.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE profile = ? AND bank = ? "  # noqa: S608
            f"AND question IN ({marks})",
            (profile, bank, *questions),
        )
        return {(r[0], r[1]): card_record(r) for r in rows}

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
        """Log one answer and store the card state it led to; durable when this returns.

        With sync on, the answer also goes to this device's sync outbox, and with sharing on,
        its xAPI statement to the LRS outbox: all in the answer's own transaction.
        """
        moment = timestamp(at if at is not None else self.clock())
        if self._sync is not None and sync_profiles.uid_of(self._db, profile) is None:
            # Its answers go out under its id: a profile known only by name gets one first.
            self._create_profile(profile)
        fields: dict[str, Any] = {
            "profile": profile,
            "bank": bank,
            "question": question,
            "content_hash": content_hash,
            "at": moment,
            "response": encode_response(response),
            "verdict": verdict,
            "score": float(score),
            "duration_ms": duration_ms,
            "mode": mode,
            "rating": int(rating),
        }
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            gid: str | None = None
            if self._sync is not None:
                review_id, gid = sync_ledger.record_answer(db, fields, parse_time(moment))
            else:
                review_id = self._insert_answer(fields, state)
            if self._share is not None and self._share.enabled:
                xapi_queue.queue_answer(db, self._share, review_id, gid, fields)
            db.execute("COMMIT")
        except (sqlite3.Error, OSError) as error:
            rollback(db)
            raise save_failed(self.path, error) from error
        except BaseException:
            rollback(db)
            raise
        return review_id

    def _insert_answer(self, fields: dict[str, Any], state: CardState) -> int:
        """The answer's row and its card's new state, as the session computed it (no sync)."""
        state_json = json.dumps(state.to_dict(), sort_keys=True)
        cursor = self._db.execute(
            "INSERT INTO reviews (profile, bank, question, content_hash, at, response, "
            "verdict, score, duration_ms, mode, rating, state, stamp) "
            "VALUES (:profile, :bank, :question, :content_hash, :at, :response, :verdict, "
            ":score, :duration_ms, :mode, :rating, :state, :at)",
            {**fields, "state": state_json},
        )
        key = (fields["profile"], fields["bank"], fields["question"])
        sync_ledger.write_card(
            self._db, key, fields["content_hash"], state, fields["at"], fields["verdict"]
        )
        review_id: int = cursor.lastrowid  # type: ignore[assignment]
        return review_id

    def undo(self, review_id: int) -> bool:
        """Take an answer out of the log and put its card back as it was; False if not there."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            if self._share is not None:
                xapi_queue.queue_undo(db, self._share, review_id, self.clock())
            if self._sync is not None:
                # Others may hold the answer already: they are told by a record of its own.
                done = sync_ledger.undo_answer(db, review_id, self.clock())
                db.execute("COMMIT" if done else "ROLLBACK")
                return done
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
            rollback(db)
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
        try:
            state = CardState.from_dict(json.loads(state_json))
        except (TypeError, ValueError, KeyError, AttributeError):
            # Not a state this version can read: the card starts again as new.
            self._db.execute(
                "DELETE FROM cards WHERE profile = ? AND bank = ? AND question = ?", key
            )
            return
        self._db.execute(
            "UPDATE cards SET content_hash = ?, state = ?, due = ?, last_at = ?, "
            "last_verdict = ? WHERE profile = ? AND bank = ? AND question = ?",
            (content_hash, state_json, timestamp(state.due), at, verdict, *key),
        )

    @_log_read
    def reviews(self, profile: str | None = None) -> Iterator[ReviewRow]:
        """The log in the order answers were given."""
        if profile is None:
            rows = self._db.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id")  # noqa: S608
        else:
            rows = self._db.execute(
                f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE profile = ? ORDER BY id",  # noqa: S608
                (profile,),
            )
        for row in rows:
            yield review_row(row)

    @_log_read
    def recent_answers(
        self, profile: str, limit: int = 5000
    ) -> list[tuple[str, str, datetime, int, CardState]]:
        """The profile's latest `limit` answers as (bank, question, at, rating, state after),
        oldest first: what fitting the memory model to this learner reads."""
        rows = self._db.execute(
            # `+profile`: walk the log back from its newest row and stop at `limit`; through the
            # profile's index SQLite would sort every answer of the profile first (0.7 s at
            # 100,000 answers, against 35 ms).
            "SELECT bank, question, at, rating, state FROM reviews WHERE +profile = ? "
            "ORDER BY id DESC LIMIT ?",
            (profile, max(0, limit)),
        ).fetchall()
        out: list[tuple[str, str, datetime, int, CardState]] = []
        for bank, question, at, rating, state in reversed(rows):
            try:
                after = CardState.from_dict(json.loads(state))
            except (ValueError, KeyError, TypeError):
                continue  # a state this version cannot read says nothing about memory
            out.append((bank, question, parse_time(at), int(rating), after))
        return out

    def recent_spacings(
        self, profile: str, limit: int = 5000
    ) -> list[tuple[str, str, datetime, int, float | None, datetime | None]]:
        """recent_answers with only the stability and the last review of each state after:
        (bank, question, at, rating, stability, last review), oldest first, each state's two
        fields read by SQLite (decoding 5,000 whole states in Python was 50 ms). A state
        recent_answers could not read (not JSON, another format, no phase or due) is left
        out as there."""
        rows = self._db.execute(
            # `+profile`: as recent_answers
            "SELECT bank, question, at, rating, state ->> '$.stability',"
            " state ->> '$.last_review' FROM ("
            " SELECT bank, question, at, rating, state, id FROM reviews WHERE +profile = ?"
            " ORDER BY id DESC LIMIT ?)"
            " WHERE json_valid(state) AND coalesce(state ->> '$.v', ?) = ?"
            " AND state ->> '$.phase' IS NOT NULL AND state ->> '$.due' IS NOT NULL"
            " ORDER BY id",
            (profile, max(0, limit), STATE_FORMAT, STATE_FORMAT),
        ).fetchall()
        out: list[tuple[str, str, datetime, int, float | None, datetime | None]] = []
        for bank, question, at, rating, stability, last in rows:
            try:
                reviewed = None if last is None else datetime.fromisoformat(str(last))
                if reviewed is not None and reviewed.tzinfo is None:
                    continue  # CardState refuses a time without its zone
                out.append(
                    (
                        bank,
                        question,
                        parse_time(at),
                        int(rating),
                        None if stability is None else float(stability),
                        None if reviewed is None else reviewed.astimezone(UTC),
                    )
                )
            except (ValueError, TypeError):
                continue  # as recent_answers: a state this version cannot read is left out
        return out

    # Read-only figures: each a typed query, so no SQL lives outside this package

    def verdicts_since(self, profile: str, since: datetime) -> list[tuple[str, str, float]]:
        """(bank, verdict, score) of every answer of the profile at or after `since`."""
        # Today's line at start-up reads this before the answers' scan has run (it does not
        # wait for it, see _log_read): a score that is not a number is an answer that scan
        # takes out, so it is not counted here either.
        rows = self._db.execute(
            "SELECT bank, verdict, score FROM reviews WHERE profile = ? AND at >= ? "
            "AND typeof(score) IN ('real', 'integer')",
            (profile, timestamp(since)),
        )
        return [(bank, verdict, float(score)) for bank, verdict, score in rows]

    @_log_read
    def answer_times_since(
        self, profile: str, since: datetime
    ) -> list[tuple[datetime, str, float]]:
        """(when, verdict, score) of every answer of the profile at or after `since`."""
        rows = self._db.execute(
            "SELECT at, verdict, score FROM reviews WHERE profile = ? AND at >= ?",
            (profile, timestamp(since)),
        )
        return [(parse_time(at), verdict, float(score)) for at, verdict, score in rows]

    def due_now(self, profile: str, now: datetime) -> tuple[datetime | None, int]:
        """The earliest due time of any of the profile's cards, and how many are due at `now`."""
        first, count = self._db.execute(
            "SELECT min(due), count(*) FILTER (WHERE due <= ?) FROM cards WHERE profile = ?",
            (timestamp(now), profile),
        ).fetchone()
        return (parse_time(first) if first else None), int(count)

    def due_before(self, profile: str, until: datetime) -> list[datetime]:
        """Due times of the profile's cards that fall due before `until`."""
        rows = self._db.execute(
            "SELECT due FROM cards WHERE profile = ? AND due < ?", (profile, timestamp(until))
        )
        return [parse_time(due) for (due,) in rows]

    @_log_read
    def responses(self, profile: str) -> Iterator[tuple[str, str, str, object]]:
        """(bank, question, content hash, decoded response) of each answer, in answer order."""
        rows = self._db.execute(
            "SELECT bank, question, content_hash, response FROM reviews WHERE profile = ? "
            "ORDER BY id",
            (profile,),
        )
        for bank, question, digest, response in rows:
            yield bank, question, digest, json.loads(response)

    # For the statistics page: each figure one pass in SQL, so that a page over 100,000
    # answers reads tallies rather than rows (answers and due times are counted per quarter
    # hour, the finest step any time zone's offset takes, so the caller can count local days).

    @_log_read
    def answers_per_quarter(
        self, profile: str, since: datetime
    ) -> list[tuple[datetime, int, int, float]]:
        """(start of the quarter hour, answers, right answers, sum of scores) since `since`."""
        rows = self._db.execute(
            # unixepoch(): a third less time than strftime('%s') over 40,000 answers
            "SELECT unixepoch(at) / 900, count(*),"
            " sum(verdict = 'right'), total(score) FROM reviews"
            " WHERE profile = ? AND at >= ? GROUP BY 1",
            (profile, timestamp(since)),
        )
        return [(_quarter(q), int(n), int(right), float(s)) for q, n, right, s in rows]

    def due_per_quarter(self, profile: str, until: datetime) -> list[tuple[datetime, int]]:
        """(start of the quarter hour, cards falling due in it) of cards due before `until`."""
        rows = self._db.execute(
            "SELECT unixepoch(due) / 900, count(*) FROM cards"
            " WHERE profile = ? AND due < ? GROUP BY 1",
            (profile, timestamp(until)),
        )
        return [(_quarter(q), int(n)) for q, n in rows]

    def card_figures(self, profile: str, now: datetime) -> list[tuple[Any, ...]]:
        """(bank, question, content hash, last verdict, phase, stability, whole days since the
        last review, lapses) of every card of the profile, in one read, no state decoded."""
        return self._db.execute(
            "SELECT bank, question, content_hash, last_verdict,"
            " json_extract(state, '$.phase'), json_extract(state, '$.stability'),"
            " CAST(julianday(?) - julianday(json_extract(state, '$.last_review')) AS INTEGER),"
            " json_extract(state, '$.lapses')"
            " FROM cards WHERE profile = ?",
            (timestamp(now), profile),
        ).fetchall()

    @_log_read
    def wrong_picks(self, profile: str) -> list[tuple[str, str, str, str]]:
        """(bank, question, content hash, response) of each wrong answer given as one text (a
        chosen actor, option or word), in answer order: what a confusion can be read from."""
        rows = self._db.execute(
            # through the index of exactly these answers (schema._v9), in their order
            # (schema.WRONG_PICK is its condition: SQLite uses the index only for that one)
            f"SELECT bank, question, content_hash, {schema.PICKED} FROM reviews"  # noqa: S608 (fixed text)
            f" WHERE profile = ? AND {schema.WRONG_PICK}"
            " ORDER BY id",
            (profile,),
        )
        return [(b, q, h, str(r)) for b, q, h, r in rows]

    @_log_read
    def answer_quarters(
        self, profile: str, since: datetime, gap_days: float = 1.0
    ) -> tuple[int, list[tuple[int, int, int, float, int, int]]]:
        """(the profile's answers in all, and per quarter hour from `since` (a quarter hour's
        start): (its index, seconds since the epoch // 900; answers; right answers; sum of
        scores; recall tests; right ones)),
        from the counts kept in review_quarters (schema._v9): the answers since the last count
        are counted in first, and kept. A recall test is an answer given at least `gap_days`
        after the answer before it (by id) to the same question: what the learner recalled
        after a wait, not within one sitting.

        Read and written in one transaction, as count_tallies: if another writer came in
        between, or the file cannot be written, nothing is kept and the figures are worked
        out from the log.
        """
        db = self._db
        if not db.in_transaction:
            db.execute("BEGIN")
            try:
                total = self._count_quarters(profile, gap_days)
                rows = self._kept_quarters(profile, since)
                db.execute("COMMIT")
                return total, rows
            except sqlite3.OperationalError:
                rollback(db)
            except BaseException:
                rollback(db)
                raise
        tests = dict(self._quarter_tests(profile, since, gap_days))
        return self.review_count(profile), [
            (q, n, right, score, *tests.pop(q, (0, 0)))
            for q, n, right, score in (
                (int(at.timestamp()) // 900, n, right, score)
                for at, n, right, score in self.answers_per_quarter(profile, since)
            )
        ] + [(q, 0, 0, 0.0, *counted) for q, counted in tests.items()]

    def _count_quarters(self, profile: str, gap_days: float) -> int:
        """Count the answers after the profile's mark into review_quarters (all of them,
        with no mark, one counted for another gap, or one the log's count belies); the
        profile's answers in all."""
        db = self._db
        total = self.review_count(profile)
        mark = db.execute(
            "SELECT upto, answers, gap FROM review_marks WHERE profile = ?", (profile,)
        ).fetchone()
        rows = []
        if mark is not None and mark[2] == gap_days:
            rows = self._quarters_after(profile, int(mark[0]), gap_days)
            # An answer written under an id already counted past (by another program: a new
            # one's id is past every id) leaves more answers than were counted and are new.
            if total != int(mark[1]) + sum(int(row[1]) for row in rows):
                mark = None
        if mark is None or mark[2] != gap_days:
            db.execute("DELETE FROM review_quarters WHERE profile = ?", (profile,))
            mark = (0, 0, gap_days)
            rows = self._quarters_after(profile, 0, gap_days)
        if not rows:
            return total
        db.executemany(
            "INSERT INTO review_quarters VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile, quarter) DO UPDATE SET answers = answers + excluded.answers,"
            " right = right + excluded.right, score = score + excluded.score,"
            " tests = tests + excluded.tests, tests_right = tests_right + excluded.tests_right",
            [(profile, *row[:6]) for row in rows if row[0] is not None],
        )
        last = max(int(row[6]) for row in rows)
        counted = int(mark[1]) + sum(int(row[1]) for row in rows)
        db.execute(
            "INSERT OR REPLACE INTO review_marks VALUES (?, ?, ?, ?)",
            (profile, last, counted, gap_days),
        )
        return total

    def _quarters_after(self, profile: str, upto: int, gap_days: float) -> list[tuple[Any, ...]]:
        """_QUARTER_FIGURES of the profile's answers after the id `upto`."""
        return self._db.execute(
            # `+r.profile`: the answers after the mark by their ids, not every answer of the
            # profile through its index
            f"SELECT {_QUARTER_FIGURES} FROM ({_WITH_PREVIOUS} r.id > ? AND +r.profile = ?"  # noqa: S608 (constants)
            " LIMIT -1) GROUP BY 1",
            (gap_days, upto, profile),
        ).fetchall()

    def _kept_quarters(
        self, profile: str, since: datetime
    ) -> list[tuple[int, int, int, float, int, int]]:
        # as SQLite gives them (whole numbers, and the score a real): 2,800 rows for 30 days
        return self._db.execute(
            "SELECT quarter, answers, right, score, tests, tests_right FROM review_quarters"
            " WHERE profile = ? AND quarter >= ?",
            (profile, math.ceil(since.timestamp() / 900)),
        ).fetchall()

    def _quarter_tests(
        self, profile: str, since: datetime, gap_days: float
    ) -> list[tuple[int, tuple[int, int]]]:
        """Recall tests per quarter hour (by index) since `since`, from the log (answer_quarters'
        way when nothing can be kept)."""
        rows = self._db.execute(
            f"SELECT {_QUARTER_FIGURES} FROM ({_WITH_PREVIOUS} r.profile = ? AND r.at >= ?"  # noqa: S608 (constants)
            " LIMIT -1) GROUP BY 1",
            (gap_days, profile, timestamp(since)),
        )
        return [(int(q), (int(t), int(tr))) for q, _n, _r, _s, t, tr, _last in rows if t]

    def reader(self) -> Store:
        """A second connection to the same file, for one worker thread (SQLite connections
        stay in the thread that made them); the caller closes it. The file is not checked
        again: this store already opened it."""
        reader = Store(connect(self.path), self.path, self.clock)
        reader._log_check = self._log_check  # its reads of the log wait for the same scan
        return reader

    @_log_read
    def recent_durations(self, profile: str, limit: int = 500) -> list[int]:
        """Milliseconds taken over the profile's latest `limit` timed answers, newest first."""
        rows = self._db.execute(
            "SELECT duration_ms FROM reviews WHERE profile = ? AND duration_ms > 0 "
            "ORDER BY id DESC LIMIT ?",
            (profile, max(0, limit)),
        )
        return [int(d) for (d,) in rows]

    @_log_read
    def bank_totals(self, profile: str) -> list[tuple[str, int, int, str]]:
        """Per bank, in bank order: (bank, answers, right answers, time of the last answer)."""
        rows = self._db.execute(
            "SELECT bank, count(*), sum(verdict = 'right'), max(at) FROM reviews "
            "WHERE profile = ? GROUP BY bank ORDER BY bank",
            (profile,),
        )
        return [(bank, int(n), int(right), str(last)) for bank, n, right, last in rows]

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file, so that the file alone is complete."""
        self._db.execute("PRAGMA wal_checkpoint(FULL)")

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
            removed = self._reset_rows(profile)
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        return int(removed)

    def _reset_rows(self, profile: str) -> int:
        """Forget the profile's answers (inside the caller's transaction); how many."""
        # With sync on, the reset's stamp travels: answers before it count nowhere.
        self._profile_event(profile, "reset")
        removed = sync_profiles.forget_rows(self._db, profile)
        # A model fitted to answers now forgotten no longer describes this learner.
        self._db.execute("UPDATE profiles SET memory_model = NULL WHERE name = ?", (profile,))
        return removed

    def reset_with_backup(self, profiles: list[str], backup: Path) -> int:
        """Copy the whole file to `backup`, then forget every answer of `profiles`, as one step.

        The write lock is taken first, so no other writer can commit between the copy and the
        reset: every answer is either in the copy (given before) or in the file (after). The
        copy is made with SQLite's backup API, which reads through the write-ahead log too, and
        is renamed into place only once complete, so a failure leaves no partial copy.
        """
        db = self._db
        partial = backup.with_name(f".{backup.name}.partial")
        db.execute("BEGIN IMMEDIATE")
        try:
            # The copy reads through a second connection: a reader beside the held write lock
            # (WAL allows it), seeing every committed answer, since no one else can commit now.
            # SQLite refuses a backup from the connection that holds the write transaction.
            reader = sqlite3.connect(self.path)
            target = sqlite3.connect(partial)
            try:
                reader.backup(target)
            finally:
                target.close()
                reader.close()
            os.replace(partial, backup)
            removed = 0
            for profile in profiles:
                removed += self._reset_rows(profile)
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            partial.unlink(missing_ok=True)
            raise
        return int(removed)

    # Sync between the learner's devices (see studyapp/progress/sync/)

    @property
    def sync_identity(self) -> Identity | None:
        """This device in its sync folder; None until the store joined one. Read afresh: a
        pass on another connection may have given the device a new id (ledger.renew)."""
        if self._sync is not None:
            self._sync = sync_ledger.identity(self._db)
        return self._sync

    def join_sync(self, folder: Path, device: str, name: str) -> None:
        """Keep this store in step with the other devices writing to `folder`.

        `device` is this device's id (sync.new_device_id) and is kept on later joins; `name`
        is what the other devices show for it. Every answer so far is sent.
        """
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            sync_ledger.join(db, Path(folder), device, name, self.clock())
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        self._sync = sync_ledger.identity(db)

    def leave_sync(self) -> None:
        """Stop reading and writing the sync folder (this device keeps its id and answers)."""
        self._db.execute("UPDATE sync_self SET folder = NULL")
        self._sync = sync_ledger.identity(self._db)

    @_log_read
    def sync(self) -> Merged:
        """One pass: read and merge the other devices' files, then write this device's own."""
        me = self.sync_identity
        if me is None or me.folder is None:
            return Merged()
        return sync_exchange.sync_pass(self._db, me, self.clock())

    def sync_companion(self) -> Companion:
        """A second connection for sync passes on another thread (see sync/companion.py)."""
        return Companion(self.path, self.clock, random.SystemRandom())

    def answer_ids(self, profile: str | None = None) -> list[str]:
        """The global id of every answer in the log (None for one given before sync)."""
        if profile is None:
            rows = self._db.execute("SELECT gid FROM reviews ORDER BY id")
        else:
            rows = self._db.execute(
                "SELECT gid FROM reviews WHERE profile = ? ORDER BY id", (profile,)
            )
        return [gid for (gid,) in rows]

    def answer_gid(self, review_id: int) -> str | None:
        """The global id of one answer (None for one given before sync, or not there)."""
        row = self._db.execute("SELECT gid FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return None if row is None else row[0]

    def sync_peers(self) -> list[Peer]:
        """The other devices' files as last read, with what could not be read in them."""
        return sync_exchange.peers(self._db)

    # Sharing answers with a learning record store (see studyapp/progress/xapi/, studyapp/lrs/)

    @property
    def sharing(self) -> Sharing | None:
        """Where answers are shared; None until an LRS was set up."""
        return self._share

    def share_with(self, endpoint: str, username: str, home_page: str, origin: str) -> None:
        """Queue every answer from now on for this LRS (`origin` names this install, once)."""
        xapi_queue.configure(self._db, endpoint, username, home_page, origin)
        self._share = xapi_queue.sharing(self._db)

    def set_sharing(self, on: bool) -> None:
        """Turn sharing off (nothing more is queued; what waits stays) or on again."""
        xapi_queue.set_enabled(self._db, on)
        self._share = xapi_queue.sharing(self._db)

    def xapi_pending(self, limit: int) -> list[tuple[int, str]]:
        """The oldest statements the LRS has not taken yet, as (queue number, JSON text)."""
        return xapi_queue.pending(self._db, limit)

    def xapi_delivered(self, seqs: list[int]) -> None:
        """The LRS took these statements: one transaction for the whole batch."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            xapi_queue.delivered(self._db, seqs, self.clock())
            self._db.execute("COMMIT")
        except BaseException:
            rollback(self._db)
            raise

    def xapi_failed(self, seqs: list[int], error: str) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            xapi_queue.failed(self._db, seqs, error)
            self._db.execute("COMMIT")
        except BaseException:
            rollback(self._db)
            raise

    def xapi_outbox(self) -> Outbox:
        return xapi_queue.outbox(self._db)

    def pragma(self, name: Literal["journal_mode", "synchronous", "busy_timeout"]) -> object:
        """One of this connection's settings, for checks that the file is opened as intended."""
        return self._db.execute(f"PRAGMA {name}").fetchone()[0]

    def integrity(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


# Each answer, with whether it was a recall test (given at least the first parameter's days
# after the answer before it to the same question, by id: NULL if there was none), the one
# before found through the (profile, bank, question, id) index, one seek each. The caller adds
# the conditions on `r` (the profile's among them).
_WITH_PREVIOUS = (
    "SELECT r.id, r.at, r.verdict, r.score, julianday(r.at) - julianday((SELECT p.at"
    " FROM reviews p WHERE p.profile = r.profile AND p.bank = r.bank"
    " AND p.question = r.question AND p.id < r.id ORDER BY p.id DESC LIMIT 1)) >= ? AS test"
    " FROM reviews r WHERE"
)
# Per quarter hour of the rows of _WITH_PREVIOUS: (quarter, answers, right, sum of scores,
# recall tests, right ones, the last id). The rows come from a subquery closed by `LIMIT -1`
# (no limit), which SQLite does not fold into this one: folded, it sought the answer before
# each once per mention of `test` (415 against 362 ms of CPU over 100,000 answers).
_QUARTER_FIGURES = (
    "unixepoch(at) / 900, count(*), total(verdict = 'right'), total(score), total(test),"
    " total(test AND verdict = 'right'), max(id)"
)


def _quarter(index: int) -> datetime:
    return datetime.fromtimestamp(index * 900, UTC)

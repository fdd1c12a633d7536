"""One pass over the sync folder: write this device's new lines, read and merge the others'.

Reading happens before the write lock is taken (files can be large and slow to read on a
network share); merging happens in one transaction, so a kill mid-merge leaves the store as it
was and the next pass reads the same lines again. Ids make the second reading harmless.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from studyapp.bank.collector import collector_paused
from studyapp.progress.opening import rollback
from studyapp.progress.records import name_id, parse_time, timestamp
from studyapp.progress.sync import profiles as sync_profiles
from studyapp.progress.sync.folder import (
    Reading,
    append_own,
    own_lines,
    own_state,
    read_peer,
    rewrite_own,
)
from studyapp.progress.sync.ledger import (
    CardKey,
    Identity,
    Position,
    Tail,
    answer_row,
    identity,
    renew,
    replay_card,
    setting_update,
)
from studyapp.progress.sync.lines import Damaged, device_of, file_name, new_device_id
from studyapp.progress.sync.replay import Replayer


@dataclass(frozen=True, slots=True)
class Peer:
    """Another device's file as this device last read it (for Settings › Sync)."""

    file: str
    device: str | None
    name: str | None
    answers: int
    last_stamp: datetime | None
    read_at: datetime | None
    problem: str | None


@dataclass(slots=True)
class Merged:
    """What one pass brought in."""

    answers: int = 0
    undos: int = 0
    settings: int = 0
    profiles: int = 0
    cards: set[CardKey] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.answers or self.undos or self.settings or self.profiles)

    def absorb(self, other: Merged) -> None:
        """Add what a later part of the same pass brought in."""
        self.answers += other.answers
        self.undos += other.undos
        self.settings += other.settings
        self.profiles += other.profiles
        self.cards |= other.cards
        self.problems.extend(p for p in other.problems if p not in self.problems)


def push(db: sqlite3.Connection, me: Identity, rng: random.Random) -> Path:
    """Bring this device's file up to its outbox: append what is new, or rewrite it whole if
    it is missing or cut short. A file that holds records this store never wrote (a backup
    put back, a progress file copied to another machine) makes this device a new one."""
    assert me.folder is not None
    path = me.folder / file_name(me.device)
    pushed, pushed_size = db.execute("SELECT pushed, pushed_size FROM sync_self").fetchone()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = -1
    whole = pushed > 0 and size == pushed_size
    if not whole and _renewed(db, me, path, rng):
        me = identity(db) or me
        path = me.folder / file_name(me.device) if me.folder else path
        pushed, pushed_size = 0, 0
    elif not whole:
        found = own_state(path, me.device)
        last = db.execute("SELECT coalesce(max(seq), 0) FROM sync_out").fetchone()[0]
        if found is not None and found[0] <= last:
            pushed, pushed_size, whole = found[0], found[1], True
    rows = db.execute(
        "SELECT seq, line FROM sync_out WHERE seq > ? ORDER BY seq", (pushed if whole else 0,)
    ).fetchall()
    if whole and not rows:
        return path
    lines = [bytes(line) for _, line in rows]
    new_size = append_own(path, lines) if whole else rewrite_own(path, me.header, lines)
    # What was written, not what the outbox holds now: an answer recorded meanwhile (by the
    # window, while this pass runs on a thread of its own) goes out on the next pass.
    db.execute(
        "UPDATE sync_self SET pushed = ?, pushed_size = ?",
        (rows[-1][0] if rows else 0, new_size),
    )
    return path


def _renewed(db: sqlite3.Connection, me: Identity, path: Path, rng: random.Random) -> bool:
    """If the file is not this store's (see push), take a fresh device id; whether it did."""
    held = own_lines(path, me.device)
    if not held:
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        outbox = {seq: bytes(line) for seq, line in db.execute("SELECT seq, line FROM sync_out")}
        same = {seq for seq, line in held.items() if outbox.get(seq) == line}
        if len(same) == len(held):
            db.execute("COMMIT")
            return False
        renew(db, me.device, new_device_id(rng), same)
        db.execute("COMMIT")
    except BaseException:
        rollback(db)
        raise
    return True


def sync_pass(
    db: sqlite3.Connection,
    me: Identity,
    wall: datetime,
    step: int | None = None,
    rng: random.Random | None = None,
) -> Merged:
    """Read and merge the other devices' files, then write this device's own.

    With `step`, the merge commits every `step` records (each part whole in itself: its
    answers, their cards' replays and how far the file is read), so that the window, which
    records answers on a connection of its own, never waits long for the write lock.
    """
    assert me.folder is not None
    if not me.folder.is_dir():
        return Merged(problems=[f"{me.folder}: the sync folder cannot be reached"])
    _announce(db, wall)
    # A large file makes hundreds of thousands of records, rows and states, none of them
    # garbage until the merge ends: the cycle collector would walk them all again and again
    # (a quarter of a second over 100,000 answers, 5 full walks), so it waits (as for a bank).
    with collector_paused():
        readings = read_all(db, me)
        if step is None:
            merged = merge(db, readings, wall)
        else:
            merged = Merged()
            memory = Memory()
            for part in _steps(readings, step):
                merged.absorb(merge(db, part, wall, memory))
    try:
        push(db, me, rng if rng is not None else random.SystemRandom())
    except OSError as error:
        merged.problems.append(f"{me.folder}: this device's file cannot be written: {error}")
    return merged


def _announce(db: sqlite3.Connection, wall: datetime) -> None:
    """Tell the folder of the profiles it has not heard of (made before this version, or
    while a pass ran): nothing is written when there is none, so an idle poll writes nothing."""
    if (
        db.execute(
            "SELECT 1 FROM profiles WHERE uid NOT IN (SELECT uid FROM sync_profiles) LIMIT 1"
        ).fetchone()
        is None
    ):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        sync_profiles.announce(db, wall)
        db.execute("COMMIT")
    except BaseException:
        rollback(db)
        raise


def _steps(
    readings: list[tuple[str, Reading | str]], step: int
) -> list[list[tuple[str, Reading | str]]]:
    out: list[list[tuple[str, Reading | str]]] = []
    small: list[tuple[str, Reading | str]] = []
    for file, reading in readings:
        if isinstance(reading, str) or len(reading.records) <= step:
            small.append((file, reading))
        else:
            out.extend([(file, part)] for part in reading.parts(step))
    return ([small] if small else []) + out


def read_all(db: sqlite3.Connection, me: Identity) -> list[tuple[str, Reading | str]]:
    """Every other device's file that changed since the last pass, read (or why it cannot be)."""
    assert me.folder is not None
    known = {
        file: (resume, size, problem)
        for file, resume, size, problem in db.execute(
            "SELECT file, resume, size, problem FROM sync_peers"
        )
    }
    out: list[tuple[str, Reading | str]] = []
    for path in sorted(me.folder.iterdir()):
        device = device_of(path.name)
        if device is None or device == me.device:
            continue
        resume, size, problem = known.get(path.name, (0, -1, None))
        try:
            # An append-only file whose size has not moved holds nothing new.
            if problem is None and path.stat().st_size == size == resume:
                continue
            out.append((path.name, read_peer(path, resume)))
        except OSError as error:
            out.append((path.name, f"it cannot be read: {error.strerror or error}"))
    return out


def merge(
    db: sqlite3.Connection,
    readings: list[tuple[str, Reading | str]],
    wall: datetime,
    memory: Memory | None = None,
) -> Merged:
    """Apply what was read, in one transaction.

    `memory` carries what one step of a pass learnt to the next (see sync_pass and Memory).
    """
    merged = Merged()
    if not readings:
        return merged  # nothing changed: no transaction, so an idle poll writes nothing
    latest = ""
    memory = Memory() if memory is None else memory
    batch = _Batch(db, memory)
    # SQLite's default page cache (2 MB) is smaller than the log's indexes: a large merge,
    # whose answers go into each index at many places, then writes pages out and reads
    # them back again (100,000 answers took 1.25 s to insert with it, 1.0 s with 16 MB).
    # Pages are taken only as needed and given back after.
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {_MERGE_CACHE}")
    db.execute("BEGIN IMMEDIATE")
    try:
        memory.check(db)
        _profiles_first(batch, readings, merged)
        for file, reading in readings:
            if isinstance(reading, str):
                _note(db, file, None, reading, wall)
                merged.problems.append(f"{file}: {reading}")
                continue
            problems = [reading.problem] if reading.problem else []
            # A walk over every record read: taken once, for the clock and for sync_peers.
            last = reading.last_stamp
            if reading.header is not None and reading.header.readable:
                device = reading.header.device
                if device != device_of(file):
                    problems = ["its header names another device"]
                else:
                    batch.device(device)
                    for record in reading.records:
                        try:
                            _apply(batch, device, record, merged)
                        except Damaged as why:
                            problems.append(f"record {record['seq']} was skipped: {why}")
                    latest = max(latest, last or "")
            problem = "; ".join(problems) or None
            if problem:
                merged.problems.append(f"{file}: {problem}")
            _note(db, file, reading, problem, wall, last)
        merged.cards = batch.finish()
        if latest:
            # The hybrid clock: what this device gives next sorts after all it has now seen.
            db.execute("UPDATE sync_self SET stamp = max(stamp, ?)", (latest,))
        db.execute("COMMIT")
    except BaseException:
        rollback(db)
        memory.forget()
        raise
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")
    return merged


# The page cache a merge's transaction may use, in SQLite's terms (negative: in KiB).
_MERGE_CACHE = -16384


class Memory:
    """What the steps of one pass share: which ids each device's records were applied under,
    and where each card's log ended (ledger.Tail), so that a step reads neither again.

    The ids only grow (the window's connection applies none of another device's records);
    the tails hold only while no other connection wrote, which SQLite's data_version tells.
    """

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}
        self.tails: dict[CardKey, Tail] = {}
        self._version: int | None = None

    def check(self, db: sqlite3.Connection) -> None:
        """At the start of a step's transaction: drop the tails if anyone else wrote."""
        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self.tails.clear()
        self._version = version

    def forget(self) -> None:
        """A step failed: nothing it learnt holds."""
        self.seen.clear()
        self.tails.clear()
        self._version = None


@dataclass(slots=True)
class _New:
    """Another device's answer, held until its card is replayed and its row written whole."""

    gid: str
    stamp: str
    row: tuple[Any, ...]
    at: datetime


# The order every device replays a card's answers in.
_NEW_ORDER = attrgetter("stamp", "gid")


class _Batch:
    """One merge's new answers, replayed and written per card at the end (`finish`).

    Which ids were applied is read once per device (its range of the id index) and kept in
    memory. Answers wait here, grouped by card, and are written with their states in one
    statement, so a large merge costs one replay pass per card and no query per answer.
    """

    def __init__(self, db: sqlite3.Connection, memory: Memory) -> None:
        self.db = db
        self.memory = memory
        self.known = memory.seen  # per device, read once per pass
        self.seen: set[str] = set()
        self.new: dict[CardKey, dict[str, _New]] = {}
        self.card_of: dict[str, CardKey] = {}
        self.starts: dict[CardKey, Position] = {}
        self.ids: list[str] = []
        self.people: dict[str, sync_profiles.Known] | None = None
        self.by_name: dict[str, str] = {}
        self.whom: dict[object, sync_profiles.Known] = {}
        self.responses: set[str] = set()

    def device(self, device: str) -> None:
        """Read which of the device's records were applied (once a pass)."""
        held = self.known.get(device)
        if held is None:
            held = self.known[device] = set()
            # Ids are "<device>.<seq>": a range over each id index ("/" follows "." in
            # ASCII). An answer's id is its row's; undone answers, undos and settings are in
            # sync_seen.
            span = (f"{device}.", f"{device}/")
            for table in ("sync_seen", "reviews"):
                held.update(
                    gid
                    for (gid,) in self.db.execute(
                        f"SELECT gid FROM {table} WHERE gid >= ? AND gid < ?",  # noqa: S608
                        span,
                    )
                )
        self.seen = held

    def applied(self, gid: str) -> bool:
        # A record's own id is in its device's range, read whole by `device`.
        return gid in self.seen

    def mark(self, gid: str, logged: bool = False) -> None:
        """Applied from now on; `logged` ids (answers) are known by their row in the log."""
        self.seen.add(gid)
        if not logged:
            self.ids.append(gid)

    def whose(self, record: dict[str, Any]) -> sync_profiles.Known:
        """The profile an answer or a setting is for, as this device holds it."""
        # A merge meets few profiles in many records: each is looked up once. The usual key,
        # a profile id, is tried first without working out what else could name it.
        uid = record.get("profile_id")
        if type(uid) is str and uid:
            found = self.whom.get(uid)
            if found is not None:
                return found
        key = _who_key(record)
        found = self.whom.get(key)
        if found is None:
            found = self.whom[key] = self._whose(record)
        return found

    def _whose(self, record: dict[str, Any]) -> sync_profiles.Known:
        if self.people is None:
            self.people = sync_profiles.known(self.db)
            self.by_name = {k.shown: k.uid for k in self.people.values() if k.shown is not None}
        uid = _uid(record, self.by_name)
        found = self.people.get(uid)
        if found is None:
            # Not met in the first look over the records (see _profiles_first): rare, a
            # version-1 writer's name that a rename in this very pass moved.
            sync_profiles.guessed(self.db, uid, record["profile"], record["stamp"])
            sync_profiles.settle(self.db)
            self.memory.tails.clear()
            self.people = None
            self.whom.clear()
            return self._whose({**record, "profile_id": uid})
        return found

    def answer(self, key: CardKey, new: _New) -> None:
        waiting = self.new.get(key)
        if waiting is None:
            waiting = self.new[key] = {}
        waiting[new.gid] = new
        self.card_of[new.gid] = key

    def undo(self, of: str) -> None:
        """Take back an answer, whether it came in this merge or before."""
        key = self.card_of.pop(of, None)
        if key is not None:
            del self.new[key][of]  # never written: its card changes only by the others
            return
        found = self.db.execute(
            "SELECT id, profile, bank, question, stamp FROM reviews WHERE gid = ?", (of,)
        ).fetchone()
        if found is not None:
            self.db.execute("DELETE FROM reviews WHERE id = ?", (found[0],))
            _start(self.starts, (found[1], found[2], found[3]), (found[4], of))
        else:
            # An answer kept aside for a deleted profile is taken back there too, so every
            # device keeps the same ones aside.
            self.db.execute("DELETE FROM sync_held WHERE gid = ? AND why = 'deleted'", (of,))

    def finish(self) -> set[CardKey]:
        """Replay every card that changed and write its answers, their states and the card."""
        replayer = Replayer()
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[str, int]] = []
        cards: list[tuple[Any, ...]] = []
        gone: list[CardKey] = []
        touched = {key for key, waiting in self.new.items() if waiting} | set(self.starts)
        for key in touched:
            waiting = sorted(self.new.get(key, {}).values(), key=_NEW_ORDER)
            start = self.starts.get(key)
            if waiting:
                first = (waiting[0].stamp, waiting[0].gid)
                start = first if start is None else min(start, first)
            card = replay_card(
                self.db, replayer, key, start, waiting, inserts, updates, self.memory.tails
            )
            if card is None:
                gone.append(key)
            else:
                cards.append(card)
        db = self.db
        # In stamp order, as the file gave them: the log's indexes by time and id then grow at
        # their ends, which halves the cost of the insert against card order.
        inserts.sort(key=itemgetter(13))
        db.executemany(
            "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict, "
            "score, duration_ms, mode, rating, retention, gid, stamp, state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        db.executemany("UPDATE reviews SET state = ? WHERE id = ?", updates)
        db.executemany("DELETE FROM cards WHERE profile = ? AND bank = ? AND question = ?", gone)
        db.executemany(
            "INSERT INTO cards (profile, bank, question, content_hash, state, due, first_at, "
            "last_at, last_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (profile, bank, question) DO UPDATE SET "
            "content_hash = excluded.content_hash, state = excluded.state, due = excluded.due, "
            "first_at = excluded.first_at, last_at = excluded.last_at, "
            "last_verdict = excluded.last_verdict",
            cards,
        )
        db.executemany(
            "INSERT OR IGNORE INTO sync_seen (gid) VALUES (?)", [(gid,) for gid in self.ids]
        )
        return touched


def _apply(batch: _Batch, device: str, record: dict[str, Any], merged: Merged) -> None:
    db = batch.db
    gid = f"{device}.{record['seq']}"
    if gid in batch.seen:  # batch.applied, without the call (once per record of a merge)
        return
    kind, stamp = record["kind"], record["stamp"]
    if kind == "answer":
        row, at = answer_row(record, batch.responses)
        person = batch.whose(record)
        if person.reset is not None and stamp < person.reset:
            batch.mark(gid)  # before the profile's reset: it no longer counts
            return
        if person.deleted is not None or person.shown is None:
            # An answer to a deleted profile (from a device that had not heard of it yet):
            # kept aside, out of every view, as its other answers were.
            sync_profiles.hold(db, gid, "deleted", {**record, "profile_id": person.uid})
            batch.mark(gid)
            return
        if person.shown != row[0]:
            row = (person.shown, *row[1:])
        batch.answer(row[:3], _New(gid, stamp, row, at))
        batch.seen.add(gid)  # batch.mark(gid, logged=True)
        merged.answers += 1
        return
    elif kind == "undo":
        of = record["of"]
        if not isinstance(of, str):
            raise Damaged("undo names no answer")
        batch.undo(of)
        # Seen from now on, so that the answer, should its line come later, is never applied.
        batch.mark(of)
        merged.undos += 1
    elif kind == "profile":
        # Folded in by _profiles_first; one that gets here is damaged.
        sync_profiles.event_of(record)
    elif kind == "setting":
        _, key, value = setting_update(record)
        person = batch.whose(record)
        if person.shown is None:
            batch.mark(gid)  # a setting of a deleted profile
            return
        profile = person.shown
        held = db.execute(
            "SELECT stamp, device FROM sync_settings WHERE profile = ? AND key = ?",
            (profile, key),
        ).fetchone()
        if held is None or (stamp, device) > tuple(held):
            db.execute(
                f"UPDATE profiles SET {key} = ? WHERE name = ?",  # noqa: S608
                (value, profile),
            )
            db.execute(
                "INSERT INTO sync_settings (profile, key, stamp, device) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (profile, key) DO UPDATE SET stamp = excluded.stamp, "
                "device = excluded.device",
                (profile, key, stamp, device),
            )
            merged.settings += 1
    else:
        # A kind a newer version writes: kept whole for it, not marked as applied.
        sync_profiles.hold(db, gid, "kind", record)
        return
    batch.mark(gid)


def _start(starts: dict[CardKey, Position], key: CardKey, at: Position) -> None:
    held = starts.get(key)
    if held is None or at < held:
        starts[key] = at


def _who_key(record: dict[str, Any]) -> object:
    """What names a record's profile: its id, or (for a version-1 writer) its name; a value
    of the wrong type (a damaged record, refused later) names none."""
    uid, name = record.get("profile_id"), record.get("profile")
    if isinstance(uid, str) and uid:
        return uid
    return ("", name) if isinstance(name, str) else None


def _uid(record: dict[str, Any], by_name: dict[str, str]) -> str:
    uid = record.get("profile_id")
    if isinstance(uid, str) and uid:
        return uid
    # A version-1 writer names its profile only: the profile of that name here, as version 1
    # matched them, or the id that name gives.
    name = record["profile"]
    if not isinstance(name, str):
        raise Damaged("profile is not text")
    return by_name.get(name) or name_id(name)


def _profiles_first(
    batch: _Batch, readings: list[tuple[str, Reading | str]], merged: Merged
) -> None:
    """Fold in every profile record of this merge, and note every profile an answer or a
    setting names that this device has not heard of, before any answer is applied: the
    names each profile shows are then settled once, and no answer waits under a name that
    changes within the merge. Damaged records are left for the main pass to report."""
    db = batch.db
    people = sync_profiles.known(db)
    by_name = {k.shown: k.uid for k in people.values() if k.shown is not None}
    touched = False
    checked: set[object] = set()
    for file, reading in readings:
        if isinstance(reading, str) or reading.header is None or not reading.header.readable:
            continue
        device = reading.header.device
        if device != device_of(file):
            continue
        batch.device(device)
        for record in reading.records:
            kind = record["kind"]
            if kind == "answer" or kind == "setting":
                # Few profiles, many answers: each profile is looked at once (its id, the
                # usual key, is tried before working out the key).
                uid = record.get("profile_id")
                if type(uid) is str and uid in checked:
                    continue
                key = _who_key(record)
                if key in checked:
                    continue
                checked.add(key)
            elif kind != "profile":
                continue
            try:
                if kind == "profile":
                    gid = f"{device}.{record['seq']}"
                    if batch.applied(gid):
                        continue
                    uid, event, name = sync_profiles.event_of(record)
                    if sync_profiles.note(db, uid, event, name, record["stamp"], device):
                        merged.profiles += 1
                    batch.mark(gid)
                    touched = True
                    continue
                uid = _uid(record, by_name)
                if uid not in people and isinstance(record["profile"], str):
                    sync_profiles.guessed(db, uid, record["profile"], record["stamp"])
                    people[uid] = sync_profiles.Known(uid, None, None, None)
                    touched = True
            except Damaged:
                continue
    if touched and sync_profiles.settle(db):
        batch.memory.tails.clear()


def _note(
    db: sqlite3.Connection,
    file: str,
    reading: Reading | None,
    problem: str | None,
    wall: datetime,
    last: str | None = None,
) -> None:
    """Keep in sync_peers how far `file` was read and what was wrong with it; `last` is the
    reading's last_stamp, which the caller has already taken."""
    if reading is None:
        db.execute(
            "INSERT INTO sync_peers (file, read_at, problem) VALUES (?, ?, ?) "
            "ON CONFLICT (file) DO UPDATE SET read_at = excluded.read_at, "
            "problem = excluded.problem",
            (file, timestamp(wall), problem),
        )
        return
    header = reading.header
    db.execute(
        "INSERT INTO sync_peers (file, device, name, resume, size, last_stamp, read_at, "
        "problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (file) DO UPDATE SET "
        "device = excluded.device, name = excluded.name, resume = excluded.resume, "
        "size = excluded.size, "
        "last_stamp = coalesce(max(sync_peers.last_stamp, excluded.last_stamp), "
        "sync_peers.last_stamp, excluded.last_stamp), read_at = excluded.read_at, "
        "problem = excluded.problem",
        (
            file,
            header.device if header else None,
            header.name if header else None,
            reading.resume,
            reading.size,
            last,
            timestamp(wall),
            problem,
        ),
    )


def _answers_from(db: sqlite3.Connection, device: str | None) -> int:
    if device is None:
        return 0
    # Ids are "<device>.<seq>": a range over the id index ("/" follows "." in ASCII).
    return int(
        db.execute(
            "SELECT count(*) FROM reviews WHERE gid >= ? AND gid < ?", (f"{device}.", f"{device}/")
        ).fetchone()[0]
    )


def peers(db: sqlite3.Connection) -> list[Peer]:
    rows = db.execute(
        "SELECT file, device, name, last_stamp, read_at, problem FROM sync_peers "
        "ORDER BY coalesce(name, file)"
    ).fetchall()
    return [
        Peer(
            file=file,
            device=device,
            name=name,
            answers=_answers_from(db, device),
            last_stamp=parse_time(last) if last else None,
            read_at=parse_time(read) if read else None,
            problem=problem,
        )
        for file, device, name, last, read, problem in rows
    ]

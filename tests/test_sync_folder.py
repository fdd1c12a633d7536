"""Two devices kept in step through one folder, delivered in pieces as a sync engine does."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from progress_helpers import Clock
from sync_helpers import Courier, Device, make_device, same_progress

from studyapp.progress import Store
from studyapp.progress.sync import Merged
from studyapp.progress.sync.lines import Damaged, check_record, decode, encode

A_ID, B_ID = "00000000000000aa", "00000000000000bb"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    a = make_device(tmp_path, "laptop", A_ID, Clock())
    b = make_device(tmp_path, "desktop", B_ID, Clock())
    yield a, b
    a.store.close()
    b.store.close()


def exchange(a: Device, b: Device, courier: Courier) -> None:
    """Each device writes, the engine carries both files, each device reads."""
    a.store.sync()
    b.store.sync()
    courier.settle(a, b)
    courier.settle(b, a)
    a.store.sync()
    b.store.sync()


def test_answers_in_alternation_arrive_once_and_agree(pair: tuple[Device, Device]) -> None:
    a, b = pair
    rng = random.Random(7)
    courier = Courier(rng, pieces=4)
    questions = [f"q{i}" for i in range(6)]
    made = 0
    for _round in range(15):
        for device in (a, b):
            device.clock.tick(minutes=rng.randint(1, 90))
            device.answer(rng.choice(questions), rng.choice((1, 3, 3, 4)))
            made += 1
            device.store.sync()
            # The other device reads between every piece of the delivery.
            other = b if device is a else a
            for _piece in courier.deliver(device, other):
                other.store.sync()
            other.store.sync()
    exchange(a, b, courier)
    assert a.store.review_count() == b.store.review_count() == made
    same_progress(a.store, b.store)
    assert not any(p.problem for p in a.store.sync_peers() + b.store.sync_peers())


def test_state_is_the_replay_in_stamp_order_whatever_the_arrival(
    pair: tuple[Device, Device],
) -> None:
    """Answers made on both devices before either hears of the other still agree."""
    a, b = pair
    for _ in range(5):
        a.clock.tick(hours=5)
        a.answer("q1", 3)
        b.clock.tick(hours=3)
        b.answer("q1", 1)
    exchange(a, b, Courier(random.Random(1)))
    same_progress(a.store, b.store)
    card = a.store.card("ana", "news", "q1")
    assert card is not None
    assert card.state.reps == 10
    # Reps count every answer; lapses only answers "again" given after a review phase.
    assert card.last_at == max(a.clock(), b.clock())


def test_a_half_delivered_line_waits_and_is_not_reported(pair: tuple[Device, Device]) -> None:
    a, b = pair
    for q in ("q1", "q2", "q3"):
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    a.store.sync()
    data = a.own_file.read_bytes()
    cut = data.rfind(b"\n", 0, len(data) - 1) + 10  # inside the last line
    (b.folder / a.own_file.name).write_bytes(data[:cut])
    merged = b.store.sync()
    assert merged.answers == 2
    assert merged.problems == []
    (b.folder / a.own_file.name).write_bytes(data)
    assert b.store.sync().answers == 1
    same_progress(a.store, b.store)


def test_a_gap_left_by_an_out_of_order_piece_is_read_again(pair: tuple[Device, Device]) -> None:
    a, b = pair
    for q in ("q1", "q2", "q3", "q4"):
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    a.store.sync()
    data = a.own_file.read_bytes()
    lines = data.split(b"\n")
    start = len(b"\n".join(lines[:2])) + 1  # the second answer's line
    holed = data[:start] + bytes(len(lines[2])) + data[start + len(lines[2]) :]
    (b.folder / a.own_file.name).write_bytes(holed)
    merged = b.store.sync()
    assert merged.answers == 3
    (peer,) = b.store.sync_peers()
    assert peer.problem is not None
    assert "line 3" in peer.problem
    (b.folder / a.own_file.name).write_bytes(data)
    assert b.store.sync().answers == 1
    (peer,) = b.store.sync_peers()
    assert peer.problem is None
    assert peer.answers == 4
    assert peer.name == "laptop"
    same_progress(a.store, b.store)


def test_a_file_from_a_newer_version_is_reported_and_left_alone(
    pair: tuple[Device, Device],
) -> None:
    _a, b = pair
    newer = b.folder / "studyapp-00000000000000cc.jsonl"
    text = encode({"studyapp_sync": 3, "device": "00000000000000cc", "name": "tablet"})
    record = encode({"seq": 1, "stamp": "2025-03-03T09:00:00.000000+00:00", "kind": "answer"})
    newer.write_bytes(text + record)
    merged = b.store.sync()
    assert merged.answers == 0
    (peer,) = b.store.sync_peers()
    assert peer.problem is not None
    assert "newer StudyApp" in peer.problem
    assert newer.read_bytes() == text + record


def test_a_damaged_line_is_reported_with_its_number_and_the_rest_applied(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    for q in ("q1", "q2", "q3"):
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    a.store.sync()
    lines = a.own_file.read_bytes().split(b"\n")
    (at,) = [n for n, line in enumerate(lines) if b'"q2"' in line]
    lines[at] = lines[at].replace(b'"q2"', b'"qX"')  # the checksum no longer matches
    (b.folder / a.own_file.name).write_bytes(b"\n".join(lines))
    merged = b.store.sync()
    assert merged.answers == 2
    assert any(f"line {at + 1} could not be read" in p for p in merged.problems)
    assert {c[1] for c in b.store.cards("ana")} == {"q1", "q3"}


def test_an_answer_with_a_value_off_is_skipped_with_why_and_the_rest_applied(
    pair: tuple[Device, Device],
) -> None:
    # Sound lines (their checksums hold) from a faulty writer: each answer whose values are
    # off is named with the reason; a whole number where a number is wanted is fine.
    a, b = pair
    off: dict[str, tuple[dict[str, object], str | None]] = {
        "q1": ({"profile": 7}, "profile is not text"),
        "q2": ({"rating": 5}, "rating is not 1 to 4"),
        "q3": ({"rating": True}, "rating is not 1 to 4"),
        "q4": ({"score": "1"}, "score is not a number"),
        "q5": ({"retention": 1.5}, "retention is out of range"),
        "q6": ({"at": "yesterday"}, "a time or the response cannot be read"),
        "q7": ({"response": "{not json"}, "a time or the response cannot be read"),
        "q8": ({"duration_ms": 2.5}, "duration is not a whole number"),
        "q9": ({"score": 1, "retention": 0.8}, None),
        "q10": ({}, None),
    }
    for q in off:
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    a.store.sync()
    lines = a.own_file.read_bytes().split(b"\n")
    for n, line in enumerate(lines[1:-1], 1):
        record = decode(line)
        if record.get("kind") == "answer":
            lines[n] = encode({**record, **off[record["question"]][0]}).rstrip(b"\n")
    (b.folder / a.own_file.name).write_bytes(b"\n".join(lines))
    merged = b.store.sync()
    assert merged.answers == 2
    assert {c[1] for c in b.store.cards("ana")} == {"q9", "q10"}
    (problem,) = merged.problems
    for q, (_, why) in off.items():
        assert (why is None) or why in problem, (q, problem)
    assert problem.count("was skipped") == 8
    assert [r.score for r in b.store.reviews("ana")] == [1.0, 1.0]


def test_a_peer_file_cut_short_loses_and_duplicates_nothing(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    courier = Courier(random.Random(3))
    for q in ("q1", "q2", "q3"):
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    exchange(a, b, courier)
    copy = b.folder / a.own_file.name
    copy.write_bytes(copy.read_bytes()[:200])
    assert b.store.sync().answers == 0
    assert b.store.review_count() == 3
    # The writer notices its own file cut too, and writes it whole again.
    a.own_file.write_bytes(a.own_file.read_bytes()[:200])
    a.clock.tick(minutes=5)
    a.answer("q4", 3)
    exchange(a, b, courier)
    assert a.own_file.read_bytes().count(b"\n") == 1 + 1 + 4  # header, profile, answers
    same_progress(a.store, b.store)


def test_a_clock_hours_behind_still_orders_answers_after_what_it_has_seen(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    b.clock.tick(hours=-6)  # the desktop's clock is six hours slow
    courier = Courier(random.Random(5))
    a.clock.tick(minutes=1)
    a.answer("q1", 3)
    exchange(a, b, courier)
    b.clock.tick(minutes=1)
    b.answer("q1", 1)  # given after the laptop's answer, though stamped "earlier" by its clock
    exchange(a, b, courier)
    same_progress(a.store, b.store)
    card = b.store.card("ana", "news", "q1")
    assert card is not None
    assert card.last_verdict == "wrong"
    theirs = decode(a.own_file.read_bytes().split(b"\n")[-2])
    mine = decode(b.own_file.read_bytes().split(b"\n")[-2])
    assert mine["at"] < theirs["at"] < mine["stamp"]


def test_undo_travels_as_a_record_and_wins_over_a_late_answer_line(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    courier = Courier(random.Random(9))
    a.clock.tick(minutes=1)
    kept = a.answer("q1", 3)
    a.clock.tick(minutes=1)
    taken = a.answer("q1", 1)
    exchange(a, b, courier)
    assert b.store.review_count() == 2
    assert a.store.undo(taken)
    exchange(a, b, courier)
    assert b.store.review_count() == 1
    same_progress(a.store, b.store)
    assert kept

    # A third device that gets the undo before the (damaged) answer line never applies it.
    a.clock.tick(minutes=1)
    late = a.answer("q2", 4)
    assert a.store.undo(late)
    a.store.sync()
    lines = a.own_file.read_bytes().split(b"\n")
    answer_line = next(i for i, line in enumerate(lines) if b'"q2"' in line)
    damaged = [*lines]
    damaged[answer_line] = b"0" * len(lines[answer_line])
    root = a.folder.parent.parent
    c = make_device(root, "tablet", "00000000000000cc", Clock())
    (c.folder / a.own_file.name).write_bytes(b"\n".join(damaged))
    c.store.sync()
    (c.folder / a.own_file.name).write_bytes(b"\n".join(lines))
    c.store.sync()
    assert {card[1] for card in c.store.cards("ana")} == {"q1"}
    same_progress(a.store, c.store)


def test_settings_last_writer_wins_per_setting(pair: tuple[Device, Device]) -> None:
    a, b = pair
    courier = Courier(random.Random(2))
    a.clock.tick(minutes=1)
    a.store.update_profile("ana", desired_retention=0.8)
    b.clock.tick(minutes=2)
    b.store.update_profile("ana", desired_retention=0.95, daily_new_limit=5)
    a.clock.tick(minutes=2)
    a.store.update_profile("ana", shuffle_options=False)
    exchange(a, b, courier)
    for device in (a, b):
        ana = device.store.profile("ana")
        assert (ana.desired_retention, ana.daily_new_limit, ana.shuffle_options) == (
            0.95,
            5,
            False,
        )


def test_history_before_joining_is_sent_and_reopening_keeps_the_device(
    tmp_path: Path,
) -> None:
    clock = Clock()
    path = tmp_path / "old" / "progress.sqlite3"
    with Store.open(path, clock) as old:
        a = Device(old, tmp_path, A_ID, clock)
        for q in ("q1", "q2", "q1"):
            clock.tick(hours=1)
            a.answer(q, 3)
        assert old.answer_ids() == [None, None, None]
        old.join_sync(tmp_path / "shared", A_ID, "laptop")
    (tmp_path / "shared").mkdir()
    with Store.open(path, clock) as reopened:
        assert reopened.sync_identity is not None
        assert reopened.sync_identity.device == A_ID
        reopened.sync()
        ids = reopened.answer_ids()
        assert ids == [f"{A_ID}.1", f"{A_ID}.2", f"{A_ID}.3"]
    b = make_device(tmp_path, "desktop", B_ID, Clock())
    with Store.open(path, clock) as again:
        Courier(random.Random(4)).settle(Device(again, tmp_path / "shared", A_ID, clock), b)
        b.store.sync()
        same_progress(again, b.store)


def test_a_kill_mid_merge_leaves_the_store_as_it_was(pair: tuple[Device, Device]) -> None:
    """The merge is one transaction: when it fails, nothing of it is kept, and the next pass
    applies every answer exactly once."""
    a, b = pair
    for q in ("q1", "q2", "q3"):
        a.clock.tick(minutes=1)
        a.answer(q, 3)
    a.store.sync()
    Courier(random.Random(6)).settle(a, b)
    raw = sqlite3.connect(b.store.path, isolation_level=None)
    # Another connection holds the write lock: the merge cannot commit and must roll back.
    raw.execute("BEGIN IMMEDIATE")
    b.store._db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(sqlite3.OperationalError):
        b.store.sync()
    raw.execute("ROLLBACK")
    raw.close()
    assert b.store.review_count() == 0
    assert b.store.sync().answers == 3
    same_progress(a.store, b.store)


def test_the_format_is_documented_beside_the_code() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "sync.md").read_text()
    for needed in ("studyapp_sync", "crc32", "answer", "undo", "setting", "stamp"):
        assert needed in doc


def test_a_format_3_store_migrates_and_its_history_is_sent(tmp_path: Path) -> None:
    from test_progress_profiles import V2_ALTER
    from test_progress_store import V1_SCHEMA

    from studyapp.progress import schema
    from studyapp.scheduler import Rating, review

    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        V1_SCHEMA
        + V2_ALTER
        + "ALTER TABLE profiles ADD COLUMN shuffle_options INTEGER NOT NULL DEFAULT 1;"
    )
    db.execute("INSERT INTO profiles (name, created) VALUES ('ana', '2025-03-01T00:00:00+00:00')")
    state = review(None, Rating.Good, clock())
    at = clock().isoformat(timespec="microseconds")
    db.execute(
        "INSERT INTO reviews VALUES (1, 'ana', 'news', 'q1', 'h', ?, '\"beta\"', 'right', 1.0,"
        " 900, 'practice', 3, ?)",
        (at, json.dumps(state.to_dict())),
    )
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        assert store.answer_ids() == [None]
        shared = tmp_path / "shared"
        shared.mkdir()
        store.join_sync(shared, A_ID, "laptop")
        assert store.sync().problems == []
        b = make_device(tmp_path, "desktop", B_ID, Clock())
        Courier(random.Random(8)).settle(Device(store, shared, A_ID, clock), b)
        assert b.store.sync().answers == 1
        same_progress(store, b.store)
        b.store.close()


def test_an_answer_and_its_undo_read_in_one_pass_leave_no_trace(
    pair: tuple[Device, Device],
) -> None:
    """A device that hears of an answer only together with its undo never logs it, and the
    answers around it replay as on the device that gave them."""
    a, b = pair
    for minutes, question, rating in ((1, "q1", 3), (2, "q2", 1), (3, "q1", 4)):
        a.clock.tick(minutes=minutes)
        a.answer(question, rating)
    a.clock.tick(minutes=1)
    taken = a.answer("q1", 1)
    gid = a.store.answer_gid(taken)
    assert gid is not None
    assert a.store.undo(taken)
    a.clock.tick(minutes=1)
    a.answer("q3", 3)
    exchange(a, b, Courier(random.Random(4)))
    assert b.store.review_count() == a.store.review_count() == 4
    assert gid not in b.store.answer_ids()
    same_progress(a.store, b.store)


def test_a_merge_in_steps_beside_answers_being_given_agrees_with_one_in_one_go(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    """The window's thread answers on its connection while another thread merges, in small
    steps, a file that touches the same cards: nothing is lost or applied twice, and every
    card ends as a device that merged all of it at once computes."""
    import threading

    a, b = pair
    for minute in range(400):
        a.clock.tick(minutes=3)
        a.answer(f"q{minute % 7}", (1, 3, 3, 4)[minute % 4])
    a.store.sync()
    Courier(random.Random(3)).settle(a, b)
    companion = b.store.sync_companion()
    companion.step = 25
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(companion.sync()))
    worker.start()
    given = 0
    while worker.is_alive() or given < 5:
        b.clock.tick(seconds=20)
        b.answer(f"q{given % 7}", 3)
        given += 1
    worker.join()
    companion.close()
    merged = done[0]
    assert isinstance(merged, Merged)
    assert merged.answers == 400
    assert b.store.review_count() == 400 + given
    # A third device hears both at once, in one step; all three agree.
    b.store.sync()
    c = make_device(tmp_path, "tablet", "00000000000000cc", Clock())
    for source in (a, b):
        (c.folder / source.own_file.name).write_bytes(source.own_file.read_bytes())
    assert c.store.sync().answers == 400 + given
    same_progress(b.store, c.store)
    c.store.close()


def test_a_restored_backup_takes_a_fresh_id_and_loses_nothing(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    """A store put back from a backup would give out again the numbers its file already holds
    for other answers, and the other devices would skip the new answers as seen. It becomes a
    new device instead: the answers given since the backup come back from its old file, those
    given after the restore go out under the new id, and no device counts one twice."""
    import shutil

    a, b = pair
    courier = Courier(random.Random(8))
    for q in ("q1", "q2"):
        a.clock.tick(minutes=5)
        a.answer(q, 3)
    exchange(a, b, courier)
    backup = tmp_path / "backup.sqlite3"
    a.store.close()
    shutil.copy(a.store.path, backup)
    a.store = Store.open(a.store.path, a.clock)
    for q in ("q3", "q4"):
        a.clock.tick(minutes=5)
        a.answer(q, 4)
    exchange(a, b, courier)
    assert b.store.review_count() == 4
    old = a.device
    # The backup is put back, and the learner answers before any sync pass.
    a.store.close()
    shutil.copy(backup, a.store.path)
    a.store = Store.open(a.store.path, a.clock)
    a.clock.tick(minutes=5)
    a.answer("q5", 1)
    a.store.sync()
    me = a.store.sync_identity
    assert me is not None
    assert me.device != old
    a.device = me.device  # its file in the folder is the new one now
    exchange(a, b, courier)
    exchange(a, b, courier)
    assert a.store.review_count() == b.store.review_count() == 5
    ids = a.store.answer_ids()
    assert len(set(ids)) == 5
    same_progress(a.store, b.store)
    assert not any(p.problem for p in a.store.sync_peers() + b.store.sync_peers())


def test_a_reset_here_holds_when_a_peer_file_is_read_again_from_the_start(
    pair: tuple[Device, Device],
) -> None:
    """What a reset took away stays away, even when another device's file is read again
    whole (docs/sync.md)."""
    a, b = pair
    for q in ("q1", "q2"):
        a.clock.tick(minutes=2)
        a.answer(q, 3)
    exchange(a, b, Courier(random.Random(5)))
    assert b.store.review_count() == 2
    assert b.store.reset("ana") == 2
    copy = b.folder / a.own_file.name
    whole = copy.read_bytes()
    copy.write_bytes(whole.split(b"\n", 1)[0] + b"\n")  # cut back to its header
    b.store.sync()
    copy.write_bytes(whole)  # then delivered whole again: read from the start
    b.store.sync()
    assert b.store.review_count() == 0
    assert not b.store.cards("ana")


def test_a_merge_walks_a_readings_records_for_their_last_stamp_once(
    pair: tuple[Device, Device],
) -> None:
    """Reading.last_stamp is a walk over every record read (100,000 on a first sync): the merge
    takes it once, for the clock and for the peer's row in sync_peers alike."""
    from studyapp.progress.sync import exchange
    from studyapp.progress.sync.folder import Reading, read_peer

    a, b = pair
    for n in range(3):
        a.answer(f"q{n}", 3)
        a.clock.tick(minutes=5)
    a.store.sync()
    Courier(random.Random(5)).settle(a, b)

    asked = []

    class Counted(Reading):
        @property
        def last_stamp(self) -> str | None:
            asked.append(1)
            return super().last_stamp

    read = read_peer(b.folder / a.own_file.name, 0)
    reading = Counted(**{f: getattr(read, f) for f in Reading.__dataclass_fields__})
    expected = read.last_stamp
    assert expected is not None
    merged = exchange.merge(b.store._db, [(a.own_file.name, reading)], b.clock())
    assert merged.answers == 3
    assert len(asked) == 1
    row = b.store._db.execute(
        "SELECT last_stamp FROM sync_peers WHERE file = ?", (a.own_file.name,)
    ).fetchone()
    assert row == (expected,)


def test_an_answers_fields_have_one_home_and_the_formats_stay(
    pair: tuple[Device, Device],
) -> None:
    """records.ANSWER_FIELDS is the one list of an answer's fields; the export's columns, the
    sync record's keys and the held rows are made from it, and stay what formats 1 wrote."""
    from dataclasses import fields

    from studyapp.progress.export import CSV_COLUMNS, export_reviews
    from studyapp.progress.records import ANSWER_FIELDS, ReviewRow

    a, b = pair
    a.answer("q0", 3)
    a.store.sync()
    assert [f.name for f in fields(ReviewRow)] == ["id", *ANSWER_FIELDS]
    assert tuple(CSV_COLUMNS) == ("id", *ANSWER_FIELDS)
    header = export_reviews(a.store, "ana", "csv").splitlines()[0]
    assert header == (
        "id,profile,bank,question,content_hash,at,response,verdict,score,duration_ms,mode,rating"
    )
    records = [decode(line) for line in a.own_file.read_bytes().splitlines()[1:]]
    (answer,) = [r for r in records if r["kind"] == "answer"]
    assert sorted(answer) == sorted(
        ["seq", "stamp", "kind", "profile_id", "retention", *ANSWER_FIELDS]
    )
    Courier(random.Random(2)).settle(a, b)
    assert b.store.sync().answers == 1
    # A record may leave out its duration (none was measured), not its rating.
    check_record({k: v for k, v in answer.items() if k != "duration_ms"})
    with pytest.raises(Damaged, match="without rating"):
        check_record({k: v for k, v in answer.items() if k != "rating"})

"""The statistics page's answers per quarter hour, kept in the store (schema._v9): the kept
figures always equal the log's, as answers come, go and change, by any writer; the mix-ups'
wrong picks read through their own index; and a real v8 file gets both at its migration."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from progress_helpers import START, Clock
from test_progress_store import record

from studyapp.progress import Store, schema
from studyapp.progress.records import parse_time, timestamp

Quarters = dict[datetime, tuple[int, int, float, int, int]]
SINCE = START - timedelta(days=2)


def from_the_log(store: Store, profile: str, since: datetime, gap_days: float = 1.0) -> Quarters:
    """The figures worked out in Python, answer by answer, from the log itself."""
    out: dict[datetime, list[float]] = {}
    last: dict[tuple[str, str], datetime] = {}
    for row in store.reviews(profile):
        at = parse_time(row.at) if isinstance(row.at, str) else row.at
        before = last.get((row.bank, row.question))
        last[row.bank, row.question] = at
        if at < since:
            continue
        quarter = datetime.fromtimestamp(int(at.timestamp()) // 900 * 900, UTC)
        tally = out.setdefault(quarter, [0, 0, 0.0, 0, 0])
        right = row.verdict == "right"
        tally[0] += 1
        tally[1] += right
        tally[2] += row.score
        if before is not None and (at - before).total_seconds() / 86400 >= gap_days:
            tally[3] += 1
            tally[4] += right
    return {q: (int(a), int(r), s, int(t), int(tr)) for q, (a, r, s, t, tr) in out.items()}


def kept(store: Store, profile: str, since: datetime = SINCE) -> Quarters:
    total, quarters = store.answer_quarters(profile, since)
    assert total == store.review_count(profile)
    return {
        datetime.fromtimestamp(q * 900, UTC): (a, r, s, t, tr) for q, a, r, s, t, tr in quarters
    }


def mark(path: Path, profile: str) -> tuple[int, int] | None:
    raw = sqlite3.connect(path)
    try:
        row = raw.execute(
            "SELECT upto, answers FROM review_marks WHERE profile = ?", (profile,)
        ).fetchone()
    finally:
        raw.close()
    return None if row is None else (int(row[0]), int(row[1]))


def answer_days(store: Store, clock: Clock, profile: str = "ana", days: int = 3) -> list[int]:
    """Answers over `days` days: several within a sitting, some a day or more after."""
    ids = []
    for day in range(days):
        for n, question in enumerate(("mc-0", "mc-1", "mc-0", "tf-0")):
            verdict = "wrong" if (day + n) % 3 == 0 else "right"
            ids.append(record(store, question, verdict, profile=profile))
            clock.tick(minutes=7)
        clock.tick(days=1, hours=1)
    return ids


def test_the_kept_figures_are_the_logs_as_answers_come_and_go(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with Store.open(path, clock) as store:
        ids = answer_days(store, clock)
        answer_days(store, clock, profile="bo", days=2)
        assert mark(path, "ana") is None
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert mark(path, "ana") == (ids[-1], len(ids))  # counted and kept
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)  # from the kept rows
        # Later answers are counted in to what is kept, not counted again from the start.
        more = answer_days(store, clock, days=2)
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert mark(path, "ana") == (more[-1], len(ids) + len(more))
        # A later start of the window reads only its quarter hours.
        later = clock() - timedelta(days=1, hours=2)
        assert kept(store, "ana", later) == from_the_log(store, "ana", later)
        # An undo of an answer not counted in yet (in the session since) keeps the counts.
        since = answer_days(store, clock, days=1)
        assert store.undo(since[-1])
        assert mark(path, "ana") == (more[-1], len(ids) + len(more))
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        # An undo of one counted in: the mark goes, and the next opening counts again.
        assert store.undo(since[-2])
        assert mark(path, "ana") is None
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert kept(store, "bo") == from_the_log(store, "bo", SINCE)


def test_any_writer_changing_counted_answers_makes_them_counted_again(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with Store.open(path, clock) as store:
        bo = answer_days(store, clock, profile="bo", days=1)
        ana = answer_days(store, clock)
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert kept(store, "bo") == from_the_log(store, "bo", SINCE)
    raw = sqlite3.connect(path)
    # What sync writes onto an answer already counted (its state, stamp, id) changes nothing.
    raw.execute("UPDATE reviews SET state = state, stamp = at WHERE id = ?", (ana[1],))
    raw.commit()
    assert mark(path, "ana") is not None
    # Another program moves an answer in time: counted again.
    raw.execute(
        "UPDATE reviews SET at = ? WHERE id = ?",
        ("2025-03-01T10:00:00.000000+00:00", ana[4]),
    )
    raw.commit()
    assert mark(path, "ana") is None
    with Store.open(path, clock) as store:
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
    # An answer written under an id already counted past (one freed by another profile's
    # delete) is counted too.
    raw.execute("DELETE FROM reviews WHERE id = ?", (bo[0],))
    raw.commit()
    assert mark(path, "ana") is not None  # bo's delete is not ana's change
    raw.execute(
        "INSERT INTO reviews (id, profile, bank, question, content_hash, at, response, verdict,"
        " score, duration_ms, mode, rating, state) SELECT ?, profile, bank, question,"
        " content_hash, at, response, verdict, score, duration_ms, mode, rating, state"
        " FROM reviews WHERE id = ?",
        (bo[0], ana[2]),
    )
    raw.commit()
    raw.close()
    with Store.open(path, clock) as store:
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert mark(path, "ana") == (ana[-1], len(ana) + 1)
        # A reset forgets them all.
        store.reset("ana")
        assert mark(path, "ana") is None
        assert kept(store, "ana") == {} == from_the_log(store, "ana", SINCE)


def test_inside_a_transaction_the_figures_come_from_the_log(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with Store.open(path, clock) as store:
        answer_days(store, clock)
        reader = store.reader()
        try:
            reader._db.execute("BEGIN")  # a caller's transaction, held open
            assert kept(reader, "ana") == from_the_log(store, "ana", SINCE)
            reader._db.execute("ROLLBACK")
        finally:
            reader.close()
        assert mark(path, "ana") is None  # nothing kept from inside another's transaction


def test_a_version_8_file_gets_the_kept_figures(tmp_path: Path) -> None:
    """From a real v8 file (made by the v8 migrations, its answers written as v8 wrote them):
    the tables come with the migration, empty, and the first opening counts them."""
    path = tmp_path / "data" / "progress.sqlite3"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    for migrate in schema.MIGRATIONS[:8]:
        migrate(db)
    db.execute(
        "INSERT INTO profiles (name, created, uid) VALUES ('ana', ?, 'ana-id')", (timestamp(START),)
    )
    state = json.dumps({"v": 1})
    moments = [START + timedelta(days=d, minutes=7 * n) for d in range(3) for n in range(4)]
    for rid, at in enumerate(moments, start=1):
        question = ("mc-0", "mc-1", "mc-0", "tf-0")[(rid - 1) % 4]
        db.execute(
            "INSERT INTO reviews (id, profile, bank, question, content_hash, at, response, "
            "verdict, score, duration_ms, mode, rating, state, stamp) VALUES "
            "(?, 'ana', 'news', ?, 'h', ?, '1', ?, ?, 900, 'practice', 3, ?, ?)",
            (
                rid,
                question,
                timestamp(at),
                "right" if rid % 3 else "wrong",
                1.0 if rid % 3 else 0.0,
                state,
                timestamp(at),
            ),
        )
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 8")
    db.commit()
    db.close()
    clock = Clock(START + timedelta(days=3))
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        assert store.review_count("ana") == 12
        assert mark(path, "ana") is None
        figures = kept(store, "ana")
        assert figures == from_the_log(store, "ana", SINCE)
        # mc-1 and tf-0 come back a day later on days 2 and 3 (mc-0 a day less 14 minutes)
        assert sum(t for _a, _r, _s, t, _tr in figures.values()) == 4
        assert mark(path, "ana") == (12, 12)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION == 9
    raw.close()


def test_the_wrong_picks_are_read_through_their_own_index(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with Store.open(path, clock) as store:
        record(store, "who-0", "wrong", response="macron")
        record(store, "who-0", "right", response="trump")
        record(store, "mc-0", "wrong", response=["a", "b"])  # not one text
        record(store, "who-1", "wrong", response="biden", profile="bo")
        record(store, "who-1", "wrong", response="starmer")
        assert store.wrong_picks("ana") == [
            ("news", "who-0", "abc", "macron"),
            ("news", "who-1", "abc", "starmer"),
        ]
    raw = sqlite3.connect(path)
    plan = raw.execute(
        f"EXPLAIN QUERY PLAN SELECT bank, question, content_hash, {schema.PICKED} FROM reviews"  # noqa: S608
        f" WHERE profile = ? AND {schema.WRONG_PICK}"
        " ORDER BY id",
        ("ana",),
    ).fetchall()
    raw.close()
    assert [step[3] for step in plan] == ["SEARCH reviews USING INDEX reviews_picks (profile=?)"]


def test_the_days_are_the_learners_own_across_a_change_of_clocks(tmp_path: Path) -> None:
    """Answers per local day, in a zone whose clocks go forward inside the 30 days (Berlin,
    30 March 2025), against each answer's own local date."""
    from collections import Counter
    from zoneinfo import ZoneInfo

    from studyapp.insight.statistics import gather

    berlin = ZoneInfo("Europe/Berlin")
    clock = Clock(datetime(2025, 3, 20, 21, 50, tzinfo=UTC))
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        for step in range(120):  # every 3 h 5 min: each hour of the day, near midnights too
            record(store, f"mc-{step % 7}", "right" if step % 3 else "wrong")
            clock.tick(hours=3, minutes=5)
        stats = gather(store, "ana", [], clock(), berlin)
        local = Counter(row.at.astimezone(berlin).date() for row in store.reviews())
    assert {d.day: d.answered for d in stats.days if d.answered} == {
        day: n for day, n in local.items() if day >= stats.days[0].day
    }
    assert sum(d.answered for d in stats.days) > 100


def quarter_rows(path: Path) -> dict[str, int]:
    raw = sqlite3.connect(path)
    try:
        rows = raw.execute("SELECT profile, count(*) FROM review_quarters GROUP BY profile")
        return {str(p): int(n) for p, n in rows}
    finally:
        raw.close()


def test_a_deleted_or_renamed_profile_leaves_no_kept_figures_under_its_name(
    tmp_path: Path,
) -> None:
    """The kept quarter hours are a profile's answers counted: they go with them (a deleted
    profile's study times stayed in the file, and a renamed one's under its old name)."""
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with Store.open(path, clock) as store:
        answer_days(store, clock)
        answer_days(store, clock, profile="bo", days=2)
        assert kept(store, "ana") == from_the_log(store, "ana", SINCE)
        assert kept(store, "bo") == from_the_log(store, "bo", SINCE)
        assert set(quarter_rows(path)) == {"ana", "bo"}
        store.rename_profile("bo", "cy")
        assert set(quarter_rows(path)) == {"ana"}
        assert kept(store, "cy") == from_the_log(store, "cy", SINCE)
        store.delete_profile("ana")
        assert set(quarter_rows(path)) == {"cy"}
        assert mark(path, "ana") is None
        assert kept(store, "cy") == from_the_log(store, "cy", SINCE)


def test_the_schema_says_nothing_an_older_sqlite_cannot_read(tmp_path: Path) -> None:
    """`->` and `->>` came with SQLite 3.38; the schema is read by any tool that opens the file,
    so what it keeps (indexes, triggers) spells JSON with json_extract."""
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, Clock()):
        pass
    raw = sqlite3.connect(path)
    kept = [sql for (sql,) in raw.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")]
    raw.close()
    assert any("reviews_picks" in sql for sql in kept)
    assert [sql for sql in kept if "->" in sql] == []

"""The library's per-bank counts kept in the store (schema v7): right at every moment, and
never older than the cards they were counted from, whoever changes the cards."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.bank.info import BankInfo, info_of
from studyapp.insight import figures
from studyapp.insight.figures import Leech
from studyapp.insight.statistics import gather
from studyapp.model import Bank
from studyapp.progress import Store, schema
from studyapp.scheduler import days_recalled, forgetting_curve
from studyapp.study import Session, SessionConfig
from tests.test_bank_catalogue import _reference


def _study(store: Store, bank, clock: Clock, days: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    for day in range(days):
        session = Session({bank.id: bank}, store, "ana", SessionConfig(), clock, rng)
        while (shown := session.current()) is not None:
            good = rng.random() < 0.75
            session.answer(
                right_response(shown.question) if good else wrong_response(shown.question)
            )
            session.advance()
        clock.tick(days=1 + day % 4)


def _kept(path: Path) -> dict[tuple[str, str], str]:
    db = sqlite3.connect(path)
    rows = db.execute("SELECT profile, bank, fit FROM bank_tallies").fetchall()
    db.close()
    return {(p, b): fit for p, b, fit in rows}


def test_a_kept_tally_gives_the_cards_counts_at_every_later_moment(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    bank = make_bank(n_choice=8)
    store = Store.open(path, clock)
    _study(store, bank, clock, 15)
    info = info_of(bank)
    assert _kept(path) == {}
    figures.summaries(store, "ana", [info], clock())
    fit = _kept(path)[("ana", bank.id)]
    seen = set()
    # Hours, days and years on: every count from the one kept tally, none from the cards.
    for hours in (0, 1, 5, 20, 30, 70, 200, 1000, 5000, 40000):
        now = clock.tick(hours=hours)
        counted = figures.summaries(store, "ana", [info], now)[bank.id]
        assert counted == _reference(store, "ana", bank, now), hours
        seen.add(counted)
    assert _kept(path) == {("ana", bank.id): fit}
    assert len(seen) >= 4  # due and mastered moved over those moments
    store.close()


def test_any_change_to_a_banks_cards_drops_its_tally(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    bank, other = make_bank(), make_bank("other")
    store = Store.open(path, clock)
    _study(store, bank, clock, 3)
    _study(store, other, clock, 2)
    infos = [info_of(bank), info_of(other)]

    def count() -> dict[str, figures.BankSummary]:
        return figures.summaries(store, "ana", infos, clock())

    count()
    assert set(_kept(path)) == {("ana", bank.id), ("ana", other.id)}
    _study(store, bank, clock, 1)  # an answer in one bank leaves the other's tally
    assert set(_kept(path)) == {("ana", other.id)}
    assert count()[bank.id] == _reference(store, "ana", bank, clock())
    # Another program edits a card behind the app's back: the store's trigger still sees it.
    outside = sqlite3.connect(path)
    outside.execute(
        "DELETE FROM cards WHERE bank = ? AND question = ?", (other.id, other.questions[0].id)
    )
    outside.commit()
    outside.close()
    assert set(_kept(path)) == {("ana", bank.id)}
    assert count()[other.id] == _reference(store, "ana", other, clock())
    assert count()[other.id].new == 1
    store.rename_profile("ana", "bea")  # cards move: both tallies go
    assert _kept(path) == {}
    assert figures.summaries(store, "bea", infos, clock())[bank.id] == _reference(
        store, "bea", bank, clock()
    )
    # A new retention or an edited bank does not fit a kept tally: counted again, then kept.
    store.update_profile("bea", desired_retention=0.8)
    assert figures.summaries(store, "bea", infos, clock())[bank.id] == _reference(
        store, "bea", bank, clock()
    )
    edited = make_bank(n_choice=2)
    assert figures.summaries(store, "bea", [info_of(edited)], clock())[bank.id] == _reference(
        store, "bea", edited, clock()
    )
    store.close()


def test_a_damaged_tally_is_counted_again(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    bank = make_bank()
    store = Store.open(path, clock)
    _study(store, bank, clock, 4)
    info = info_of(bank)
    figures.summaries(store, "ana", [info], clock())
    for data in ('{"v": 3, "matched": 3, "stale": 0, "last": null, "dues": {"width": 0, '
                 '"list": [1]}, "keeps": {"width": 1, "text": ""}}\n',
                 '{"v": 3, "matched": 3, "stale": 0, "last": null, "dues": {"width": 5, '
                 '"text": "abc"}, "keeps": {"width": 1, "text": ""}}\n',
                 "not json", '{"v": 99}', '{"v": 1, "dues": []}'):  # fmt: skip
        outside = sqlite3.connect(path)
        outside.execute("UPDATE bank_tallies SET data = ?", (data,))
        outside.commit()
        outside.close()
        now = clock.tick(hours=7)
        assert figures.summaries(store, "ana", [info], now)[bank.id] == _reference(
            store, "ana", bank, now
        )
    store.close()


def test_the_statistics_per_tag_and_leeches_come_from_the_kept_tallies(tmp_path: Path) -> None:
    """The statistics page reads mastery per tag and the leeches from the library's tallies:
    no card row is read while they are kept, and the figures are the question-by-question
    ones at any later moment, after a card changes, and after the bank's own tags change
    (which leaves every content hash, hence the tally's fit, as it was)."""
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    bank, other = make_bank(n_choice=8), make_bank("other")
    store = Store.open(path, clock)
    _study(store, bank, clock, 12)
    _study(store, other, clock, 3)
    # One question forgotten nine times, written as another program would.
    outside = sqlite3.connect(path)
    outside.execute(
        "UPDATE cards SET state = json_set(state, '$.lapses', 9) WHERE bank = ? AND question = ?",
        (bank.id, bank.questions[1].id),
    )
    outside.commit()
    outside.close()
    banks = [bank, other]
    infos = [info_of(b) for b in banks]
    figures.summaries(store, "ana", infos, clock())  # the library's start keeps the tallies
    read: list[str] = []
    store._db.set_trace_callback(read.append)

    def check(infos: list[BankInfo], banks: list[Bank], now: datetime) -> None:
        stats = gather(store, "ana", infos, now)
        assert stats.mastery == figures.tag_mastery(store, "ana", banks, now)
        assert list(stats.leeches) == figures.leeches(store, "ana", banks)

    for hours in (0, 30, 200, 5000):
        read.clear()
        check(infos, banks, clock.tick(hours=hours))
        cards_read = [sql for sql in read if "json_extract(state" in sql]
        assert cards_read == [], hours
    assert figures.leeches(store, "ana", banks) == [Leech(bank.id, bank.questions[1].id, 9)]
    # A damaged per-tag part: that bank's figures come from its cards.
    for damage in ("not json", '{"tags_print": "", "by_tags": [[["a"], 1]], "leeches": []}'):
        outside = sqlite3.connect(path)
        outside.execute(
            "UPDATE bank_tallies SET data = substr(data, 1, instr(data, char(10))) || ?"
            " WHERE bank = ?",
            (damage, bank.id),
        )
        outside.commit()
        outside.close()
        check(infos, banks, clock.tick(hours=1))
    _study(store, other, clock, 1)  # the other bank's tally goes; it is counted again
    check(infos, banks, clock())
    retagged = Bank(id=bank.id, title=bank.title, questions=bank.questions, tags=("retagged",))
    assert info_of(retagged).digest == infos[0].digest
    check([info_of(retagged), infos[1]], [retagged, other], clock.tick(hours=3))
    store.close()


def test_days_recalled_agrees_with_the_curve_day_by_day() -> None:
    rng = random.Random(11)
    for _ in range(300):
        stability = rng.choice([0.01, 0.5, 1.0, 3.3, 47.0, 365.0]) * rng.uniform(0.5, 2)
        retention = rng.uniform(0.5, 0.99)
        days = days_recalled(stability, retention)
        assert forgetting_curve(stability, days) >= retention
        assert forgetting_curve(stability, days + 1) < retention
    assert days_recalled(0.0, 0.9) == -1  # no memory: never recalled
    assert days_recalled(1e300, 0.9) == 3_000_000  # past any date


def test_version_6_gains_the_tallies_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for migrate in schema.MIGRATIONS[:6]:
        migrate(db)
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 6")
    db.execute("INSERT INTO profiles (name, created) VALUES ('ana', '2025-03-01T00:00:00+00:00')")
    db.close()
    clock = Clock()
    bank = make_bank()
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        _study(store, bank, clock, 1)
        figures.summaries(store, "ana", [info_of(bank)], clock())
    assert set(_kept(path)) == {("ana", bank.id)}
    assert [p for p in tmp_path.iterdir() if ".v6-backup-" in p.name]

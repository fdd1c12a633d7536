"""The xAPI outbox inside the store, without a network: what is queued, when, and migrating."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from progress_helpers import Clock
from sync_helpers import Device

from studyapp.progress import Store, schema
from studyapp.progress.xapi.statements import statement_id


def test_a_format_4_store_migrates_and_queues_nothing_until_shared(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path)
    for migrate in schema.MIGRATIONS[:4]:  # released migrations never change: this is format 4
        migrate(db)
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    clock = Clock()
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        device = Device(store, tmp_path, "-", clock)
        clock.tick(seconds=5)
        device.answer("q1", 3)
        assert store.sharing is None
        assert store.xapi_outbox().waiting == 0
        store.share_with("https://lrs.example/xAPI/", "key", "https://school.example", "ab12")
        clock.tick(seconds=5)
        rid = device.answer("q2", 1)
        [(_seq, body)] = store.xapi_pending(10)
        statement = json.loads(body)
        at = store.card("ana", "news", "q2").last_at.isoformat(timespec="microseconds")  # type: ignore[union-attr]
        assert statement["id"] == statement_id(f"ab12.{rid}.{at}")
        assert statement["actor"]["account"] == {
            "homePage": "https://school.example",
            "name": "ana",
        }
        store.set_sharing(False)
        clock.tick(seconds=5)
        device.answer("q3", 3)
        assert store.xapi_outbox().waiting == 1  # off: nothing more queued, what waits stays
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    raw.close()


def test_a_synced_answer_is_named_by_its_global_id(tmp_path: Path) -> None:
    clock = Clock()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        (tmp_path / "f").mkdir()
        store.join_sync(tmp_path / "f", "00000000000000aa", "laptop")
        store.share_with("https://lrs.example/xAPI/", "key", "https://school.example", "ab12")
        clock.tick(seconds=5)
        rid = Device(store, tmp_path / "f", "00000000000000aa", clock).answer("q1", 3)
        [(_seq, body)] = store.xapi_pending(10)
        # The same answer gets the same statement id on any device that would send it.
        gid = store.answer_gid(rid)
        assert gid is not None
        assert gid.startswith("00000000000000aa.")
        assert json.loads(body)["id"] == statement_id(gid)


def test_the_secret_is_kept_in_a_keyring_and_found_by_a_later_run(tmp_path: Path) -> None:
    from keyrings.alt.file import PlaintextKeyring

    from studyapp.lrs.secret import ENV, Keeper

    # A real keyring backend (a file one, as a desktop without a secret service would use).
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    assert Keeper({}, ring).keep("https://lrs.example/xAPI/", "key", "s3cret")
    later = Keeper({}, ring)  # the next run of the app: nothing typed
    assert later.get("https://lrs.example/xAPI/", "key") == "s3cret"
    assert later.get("https://lrs.example/xAPI/", "other") is None
    # Without a keyring, what was typed lives for this run only; the environment still works.
    assert not Keeper({}, None).keep("https://lrs.example/xAPI/", "key", "s3cret")
    assert Keeper({}, None).get("https://lrs.example/xAPI/", "key") is None
    assert Keeper({ENV: "from-env"}, None).get("https://lrs.example/xAPI/", "key") == "from-env"

"""Two devices kept in step by a real sync engine (Syncthing on 127.0.0.1), not by a copier."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import syncthing_driver
from progress_helpers import Clock
from sync_helpers import Device, same_progress

from studyapp.progress import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not syncthing_driver.available(), reason=".ci/run installs syncthing"),
]


def test_answers_in_alternation_through_syncthing(tmp_path: Path) -> None:
    engine = syncthing_driver.SyncEngine(tmp_path)
    with engine as (left, right):
        devices = []
        for name, folder, device in (
            ("laptop", left, "00000000000000aa"),
            ("desktop", right, "00000000000000bb"),
        ):
            clock = Clock()
            store = Store.open(tmp_path / name / "progress.sqlite3", clock)
            store.join_sync(folder, device, name)
            devices.append(Device(store, folder, device, clock))
        a, b = devices
        rng = random.Random(11)
        try:
            for turn in range(12):
                me, other = (a, b) if turn % 2 == 0 else (b, a)
                me.clock.tick(minutes=rng.randint(1, 60))
                me.answer(rng.choice(("q1", "q2", "q3")), rng.choice((1, 3, 4)))
                if turn == 7:
                    me.store.undo(me.store.review_count() and max(_ids(me.store)))
                me.store.sync()
                try:
                    syncthing_driver.wait_for(
                        other.folder / me.own_file.name, me.own_file.stat().st_size
                    )
                except TimeoutError:
                    pytest.fail(engine.log())
                merged = other.store.sync()
                assert merged.problems == []
            same_progress(a.store, b.store)
            assert a.store.review_count() == 11
            # Syncthing's own files (its marker, its temporary copies) are nobody's device.
            assert [p.device for p in a.store.sync_peers()] == ["00000000000000bb"]
        finally:
            for device in devices:
                device.store.close()


def _ids(store: Store) -> list[int]:
    return [row.id for row in store.reviews()]

"""A hostile bank file dropped into a watched folder of a running window: the window goes on
answering keys while the file loads (issue 23: "a key answered within 50 ms").

The real window, with a library of two banks in one folder it watches; each file of the
adversarial pass (tests/reliability/hostile_files.py) is moved into the folder, the folder's
watcher notices it, and the file is read and refused or listed. Meanwhile a heartbeat on the
window's thread and keys on the library's list measure how long the thread was kept from
answering (responsiveness.py). The bound here is loose, for a machine shared with other runs:
a thread blocked by a parse would miss it by seconds. The figure against 50 ms, beside a bare
window's, is tests/benchmarks/bench_hostile.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks import _common as common
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.reliability import hostile_files
from tests.reliability.responsiveness import Responsiveness, Watch

# The longest the window's thread may go without running, while a hostile file loads. Written
# before measuring: 50 ms is the target (met in the benchmark on a quiet machine); ten times it
# leaves room for a machine whose two cores eight test runs share, and is still far below the
# seconds a parse on the window's thread took.
WORST_GAP_S = 0.5


def _drop_and_watch(
    qtbot: QtBot, tmp_path: Path, builders: dict[str, hostile_files.Builder]
) -> dict[str, tuple[Watch, Watch]]:
    folder = tmp_path / "watched"
    common.write_bank(folder / "known", 30, seed=1)
    common.write_bank(folder / "other", 20, seed=2)
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(
        Backend(where, [str(folder)], bundled=False), open_settings(where.config), "ana"
    )
    qtbot.addWidget(win)
    win.show()
    win.start_up()
    qtbot.waitUntil(
        lambda: win.loading is None and len(win.library.model.rows) == 2, timeout=30_000
    )
    probe = Responsiveness(win.library.table)
    out: dict[str, tuple[Watch, Watch]] = {}
    for name, build in builders.items():
        probe.start()  # the floor: the same window, idle, for as long as the watcher waits
        qtbot.wait(400)
        idle = probe.stop()
        staged = build(folder)
        probe.start()
        hostile_files.drop(staged, folder)
        # the folder's own watcher sees it (after its settle time), then the file is read
        qtbot.waitUntil(lambda: win.loading is not None, timeout=10_000)
        qtbot.waitUntil(lambda: win.loading is None, timeout=120_000)
        out[name] = (probe.stop(), idle)
        listed = [r.questions for r in win.library.model.rows]
        assert 30 in listed, (name, listed)  # the library stays listed
        assert 20 in listed, (name, listed)
    return out


def _check(results: dict[str, tuple[Watch, Watch]], figures: Callable[[str], None]) -> None:
    for name, (loading, idle) in results.items():
        figures(
            f"{name}: worst gap of the window's thread {loading.worst_gap * 1000:.0f} ms "
            f"({loading.worst_gap_cpu * 1000:.0f} ms of it its own work) "
            f"(idle: {idle.worst_gap * 1000:.0f} ms); {len(loading.keys)} keys, worst press to "
            f"paint {loading.worst_key * 1000:.1f} ms (idle {idle.worst_key * 1000:.1f} ms)"
        )
    for name, (loading, _) in results.items():
        assert len(loading.beats) > 10, name  # the thread ran while the file loaded
        assert loading.keys, name
        assert loading.worst_gap < WORST_GAP_S, (name, loading.worst_gap)
        assert loading.worst_key < WORST_GAP_S, (name, loading.worst_key)


def test_the_window_answers_while_hostile_files_load_in_a_watched_folder(
    qtbot: QtBot, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    _check(_drop_and_watch(qtbot, tmp_path, hostile_files.QUICK), figures)


@pytest.mark.slow
def test_the_window_answers_while_the_slowest_hostile_files_load(
    qtbot: QtBot, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    _check(_drop_and_watch(qtbot, tmp_path, hostile_files.SLOW), figures)


def test_no_collection_walks_a_bank_just_listed(tmp_path: Path) -> None:
    """Listing a file parses it with the cycle collector paused. Re-enabled while the built
    bank still lived, the next collection walked all its objects, the GIL held: 60-90 ms for
    20,000 actors, during which the window's thread could not answer. The collections during a
    listing must find only the little that is listed young."""
    import gc

    from studyapp.bank.catalogue import list_file

    folder = tmp_path / "w"
    folder.mkdir()
    path = hostile_files.drop(hostile_files.actors(folder), folder)
    walked: list[int] = []

    def before(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] < 2:  # a full one walks everything anyway
            walked.append(sum(len(gc.get_objects(g)) for g in range(info["generation"] + 1)))

    gc.collect()
    gc.callbacks.append(before)
    try:
        listed = list_file(str(path), str(tmp_path / "cache"))
        gc.collect(0)  # the collection that follows the listing
    finally:
        gc.callbacks.remove(before)
    assert listed.info is not None
    assert len(listed.info.question_ids) == 4_000
    # What is listed (the info: 20,000 actors' names among it) is about 24,000 objects; the
    # built bank was 280,000.
    assert max(walked) < 100_000, walked

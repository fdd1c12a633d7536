"""A damaged, truncated or foreign progress file; a data folder that cannot be written; a full
disk. Each time the learner is told in a dialog (never a traceback), nothing is destroyed, and
the app either keeps working or closes cleanly."""

from __future__ import annotations

import contextlib
import errno
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO
from pytestqt.qtbot import QtBot

from studyapp.progress import Store
from tests.reliability.gui_helpers import (
    alerts,
    answer_and_go_on,
    check_answer,
    focus,
    open_window,
    start_drill,
)
from tests.reliability.quiz import write_quiz_bank

from PySide6.QtCore import Qt  # isort: skip


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    write_quiz_bank(folder, n=40)
    return folder


def _store_with_answers(path: Path) -> None:
    """A real progress file holding a few hundred answers (written by the store itself)."""
    from datetime import UTC, datetime, timedelta

    from studyapp.scheduler import Rating, review

    moment = datetime(2025, 3, 1, tzinfo=UTC)
    with Store.open(path, lambda: moment) as store:
        for i in range(300):
            at = moment + timedelta(minutes=i)
            store.record(
                profile="ana",
                bank="drill",
                question=f"q{i}",
                content_hash="h",
                response="x" * 40,
                verdict="right",
                score=1.0,
                duration_ms=1000,
                mode="practice",
                rating=int(Rating.Good),
                state=review(None, Rating.Good, at),
                at=at,
            )


def _damaged_page(path: Path) -> None:
    _store_with_answers(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(4)
    start = len(data) // 2
    data[start : start + 512] = bytes(rng.randrange(256) for _ in range(512))
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    _store_with_answers(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    _store_with_answers(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "random bytes": lambda p: p.write_bytes(random.Random(1).randbytes(50_000)),
    "a text file": lambda p: p.write_text("my shopping list\n", encoding="utf-8"),
    "a damaged page": _damaged_page,
    "truncated to half": _truncated,
    "another program's database": _foreign,
    "a newer format": _newer,
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_bad_progress_file_is_kept_aside_and_the_learner_told(
    qtbot: QtBot, tmp_path: Path, banks: Path, kind: str, figures: Callable[[str], None]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "progress.sqlite3"
    DAMAGE[kind](db)
    original = db.read_bytes()
    win = open_window(qtbot, data, banks)
    (box,) = alerts()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "could not be used" in box.text()
    assert "a new, empty progress file was started" in box.text()
    (aside,) = data.glob("progress.sqlite3.corrupt-*[0-9TZ]")
    assert aside.name in box.text()
    assert aside.read_bytes() == original  # kept exactly as it was
    box.close()
    # The app goes on with the fresh file: answers by keys are recorded in it.
    start_drill(qtbot, win)
    shown = [answer_and_go_on(qtbot, win) for _ in range(3)]
    with Store.open(db, lambda: None) as store:  # type: ignore[arg-type,return-value]
        assert [(r.question, r.verdict) for r in store.reviews("ana")] == shown
        assert store.integrity() == "ok"
    assert not alerts()
    figures(f"{kind}: moved aside byte for byte, learner told in a dialog, study goes on")


def _app_in_subprocess(data: Path, banks: Path) -> subprocess.CompletedProcess[str]:
    """The real app: it shows a dialog and, once it is closed, exits with status 1."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMessageBox\n"
        "app = QApplication(sys.argv[:1])\n"
        "def close_box():\n"
        "    boxes = [w for w in app.topLevelWidgets() if isinstance(w, QMessageBox)\n"
        "             and w.isVisible()]\n"
        "    for box in boxes:\n"
        "        print('alert:', box.text().replace(chr(10), ' '), flush=True)\n"
        "        box.accept()\n"
        "    QTimer.singleShot(50, close_box)\n"
        "QTimer.singleShot(50, close_box)\n"
        "from studyapp.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(data)!r}, {str(banks)!r}]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def test_a_data_folder_that_cannot_be_made_closes_the_app_with_a_message(
    tmp_path: Path, banks: Path, figures: Callable[[str], None]
) -> None:
    # Tests run as root, where chmod stops nothing: a folder under a regular file cannot exist.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file\n", encoding="utf-8")
    result = _app_in_subprocess(blocker / "data", banks)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "alert: " in result.stdout
    assert "cannot create the data folder" in result.stdout
    assert str(blocker / "data") in result.stdout
    cli = subprocess.run(
        [sys.executable, "-m", "studyapp", "progress", "--data-dir", str(blocker / "data")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    # Reading progress writes nothing: the command says there is none yet, and where it looked.
    assert str(blocker / "data") in cli.stdout + cli.stderr
    assert "Traceback" not in cli.stderr
    figures(
        "data folder under a regular file: GUI dialog naming it, then exit 1; "
        f"`studyapp progress` exit {cli.returncode} with a message, no traceback"
    )


@contextlib.contextmanager
def mounted_tmpfs(where: Path, size: str, read_only: bool = False) -> Iterator[None]:
    where.mkdir(parents=True, exist_ok=True)
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mount.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_data_folder_closes_the_app_with_a_message_and_keeps_the_file(
    tmp_path: Path, banks: Path, figures: Callable[[str], None]
) -> None:
    disk = tmp_path / "ro"
    with mounted_tmpfs(disk, "32m"):
        _store_with_answers(disk / "progress.sqlite3")
        before = (disk / "progress.sqlite3").read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = _app_in_subprocess(disk, banks)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "cannot be written" in result.stdout
        assert (disk / "progress.sqlite3").read_bytes() == before
    figures("read-only data folder (read-only tmpfs): GUI dialog then exit 1, file untouched")


def _fill(disk: Path) -> Path:
    """Take every free byte of the file system; the filler file."""
    filler = disk / "filler"

    def write_forever() -> None:
        with filler.open("wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()

    with pytest.raises(OSError, match="No space left") as full:
        write_forever()
    assert full.value.errno == errno.ENOSPC
    return filler


def test_a_full_disk_refuses_the_answer_with_a_message_and_the_app_goes_on(
    qtbot: QtBot, tmp_path: Path, banks: Path, figures: Callable[[str], None]
) -> None:
    disk = tmp_path / "small"
    with mounted_tmpfs(disk, "4m"):
        win = open_window(qtbot, disk, banks)
        assert not alerts()
        start_drill(qtbot, win)
        saved = [answer_and_go_on(qtbot, win) for _ in range(3)]
        filler = _fill(disk)
        refused = 0
        # The write-ahead log may still have room for an answer or two; go on until it does not.
        for _ in range(50):
            shown = check_answer(qtbot, win)
            if shown is None:
                break
            saved.append(shown)
            qtbot.keyClick(focus(), Qt.Key.Key_Return)
        (box,) = alerts()
        refused += 1
        assert "could not save: the disk is full" in box.text()
        assert "earlier answers are safe" in box.text()
        assert win.study.outcome is None  # not shown as answered
        assert not win.study.feedback.isVisible()
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the learner reads it and presses Enter
        assert not alerts()
        filler.unlink()
        shown = check_answer(qtbot, win)  # the same question again, now with room
        assert shown is not None
        saved.append(shown)
        store = win.backend.store
        assert [(r.question, r.verdict) for r in store.reviews("ana")] == saved
        assert store.integrity() == "ok"
        win.close()
    figures(
        f"full disk (4 MB tmpfs, filled up): {refused} answer refused with a dialog, "
        f"{len(saved)} saved, 0 lost; the same answer saved once space was freed"
    )


FSIZE_CHILD = """
import resource, signal, sys
sys.path.insert(0, "tests")
from progress_helpers import Clock, make_bank, right_response
from studyapp.progress import Store, StoreError
from studyapp.study import Session, SessionConfig
import random

clock = Clock()
bank = make_bank(n_choice=40)
store = Store.open(sys.argv[1], clock)
session = Session({bank.id: bank}, store, "ana", SessionConfig(), clock, random.Random(1))

def answer():
    clock.tick(seconds=3)
    outcome = session.answer(right_response(session.current().question))
    session.advance()
    return outcome

for _ in range(5):
    answer()
print("saved", store.review_count(), flush=True)
# Past this size no file may grow: the write fails (EFBIG) instead of killing the process.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
wal = sys.argv[1] + "-wal"
import os
resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(wal), hard))
try:
    answer()
    print("not refused", flush=True)
except StoreError as error:
    print("refused", error, flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
answer()
print("saved", store.review_count(), store.integrity(), flush=True)
"""


def test_a_file_size_limit_refuses_the_answer_and_the_store_goes_on(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    # Works without mounting anything: the same failure as a full disk, through RLIMIT_FSIZE.
    db = tmp_path / "progress.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", FSIZE_CHILD, str(db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, refused, last = result.stdout.splitlines()
    assert first == "saved 5"
    assert refused.startswith(f"refused {db}: could not save: ")
    assert "earlier answers are safe" in refused
    assert last == "saved 6 ok"
    with Store.open(db, lambda: None) as store:  # type: ignore[arg-type,return-value]
        assert store.review_count() == 6
    figures(
        f"file size limit (RLIMIT_FSIZE): answer refused ({refused.split(': ', 2)[-1]}), 0 lost"
    )

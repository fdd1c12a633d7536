"""The log file, --verbose, rotation, a log folder that cannot be made, uncaught exceptions."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studyapp import __version__, logs

# Opens the app through the real entry point, and closes it once its window is up.
_APP_PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from studyapp import cli

    app = QApplication(sys.argv[:1])
    QTimer.singleShot(300, app.quit)
    sys.exit(cli.main(sys.argv[1:]))
    """
)


def _open_app(*args: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STUDYAPP_LOG_DIR=str(log_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", _APP_PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_app_logs_its_start_to_the_log_folder_quietly(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    result = _open_app(log_dir=log_dir)
    assert result.returncode == 0, result.stderr
    text = (log_dir / "studyapp.log").read_text(encoding="utf-8")
    assert f"INFO     studyapp: studyapp {__version__} started" in text
    assert "DEBUG" not in text
    assert "studyapp:" not in result.stderr


def test_verbose_keeps_debug_records_and_echoes_them_to_stderr(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    result = _open_app("--verbose", log_dir=log_dir)
    assert result.returncode == 0, result.stderr
    text = (log_dir / "studyapp.log").read_text(encoding="utf-8")
    assert "DEBUG    studyapp: Python " in text
    assert f"studyapp {__version__} started" in result.stderr
    assert "DEBUG    studyapp: Python " in result.stderr


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = _open_app(log_dir=blocker / "logs")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"studyapp: warning: cannot write the log in {blocker / 'logs'}" in result.stderr
    assert "logging to stderr instead" in result.stderr


def test_the_log_rotates_at_one_megabyte_keeping_three_old_files(tmp_path: Path) -> None:
    setup = logs.configure(tmp_path, stream=io.StringIO())
    try:
        logger = logging.getLogger("studyapp.test")
        line = "x" * 999
        for n in range(5000):  # about 5 MB
            logger.info("%05d %s", n, line)
    finally:
        logs.shutdown()
    assert setup.file == tmp_path / "studyapp.log"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["studyapp.log", "studyapp.log.1", "studyapp.log.2", "studyapp.log.3"]
    for path in tmp_path.iterdir():
        assert path.stat().st_size <= logs.MAX_BYTES
    # The newest record is in the current file, the oldest ones are gone.
    assert "04999 " in (tmp_path / "studyapp.log").read_text(encoding="utf-8")
    kept = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert "00000 " not in kept


def test_configure_twice_replaces_its_handlers(tmp_path: Path) -> None:
    logger = logging.getLogger("studyapp")
    before = len(logger.handlers)
    try:
        logs.configure(tmp_path / "one", verbose=True, stream=io.StringIO())
        logs.configure(tmp_path / "two", verbose=True, stream=io.StringIO())
        assert len(logger.handlers) == before + 2
    finally:
        logs.shutdown()
    assert len(logger.handlers) == before


@pytest.mark.parametrize("where", ["main", "thread"])
def test_uncaught_exceptions_are_logged_and_still_reported(tmp_path: Path, where: str) -> None:
    probe = textwrap.dedent(
        """
        import sys, threading
        from pathlib import Path
        from studyapp import logs

        logs.configure(Path(sys.argv[1]))
        logs.install_excepthook()

        def fail():
            raise ValueError("marker-" + sys.argv[2])

        if sys.argv[2] == "thread":
            worker = threading.Thread(target=fail, name="worker")
            worker.start()
            worker.join()
        else:
            fail()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path), where],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == (1 if where == "main" else 0)
    assert f"ValueError: marker-{where}" in result.stderr  # the usual report is kept
    text = (tmp_path / "studyapp.log").read_text(encoding="utf-8")
    assert "CRITICAL studyapp: uncaught exception" in text
    assert f"ValueError: marker-{where}" in text
    assert "Traceback (most recent call last)" in text


def test_an_exception_in_a_qt_slot_reaches_the_log(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from studyapp import logs

        logs.configure(Path(sys.argv[1]))
        logs.install_excepthook()
        app = QApplication(sys.argv[:1])

        def clicked():
            raise RuntimeError("slot-marker")

        QTimer.singleShot(0, clicked)
        QTimer.singleShot(200, app.quit)
        sys.exit(app.exec())
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "studyapp.log").read_text(encoding="utf-8")
    assert "RuntimeError: slot-marker" in text


def test_restore_puts_the_previous_hooks_back() -> None:
    import threading

    before = (sys.excepthook, threading.excepthook)
    restore = logs.install_excepthook()
    assert sys.excepthook is not before[0]
    restore()
    assert (sys.excepthook, threading.excepthook) == before


# The real entry point, with a genuine Qt warning (a font given a negative size) once the window
# exists, then a quit; the warning comes from Qt's C++ code, not from ours.
_QT_WARNING_PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from studyapp import cli
    from studyapp.ui import app as ui_app

    make_window = ui_app.make_window

    def make_window_then_warn(*args, **kwargs):
        window = make_window(*args, **kwargs)
        QTimer.singleShot(100, lambda: QFont().setPointSize(-1))
        QTimer.singleShot(300, ui_app.application().quit)
        return window

    ui_app.make_window = make_window_then_warn
    sys.exit(cli.main(sys.argv[1:]))
    """
)
_QT_WARNING = "QFont::setPointSize: Point size <= 0 (-1), must be greater than 0"


@pytest.mark.parametrize("verbose", [False, True])
def test_qt_warnings_reach_the_log_file(tmp_path: Path, verbose: bool) -> None:
    log_dir = tmp_path / "logs"
    env = dict(os.environ, STUDYAPP_LOG_DIR=str(log_dir), QT_QPA_PLATFORM="offscreen")
    args = ["--verbose"] if verbose else []
    result = subprocess.run(
        [sys.executable, "-c", _QT_WARNING_PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    text = (log_dir / "studyapp.log").read_text(encoding="utf-8")
    assert f"WARNING  studyapp.qt: {_QT_WARNING}" in text
    # On stderr only when asked for, like every other record.
    assert (f"studyapp.qt: {_QT_WARNING}" in result.stderr) is verbose


def test_tests_still_fail_on_qt_warnings_once_the_app_routes_them(tmp_path: Path) -> None:
    """The app's handler must not swallow Qt warnings that pytest-qt turns into failures."""
    inner = tmp_path / "test_inner.py"
    inner.write_text(
        textwrap.dedent(
            """
            from PySide6.QtGui import QFont
            from studyapp.ui.app import application

            application()  # the app's own QApplication, with its message handler

            def test_quiet(qtbot):
                assert application().applicationName()

            def test_warns(qtbot):
                QFont().setPointSize(-1)
            """
        ),
        encoding="utf-8",
    )
    repo = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(repo / "pyproject.toml"),
            "--rootdir",
            str(repo),
            str(inner),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=repo,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout
    assert "test_warns" in result.stdout
    assert _QT_WARNING in result.stdout

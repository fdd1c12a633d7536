"""The app opens its main window from the real command-line entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path


def test_app_shows_a_window_titled_studyapp(tmp_path: Path) -> None:
    # Run the real entry point in a child process and close it once the window is up, so the
    # test sees exactly what a user starting `studyapp` would.
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from studyapp import cli

        app = QApplication(sys.argv[:1])

        def check():
            titles = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
            print("TITLES", titles, flush=True)
            app.quit()

        QTimer.singleShot(500, check)
        sys.exit(cli.main(["--data-dir", sys.argv[1]]))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    titles = next(line for line in result.stdout.splitlines() if line.startswith("TITLES"))
    assert "StudyApp" in titles

"""Runs the real app (`studyapp.cli.main`) and studies by pressing keys, as a learner would.

    python gui_driver.py DATA_DIR BANK_DIR BANK_ID SEED [STEPS]

Keys go to whichever widget has the focus, through QTest, on a timer: in the library, Enter
starts practice on BANK_ID; in a question, a number key picks an option and Enter checks it;
once the feedback is on screen, Enter moves on. Lines on stdout (flushed at once) tell the
parent test what happened:

    ready <notice or ->          the window is up, banks loaded, the store open
    shown <question> <verdict>   the feedback of an answer is on the screen
    alert <text>                 a message box opened
    done                         STEPS key steps were taken; the app is asked to quit

A parent that kills the process knows that every `shown` line it read was on screen first.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

# Run as a script, this folder would come first on sys.path: put the checkout there instead,
# so that the studyapp under test is the one beside these tests, not some installed copy.
sys.path[0] = str(Path(__file__).resolve().parents[2])

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402


def say(*words: object) -> None:
    print(*words, flush=True)


class Driver:
    def __init__(self, bank_id: str, rng: random.Random, steps: int) -> None:
        self.bank_id = bank_id
        self.rng = rng
        self.steps = steps
        self.ready = False
        self.reported: object = None
        self.alerts: set[int] = set()

    def window(self) -> object:
        from studyapp.ui.window import MainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                return widget
        return None

    def key(self, key: Qt.Key) -> None:
        target = QApplication.focusWidget() or self.window()
        QTest.keyClick(target, key)

    def step(self) -> None:
        QTimer.singleShot(self.rng.randint(5, 40), self.step)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                if id(widget) not in self.alerts:
                    self.alerts.add(id(widget))
                    say("alert", widget.text().replace("\n", " "))
                return
        win = self.window()
        if win is None or not win.backend.banks:
            return
        if not self.ready:
            self.ready = True
            notice = win.backend.store.notice
            say("ready", (notice or "-").replace("\n", " "))
            import studyapp

            say("using", studyapp.__file__)
        if self.steps == 0:
            say("done")
            QTimer.singleShot(0, win.close)
            self.steps = -1
            return
        if self.steps < 0:
            return
        self.steps -= 1
        current = win.stack.currentWidget()
        if current is win.library:
            rows = [row.bank_id for row in win.library.model.rows]
            if self.bank_id in rows and win.library.selected_bank() != self.bank_id:
                win.library.select_row(rows.index(self.bank_id))
            win.library.focus_banks()
            self.key(Qt.Key.Key_Return)
        elif current is win.study:
            self.study_step(win.study)
        else:  # the summary: back to the library
            win.show_library()

    def study_step(self, study: object) -> None:
        if study.outcome is None:
            widget = study.widget
            if widget is not None and widget.has_response():
                self.key(Qt.Key.Key_Return)
                outcome = study.outcome
                if outcome is not None and study.feedback.isVisible():
                    self.reported = outcome
                    say("shown", outcome.question.id, outcome.verdict)
            else:
                self.key(getattr(Qt.Key, f"Key_{self.rng.randint(1, 2)}"))
        else:
            self.key(Qt.Key.Key_Return)


def main() -> int:
    data, bank_dir, bank_id, seed = sys.argv[1:5]
    steps = int(sys.argv[5]) if len(sys.argv) > 5 else 1_000_000
    app = QApplication([sys.argv[0]])
    driver = Driver(bank_id, random.Random(int(seed)), steps)
    QTimer.singleShot(0, driver.step)
    from studyapp.cli import main as studyapp

    code = studyapp(["--data-dir", data, bank_dir])
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())

"""Nothing from a bank, its file name or a profile name is read by Qt as rich text.

A hostile bank (markup in every field), in a folder whose name is markup, beside a broken bank
whose file name holds a right-to-left override, studied by a profile whose name is markup: on
each screen every widget is walked, and every text Qt could guess to be HTML (tooltips, status
tips, What's This, window titles, labels, message boxes, item views' tooltips) must show the
markup as written, load no image, and show no bidi override or control character from a name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studyapp.bank.loader import load_file
from tests.reliability.gui_helpers import focus, open_window
from tests.reliability.test_hostile_banks import HTML_BANK, MARK

ESCAPED = "\u202e"
# Markup, a right-to-left override and an ESC: a name typed, synced or hand-edited.
PROFILE = f"<img src='file:///usr/share/pixmaps/debian-logo.png'><b>bold</b> Ana [*]{ESCAPED}\x1b"


def _rendered(text: str, plain: bool) -> str:
    """What a person sees: the characters written, or Qt's reading of them as HTML when the
    widget guesses (as tooltips, titles of labels and message boxes do unless told)."""
    if plain or not GuiQt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


class Walk:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def check(self, where: str, text: str, plain: bool = False) -> None:
        if not text:
            return
        shown = _rendered(text, plain)
        assert ESCAPED not in shown, (where, text)
        assert "\x1b" not in shown, (where, text)
        hostile = "bold" in shown or "hostile" in shown or "lmth" in shown
        if not hostile:
            return
        self.counts[where] = self.counts.get(where, 0) + 1
        assert "\ufffc" not in shown, (where, text)  # an image (or object) was laid out
        if "bold" in shown:
            assert "<b>bold</b>" in shown, (where, text)
        if "hostile" in shown:
            assert "<h1>hostile" in shown, (where, text)

    def screen(self) -> None:
        for widget in QApplication.allWidgets():
            self.widget(widget)

    def widget(self, w: QWidget) -> None:
        self.check("tooltip", w.toolTip())
        self.check("status tip", w.statusTip(), plain=True)
        self.check("what's this", w.whatsThis())
        if w.isWindow() and w.windowHandle() is not None:
            self.check("window title", w.windowHandle().title(), plain=True)
        if isinstance(w, QPlainTextEdit):
            self.check("plain text", w.toPlainText(), plain=True)
        if isinstance(w, QLabel):
            self.check("label", w.text(), plain=w.textFormat() == Qt.TextFormat.PlainText)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            self.model(w.model(), QModelIndex())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                self.check("combo item", w.itemText(i), plain=True)

    def model(self, model: QAbstractItemModel, parent: QModelIndex) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            # Some models keep columnCount to themselves: a column is there if its index is.
            for col in range(50):
                index = model.index(row, col, parent)
                if not index.isValid():
                    break
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str):
                    self.check("item text", text, plain=True)  # drawn as written, but obeyed
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    self.check("item tooltip", tip)
                if col == 0 and model.rowCount(index) > 0:
                    self.model(model, index)


def _modal_then(qtbot: QtBot, walk: Walk, act: Callable[[QWidget], None]) -> None:
    def handle() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None
        walk.screen()
        act(widget)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, handle)


def test_every_widget_shows_hostile_text_as_written(
    qtbot: QtBot, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    folder = tmp_path / "<h1>hostile banks"
    folder.mkdir()
    (folder / "html.yaml").write_text(HTML_BANK, encoding="utf-8")
    (folder / f"bad{ESCAPED}lmth.yaml").write_text("studyapp: 1\nid: [\n", encoding="utf-8")
    assert load_file(folder / "html.yaml").errors == ()
    win = open_window(qtbot, tmp_path / "data", folder)
    walk = Walk()
    walk.screen()  # the library, with its problems panel and bank tooltips
    assert walk.counts.get("item tooltip", 0) >= 1
    assert walk.counts.get("plain text", 0) >= 1  # the problems panel names the broken file

    rows = [row.bank_id for row in win.library.model.rows]
    win.library.select_row(rows.index("html"))
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.library.focus_banks()
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    for _ in range(3):
        walk.screen()  # a question
        qtbot.keyClick(focus(), Qt.Key.Key_1)
        qtbot.keyClick(focus(), Qt.Key.Key_Return)
        walk.screen()  # its feedback
        qtbot.keyClick(focus(), Qt.Key.Key_Return)

    win.switch_profile(PROFILE)
    stats = win.insight.statistics()
    qtbot.waitUntil(stats.isVisible)
    walk.screen()
    assert walk.counts.get("window title", 0) >= 1
    timeline = win.insight.timeline()
    qtbot.waitUntil(timeline.isVisible)
    walk.screen()

    dialog = win.insight.settings()
    qtbot.waitUntil(dialog.isVisible)
    walk.screen()

    def rename(widget: QWidget) -> None:
        assert isinstance(widget, QInputDialog)
        widget.reject()

    names = [
        dialog.profiles.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.profiles.count())
    ]
    assert PROFILE in names, names
    dialog.profiles.setCurrentRow(names.index(PROFILE))
    before = walk.counts.get("label", 0)
    _modal_then(qtbot, walk, rename)
    dialog.findChild(QWidget, "profile-rename").click()
    assert walk.counts.get("label", 0) > before  # "New name for <the profile>:"
    assert walk.counts.get("combo item", 0) >= 1  # the library's profile chooser
    assert walk.counts.get("item text", 0) >= 1  # the settings' list of profiles
    dialog.close()

    from studyapp.ui.common.alerts import alert

    box = alert(win, f"Title {MARK}", f"Text {MARK} in {folder / 'bad'}{ESCAPED}")
    box.setInformativeText(f"Details {MARK}")
    walk.screen()
    assert isinstance(box, QMessageBox)
    box.close()
    figures(
        "hostile bank, folder name, file name with RLO and profile name, walked on "
        f"{3 * 2 + 5} screens: "
        + ", ".join(f"{n} {k}s" for k, n in sorted(walk.counts.items()))
        + "; all shown as written, no image laid out, no override"
    )

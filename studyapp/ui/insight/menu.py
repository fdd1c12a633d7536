"""The main window's way into statistics, the positions timeline, settings and the progress
export: one "Insight" menu, a Settings item under File, each page in a window of its own.

Kept apart from window.py so that the window needs only `install(window)`; the pages import
when first opened, so start-up does not pay for them (nor for the chart library).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QVBoxLayout, QWidget

from studyapp.ui.common.text import plain_title
from studyapp.ui.settings.prefs import folders

if TYPE_CHECKING:
    from studyapp.study import SessionConfig
    from studyapp.ui.window import MainWindow


class PageWindow(QDialog):
    """A non-modal window holding one page, so the library stays usable beside it."""

    def __init__(self, title: str, page: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(plain_title(title))  # titles name the profile
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(page)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        # The style's icon is drawn dark on a dark theme, where it reads as a smudge.
        close.button(QDialogButtonBox.StandardButton.Close).setIcon(QIcon())
        close.rejected.connect(self.close)
        layout.addWidget(close)
        room = parent.screen().availableGeometry()  # a small screen gets a smaller window
        self.resize(min(900, room.width() * 9 // 10), min(760, room.height() * 9 // 10))


class Insight(QObject):
    export_finished = Signal(str)  # the path an export from the menu wrote, or "" if it failed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pages: dict[str, PageWindow] = {}
        # A preview (nothing recorded) shows its own bank only, not the saved folders.
        saved = folders(window.settings) if window.backend.record else []
        window.backend.set_folders(saved)

    def _show(self, key: str, title: str, page: QWidget) -> PageWindow:
        old = self.pages.pop(key, None)
        if old is not None:
            old.close()
            old.deleteLater()
        holder = PageWindow(title, page, self.window)
        holder.setObjectName(f"{key}-window")
        self.pages[key] = holder
        holder.show()
        return holder

    def statistics(self) -> PageWindow:
        # each page loads when it is first opened, not at start-up
        from studyapp.ui.insight.stats import StatsPage

        page = StatsPage(self.window.backend, self.window.profile)
        page.drill_requested.connect(self.drill)
        return self._show("statistics", f"Statistics — {self.window.profile}", page)

    def timeline(self) -> PageWindow:
        # each page loads when it is first opened, not at start-up
        from studyapp.ui.insight.timeline import TimelinePage

        return self._show(
            "timeline", "Positions timeline", TimelinePage(self.window.backend, self.window.profile)
        )

    def settings(self) -> QDialog:
        # each page loads when it is first opened, not at start-up
        from studyapp.ui.settings.dialog import SettingsDialog

        w = self.window
        dialog = SettingsDialog(
            w.backend, w.profile, settings=w.settings, parent=w, sender=w.share_sender
        )
        dialog.setObjectName("settings-dialog")
        dialog.display_changed.connect(self._display)
        dialog.profile_changed.connect(w.switch_profile)
        dialog.folders_changed.connect(self._folders)
        dialog.sync.changed.connect(w.watch_sync)
        dialog.sync.merged.connect(w.synced)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export(self) -> str:
        """Ask where, then write the export in a worker thread; the path chosen, or ""."""
        # the exporter loads when an export is asked for
        from studyapp.ui.insight.export import ExportRun

        run = ExportRun(self.window, self.window.backend, self.window.profile)
        run.finished.connect(self.export_finished)
        chosen: str = run.start()
        return chosen

    def _display(self, theme_key: str, zoom: int) -> None:
        w = self.window
        w.set_theme(theme_key)
        action = getattr(w, "theme_actions", {}).get(theme_key)
        if action is not None:
            action.setChecked(True)
        w.set_zoom(zoom)

    def _folders(self, chosen: list[str]) -> None:
        self.window.backend.set_folders(chosen)
        self.window.reload_banks()

    def drill(self, config: SessionConfig) -> None:
        """Study exactly the questions in `config` (a SessionConfig), e.g. a speaker mix-up."""
        w = self.window
        session = w.backend.session_for(w.profile, config)
        if session.total == 0:
            w.statusBar().showMessage("Those questions are no longer in the loaded banks.", 6000)
            return
        first = config.question_ids[0].partition("/")[0] if config.question_ids else ""
        w.last_bank = first if first in w.backend.banks else w.last_bank
        page = self.pages.get("statistics")
        if page is not None:
            page.close()
        w.stack.setCurrentWidget(w.study)
        w.study.start(session, "Mix-ups")
        w.activateWindow()


def install(window: MainWindow) -> Insight:
    """Add Statistics, Positions timeline, Export progress and Settings to the window's menus."""
    insight = Insight(window)
    bar = window.menuBar()
    menu = bar.addMenu("&Insight")

    def add(
        text: str,
        slot: Callable[[], object],
        name: str,
        keys: QKeySequence | QKeySequence.StandardKey | None = None,
        where: QMenu | None = menu,
    ) -> QAction:
        action = QAction(text, window)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        if where is not None:
            where.addAction(action)
        return action

    add("&Statistics", insight.statistics, "statistics", QKeySequence("Ctrl+Shift+S"))
    add("&Positions timeline", insight.timeline, "timeline", QKeySequence("Ctrl+Shift+T"))
    menu.addSeparator()
    add("&Export progress…", insight.export, "export-progress", QKeySequence("Ctrl+Shift+E"))
    file_menu = window.file_menu
    settings = add(
        "&Settings…", insight.settings, "settings", QKeySequence.StandardKey.Preferences, None
    )
    settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    # Some desktops define no Preferences key at all; Ctrl+, is what most apps use there.
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    comma = QKeySequence("Ctrl+,")
    settings.setShortcuts([*keys, *([] if comma in keys else [comma])])
    quit_action = next((a for a in file_menu.actions() if a.objectName() == "quit"), None)
    if quit_action is None:
        file_menu.addAction(settings)
    else:
        file_menu.insertAction(quit_action, settings)
    return insight

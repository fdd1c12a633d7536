"""The main window: library, study and summary screens, menus, live reload, preferences."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from studyapp.ui import geometry
from studyapp.ui.backend import DEFAULT_PROFILE, Backend
from studyapp.ui.common import theme
from studyapp.ui.common.alerts import alert
from studyapp.ui.common.layout import CentredScroll
from studyapp.ui.common.text import own_font_sizes, rescale
from studyapp.ui.library.view import LibraryView
from studyapp.ui.loading import BankLoading, InThread
from studyapp.ui.settings.prefs import ZOOM_RANGE, zoom_step
from studyapp.ui.share_send import Sender
from studyapp.ui.study.summary import SummaryView
from studyapp.ui.study.view import StudyView
from studyapp.ui.sync_watch import SyncWatcher
from studyapp.ui.watcher import BankWatcher

if TYPE_CHECKING:  # the core loads with the first session
    from studyapp.study import Session

DAMAGED = (
    "The progress file is damaged. Your answers today are still being saved where they can "
    "be; at the next start StudyApp keeps the damaged file under another name and starts a new "
    "one. To keep more of your progress, copy the file now (Help › About shows where it is)."
)
ZOOM_STEP = 1.1
JOB_DELAY_MS = 50
LIST_EVERY_MS = 100  # while banks load in the background, the list is redrawn at most this often


class MainWindow(QMainWindow):
    def __init__(self, backend: Backend, settings: QSettings, profile: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.settings = settings
        self.profile = profile or str(settings.value("profile", DEFAULT_PROFILE)) or DEFAULT_PROFILE
        self._profile_uid: str | None = None  # see _follow_profile
        self.setWindowTitle("StudyApp")
        self.base_font = QFont(QApplication.font())
        self.zoom = zoom_step(settings)  # any hand-edited value is read as a number and clamped
        self.stack = QStackedWidget(self)
        self.library = LibraryView(self.stack)
        self.study = StudyView(self.stack)
        self.summary = SummaryView(self.stack)
        self.summary_holder = self._wrap(self.summary)
        for w in (self.library, self.study, self.summary_holder):
            self.stack.addWidget(w)
        self.setCentralWidget(self.stack)
        self.library.start_requested.connect(self.start_session)
        # the profile as it is when Start is named (it may change)
        self.library.tag_counter = lambda bank, tag: self.backend.tag_counts(
            self.profile, bank, tag
        )
        self.library.mistake_counter = lambda bank, tag: self.backend.mistakes(
            self.profile, bank, tag
        )
        self.library.profile_chosen.connect(self.switch_profile)
        self.study.finished.connect(self.show_summary)
        self.summary.back.connect(self.show_library)
        self.summary.review_mistakes.connect(self.review_mistakes)
        self.watcher = BankWatcher(self)
        self.watcher.changed.connect(self._files_changed)
        self.sync_watcher = SyncWatcher(self.backend.sync_job, self)
        self.sync_watcher.merged.connect(self.synced)
        self.sync_watcher.failed.connect(lambda why: self.statusBar().showMessage(why, 10000))
        self.share_sender = Sender(self.backend.open_store, lambda: self.backend.keeper, self)
        self.last_bank = ""
        self.finished: Session | None = None  # the session the summary shows
        self.loading: BankLoading | None = None  # the background load under way, if any
        self._preparing: set[str] = set()  # banks being built in the background now
        self._session_reload_due = False  # a reload's files still load; the session waits
        self._relist = QTimer(self)  # banks arriving together are listed together
        self._relist.setSingleShot(True)
        self._relist.setInterval(LIST_EVERY_MS)
        self._relist.timeout.connect(self._show_arrivals)
        self.library.table.selectionModel().currentRowChanged.connect(self._prepare_selected)
        self.failed = False  # the progress file could not be opened; run_app exits with 1
        self._build_menus()
        self._apply_zoom()
        geometry.place(self, settings.value("geometry"))

    def _wrap(self, widget: QWidget) -> QWidget:
        scroll = CentredScroll(self.stack)
        scroll.column.addWidget(widget)
        scroll.column.addStretch(1)
        return scroll

    # Menus and standard keys -----------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        keys: QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            if isinstance(keys, list):
                action.setShortcuts(keys)
            else:
                action.setShortcut(keys)
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.file_menu = file_menu  # the Insight menu adds Settings here, before Quit
        self._action(file_menu, "&Open bank…", self.open_bank, QKeySequence.StandardKey.Open)
        self._action(
            file_menu,
            "&New bank from article…",
            self.new_bank_from_article,
            QKeySequence("Ctrl+Shift+N"),
            "new-bank",
        )
        self._action(
            file_menu, "&Reload banks", self.reload_banks, QKeySequence.StandardKey.Refresh
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        study = bar.addMenu("&Study")
        self.undo_action = self._action(
            study, "&Undo last answer", self.undo, QKeySequence.StandardKey.Undo
        )
        self.end_action = self._action(study, "&End session", self.study.end)
        self.back_action = self._action(study, "Back to &library", self.show_library)
        self.stack.currentChanged.connect(lambda _i: self._update_study_actions())
        self._update_study_actions()
        view = bar.addMenu("&View")
        self.full_action = self._action(
            view,
            "&Full screen",
            self.toggle_full_screen,
            [QKeySequence(QKeySequence.StandardKey.FullScreen), QKeySequence("F11")],
        )
        self.full_action.setCheckable(True)
        self._action(
            view,
            "Zoom &in",
            lambda: self.set_zoom(self.zoom + 1),
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            "zoom-in",
        )
        self._action(
            view,
            "Zoom &out",
            lambda: self.set_zoom(self.zoom - 1),
            QKeySequence.StandardKey.ZoomOut,
            "zoom-out",
        )
        self._action(view, "&Actual size", lambda: self.set_zoom(0), QKeySequence("Ctrl+0"))
        view.addSeparator()
        themes = view.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        current = str(self.settings.value("theme", "system"))
        for key, text in (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
            group.addAction(action)
            themes.addAction(action)
            self.theme_actions[key] = action
        # statistics and charts load when first opened, not at start-up
        from studyapp.ui.insight.menu import install

        self.insight = install(self)
        help_menu = bar.addMenu("&Help")  # last, where desktops expect it
        self._action(help_menu, "&About StudyApp", self.show_about, name="about")

    # Screens --------------------------------------------------------------------------------

    def start_up(self) -> None:
        """Load banks and progress once the window is on screen."""
        if self.backend.record and not self._open_store():
            return
        self._load()
        self._refresh_library()
        self.start_sync()
        if self.backend.record:
            self.share_sender.start()
        self.library.select_row(self._given_row())
        self.library.focus_banks()

    def _given_row(self) -> int:
        """The row of the first bank named on the command line, else the first row: with
        `studyapp FILE`, Enter studied the bundled bank listed above the file's."""
        rows = self.library.model.rows
        for given in self.backend.given:
            target = given.resolve()
            for i, row in enumerate(rows):
                if not row.path:
                    continue
                where = Path(row.path).resolve()
                if where == target or target in where.parents:
                    return i
        return 0

    def _load(self, inline: bool = True) -> None:
        """List the banks: at once what the cache holds, the rest from a background job."""
        if self.loading is not None:
            self.loading.cancel()
            self.loading = None
        pending = self.backend.load(inline)
        self._watch()
        self.library.set_loading(*self.backend.loading)
        if not pending:
            return
        backend = self.backend
        # A live reload reads what was dropped into a watched folder, maybe hostile: in a worker
        # process, whatever its size, since a thread of this one holds the GIL through every
        # long C step (a collection, freeing a built bank, marshal): 75-200 ms of the window's
        # thread for 20,000 actors, against 13 ms from a worker (tests/reliability/
        # test_watched_folder.py). A worker takes about 0.2 s to start, which a reload can pay.
        workers = backend.workers if backend.workers is not None or inline else 1
        self.loading = BankLoading(
            pending, backend.pending_files(), backend.paths.bank_cache, self, workers
        )
        self.loading.listed.connect(self._arrived)
        self.loading.done.connect(self._loaded)
        # The banks listed so far reach the screen first: a job started at once would take the
        # processor (and its workers' start-up) from that first paint.
        QTimer.singleShot(JOB_DELAY_MS, self.loading, self.loading.start)

    def _arrived(self, place: int, listed: object) -> None:
        if self.sender() is not self.loading:
            return  # from a load since replaced
        self.backend.take(place, listed)  # type: ignore[arg-type]
        if not self._relist.isActive():
            self._relist.start()

    def _loaded(self) -> None:
        if self.sender() is not self.loading:
            return
        self.loading = None
        self._relist.stop()
        self._show_arrivals()
        self._watch()
        if self._session_reload_due:
            self._reload_session()

    def _show_arrivals(self) -> None:
        self.library.set_loading(*self.backend.loading)
        self.library.set_problems(self.backend.problems)
        if self.stack.currentWidget() is self.library:
            self.library.set_rows(self.backend.rows(self.profile, recount=False))

    def _prepare_selected(self) -> None:
        """Build the selected bank's questions in the background, so that Enter finds them."""
        bank_id = self.library.selected_bank()
        shelf = self.backend.banks
        # While banks load, the list is redrawn every LIST_EVERY_MS and selects its row again:
        # a bank built (or being built) already is not built again.
        if bank_id and bank_id in shelf and not shelf.is_built(bank_id):
            if bank_id in self._preparing:
                return
            self._preparing.add(bank_id)

            def prepare() -> None:
                import studyapp.study  # noqa: F401 (what a session needs, imported ahead too)

                try:
                    shelf.prepare(bank_id)
                finally:
                    self._preparing.discard(bank_id)  # a set's discard is one step: no lock

            threading.Thread(target=prepare, daemon=True).start()

    def _open_store(self) -> bool:
        # the store loads after the window is painted
        from studyapp.progress import StoreError

        try:
            store = self.backend.store
        except StoreError as error:
            # Without its progress file the app cannot record anything: say why, then quit.
            self.failed = True
            box = alert(self, "Progress cannot be opened", f"{error}\n\nStudyApp will close.")
            box.setIcon(QMessageBox.Icon.Critical)
            box.finished.connect(self.close)
            return False
        if store.notice:
            alert(self, "Progress", store.notice, QMessageBox.Icon.Information)
        if store.log_unchecked:  # the answers' damaged-row scan, left off start-up
            self.log_check = InThread(store.check_log, self)
            self.log_check.finished.connect(self._log_checked)
            self.log_check.start()
        if store.unchecked:  # too large to check before the window could open: check it now
            self.store_check = InThread(store.check, self)
            self.store_check.finished.connect(self._store_checked)
            self.store_check.start()
        return True

    def _log_checked(self, notice: object) -> None:
        if notice:
            alert(self, "Progress", str(notice), QMessageBox.Icon.Warning)
            if self.stack.currentWidget() is self.library:
                self._refresh_library()  # a card the repair rebuilt may count otherwise

    def _store_checked(self, ok: object) -> None:
        if not ok:
            alert(self, "Progress", DAMAGED, QMessageBox.Icon.Warning)

    def _refresh_library(self) -> None:
        if self.backend.record:  # the profile's id, to follow a rename made elsewhere
            self._profile_uid = self.backend.store.profile_ids().get(self.profile)
        self.library.set_rows(self.backend.rows(self.profile))
        self.library.set_problems(self.backend.problems)
        self.library.set_profiles(self.backend.profiles(self.profile), self.profile)
        self.library.set_today(self.backend.today(self.profile))
        self.library.set_outlook(self.backend.outlook(self.profile))

    def start_sync(self) -> None:
        """Follow the sync folder, if this device has joined one."""
        self.watch_sync(self.backend.sync_folder())

    def watch_sync(self, folder: object) -> None:
        self.sync_watcher.watch(folder if isinstance(folder, Path) else None)

    def synced(self, _merged: object) -> None:
        # Another device's answers came in: the library's figures change; a session under way
        # keeps its queue and picks the new states up when it looks a card up again.
        self._follow_profile()
        if self.stack.currentWidget() is self.library:
            self._refresh_library()

    def _follow_profile(self) -> None:
        """Another device renamed the profile in use: go on with it under its new name (its id
        stays, docs/sync.md), rather than start a new profile under the old one."""
        if not self.backend.record:
            return
        ids = self.backend.store.profile_ids()
        if self.profile in ids:
            self._profile_uid = ids[self.profile]
            return
        names = {uid: name for name, uid in ids.items()}
        if self._profile_uid in names:
            self.profile = names[self._profile_uid]
            self.settings.setValue("profile", self.profile)
            if self.study.session is not None:  # a session under way goes on with it too
                self.study.session.renamed(self.profile)

    def _watch(self) -> None:
        self.watcher.watch([*self.backend.watched_files(), *self.backend.watched_dirs()])

    def start_preview(self, bank_id: str, question_ids: tuple[str, ...] = ()) -> None:
        """Load, then go straight into practice on one bank (or some of its questions)."""
        self.start_up()
        if self.loading is not None:  # one bank, and the author waits for it anyway
            self.loading.cancel()
            self.loading = None
            self.backend.finish_pending()
            self._show_arrivals()
        self.start_session("practice", bank_id, (), question_ids)

    def start_session(
        self, mode: str, bank_id: str, tags: tuple[str, ...], question_ids: tuple[str, ...] = ()
    ) -> None:
        bank = self.backend.banks.get(bank_id)
        if bank is None:
            return
        session = self.backend.session(self.profile, mode, bank_id, tags, None, question_ids)
        if session.total == 0:
            empty = {
                "review": "Nothing is due for review in this bank right now.",
                "mistakes": "No mistakes to go over in this bank.",
            }
            self.statusBar().showMessage(empty.get(mode, "No questions match this choice."), 6000)
            return
        self.last_bank = bank_id
        self.stack.setCurrentWidget(self.study)
        self.study.start(session, bank.title)

    def _reload_session(self) -> None:
        """The session under way takes its banks as now listed (edited ones swapped in)."""
        self._session_reload_due = False
        session = self.study.session
        if session is not None:
            banks = self.backend.banks
            found = {b: banks.get(b) for b in session.config.bank_ids}
            self.study.reload({b: bank for b, bank in found.items() if bank is not None})

    def _update_study_actions(self) -> None:
        """Study › Undo, End session and Back mean something only on the study screen and the
        summary (where Undo takes back the last answer and goes back to it)."""
        screen = self.stack.currentWidget()
        studying = screen is self.study
        self.end_action.setEnabled(studying)
        self.undo_action.setEnabled(studying or screen is self.summary_holder)
        self.back_action.setEnabled(screen is not self.library)

    def undo(self) -> None:
        """Take back the last answer, from the study screen or from the summary; say so when
        there is none to take back."""
        bar = self.statusBar()
        if self.stack.currentWidget() is self.study:
            if not self.study.undo():
                bar.showMessage("Nothing to undo: no answer in this session yet.", 6000)
            return
        session = self.finished
        if session is None or session.time_up or not session.undo():
            bar.showMessage("Nothing to undo.", 6000)
            return
        self.finished = None
        self.stack.setCurrentWidget(self.study)
        self.study.start(session, self.study.title)
        bar.showMessage("Your last answer was taken back; answer it again.", 6000)

    def show_summary(self) -> None:
        session = self.study.session
        if session is None:
            return
        self.finished = session  # Undo on the summary goes back into it
        summary = session.summary()
        mistakes = any(m.verdict != "unanswered" for m in summary.missed)
        note = ""
        if self.study.timed_out:
            note = "Time is up."
            if self.study.handed_in:
                note += " The answer you had given on the last question was counted."
            left = summary.total - summary.answered
            if left:
                note += f" {left} question{'s' if left != 1 else ''} went unanswered."
        self.summary.show_summary(
            summary, self.study.title, reviewable=session.config.record and mistakes, note=note
        )
        self.stack.setCurrentWidget(self.summary_holder)
        self.study.session = None

    def show_library(self) -> None:
        self.study.timer.stop()
        self.study.session = None
        self.finished = None
        self._refresh_library()
        self.stack.setCurrentWidget(self.library)
        self.library.focus_banks()

    def review_mistakes(self) -> None:
        if self.last_bank:
            self.start_session("mistakes", self.last_bank, ())

    def switch_profile(self, name: str) -> None:
        if not name:
            name, ok = QInputDialog.getText(self, "New profile", "Name of the new profile:")
            name = name.strip()
            if not ok or not name:
                self.library.set_profiles(self.backend.profiles(self.profile), self.profile)
                return
        self.profile = name
        self.settings.setValue("profile", name)
        self._refresh_library()

    def open_bank(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a bank", "", "Question banks (*.yaml *.yml);;All files (*)"
        )
        if path:
            self.backend.add_source(path)
            self.reload_banks()

    def new_bank_from_article(self) -> None:
        # article drafting loads only when a bank is made from an article
        from studyapp.ui.new_bank import NewBankFlow

        self.new_bank = NewBankFlow(self, self._add_bank)
        self.new_bank.start()

    def _add_bank(self, path: object) -> None:
        self.backend.add_source(str(path))
        self.reload_banks()

    def show_about(self) -> None:
        # the About dialog (and its dialog fitting) loads when first opened, not at start-up
        from studyapp.ui.about import AboutDialog

        self.about = AboutDialog(self.backend.paths, self)
        self.about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about.open()

    def _files_changed(self) -> None:
        # A file that changed (or appeared) in a watched folder may be anyone's, and hostile:
        # every changed file is read in the background, however small.
        self._reload(inline=False)

    def reload_banks(self) -> None:
        """Reload on the learner's own word (File › Reload, a bank opened or just drafted):
        small files are read at once, so that the bank is there when the call returns."""
        self._reload(inline=True)

    def _reload(self, inline: bool) -> None:
        self._load(inline)
        if self.loading is None:
            self._reload_session()
        else:
            self._session_reload_due = True  # when the changed files are read (_loaded)
        self.library.set_problems(self.backend.problems)
        if self.stack.currentWidget() is self.library:
            self.library.set_rows(self.backend.rows(self.profile))

    # Display ----------------------------------------------------------------------------------

    def set_theme(self, key: str) -> None:
        self.settings.setValue("theme", key)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, key)

    def set_zoom(self, step: int) -> None:
        self.zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], step))
        self.settings.setValue("zoom", self.zoom)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = QFont(self.base_font)
        font.setPointSizeF(self.base_font.pointSizeF() * ZOOM_STEP**self.zoom)
        old = self.stack.font().pointSizeF()
        answering = self.study.session is not None and self.study.outcome is None
        pending = self.study.widget if answering else None
        sized = own_font_sizes(pending) if pending is not None and old > 0 else None
        self.stack.setFont(font)
        if self.study.session is None:
            return
        if sized is not None:
            # A question not yet answered is restyled in place, keeping what the learner
            # picked or typed; its widgets fixed their sizes when built, as multiples of the old.
            rescale(sized, font.pointSizeF() / old)
        else:
            # The question widgets scaled their fonts when built; rebuild the one on screen.
            QTimer.singleShot(0, self.study.show_current)

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.full_action.setChecked(self.isFullScreen())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.loading is not None:
            self.loading.cancel()
            self.loading = None
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        if self.sync_watcher.folder is not None:
            self.sync_watcher.finish()  # the last answers go to the folder before quitting
        self.backend.close()
        super().closeEvent(event)

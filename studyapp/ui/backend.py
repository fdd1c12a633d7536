"""The one place the window reaches the core: loading banks, the progress store, sessions.

Everything here is plain Python; it exists so that the widgets depend on one small surface.
Banks that fail to load keep their last good version while the app runs. The core modules are
imported where first used, so that the window can paint before they load.

The library is listed from each bank's info (bank/info.py), never from its questions: `banks`
builds a bank's questions when it is first opened. A load lists at once what the cache knows
and what is small enough to parse at once (INLINE_BYTES); the rest is left `pending` for a
background ListingJob, whose results come back through `take`.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.paths import Paths, bundled_questions

if TYPE_CHECKING:
    from studyapp.bank.built import Listed
    from studyapp.bank.catalogue import Shelf
    from studyapp.bank.info import BankInfo
    from studyapp.bank.problems import Problem
    from studyapp.insight.figures import BankSummary, Leech
    from studyapp.insight.statistics import Memory, Statistics, Step
    from studyapp.lrs.secret import Keeper
    from studyapp.model import Bank, Question
    from studyapp.progress import Store
    from studyapp.progress.sync import Merged
    from studyapp.progress.sync.companion import Companion
    from studyapp.scheduler.fit import MemoryModel
    from studyapp.study import Session, SessionConfig
    from studyapp.study.cards import LearnerCards
    from studyapp.ui.library.items import BankRow, Outlook, TagCounts

DEFAULT_PROFILE = "default"
# Bank files still to parse, up to this many bytes in all, are parsed on the spot (a few tens of
# milliseconds); beyond it they are left to a background job.
INLINE_BYTES = 128 * 1024


def utc_now() -> datetime:
    return datetime.now(UTC)


class Backend:
    def __init__(
        self,
        paths: Paths,
        extra: Sequence[str | Path] = (),
        clock: Callable[[], datetime] = utc_now,
        *,
        bundled: bool = True,
        record: bool = True,
        inline_bytes: int = INLINE_BYTES,
        workers: int | None = None,
        store: Store | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self.paths = paths
        # The learner's time zone, for where their days begin; None: the machine's, as it is at
        # each moment asked about (a test passes a zone, as it passes the clock).
        self.zone = zone
        self.inline_bytes = inline_bytes
        self.workers = workers  # worker processes for a background load; None: as it pays
        self.clock = clock
        self.record = record  # False: sessions leave the progress store untouched (preview)
        shipped = [bundled_questions()] if bundled else []
        self.sources = [p for p in shipped if p.exists()] + [Path(p) for p in extra]
        # The files and folders named on the command line (or by "Open with"): the library
        # starts on the first bank among them, which is what the learner asked to open.
        self.given = tuple(Path(p) for p in extra)
        self._folders: list[Path] = []  # the extra folders from the settings (set_folders)
        self.files: list[Path] = []  # the bank files of the last load, in order
        self.listed: list[Listed | None] = []  # each file as listed; None while it loads
        self.pending: list[int] = []  # places in `files` left to a background job
        self.infos: dict[str, BankInfo] = {}
        self.problems: tuple[Problem, ...] = ()
        self._shelf: Shelf | None = None
        self._missing: tuple[Problem, ...] = ()  # sources that are neither file nor folder
        self._counts: dict[str, tuple[BankInfo, BankSummary]] = {}
        self._counted_for = ""  # the profile the counts are for
        self._store: Store | None = store  # given: one already open (a test's); else opened
        self._companion: Companion | None = None  # the sync passes' connection (sync_job)
        self._keeper: Keeper | None = None

    # Banks

    @property
    def banks(self) -> Shelf:
        """The listed banks by id; a bank's questions are built when it is first looked up."""
        if self._shelf is None:
            # banks, the store and sessions load after the window is painted
            from studyapp.bank.catalogue import Shelf

            self._shelf = Shelf({}, self.paths.bank_cache)
        return self._shelf

    @banks.setter
    def banks(self, built: Mapping[str, Bank]) -> None:
        """Serve these banks, already built (a test's, or any made in memory)."""
        # after the first paint, as above
        from studyapp.bank.catalogue import Shelf
        from studyapp.bank.info import info_of

        self.infos = {bank_id: info_of(bank) for bank_id, bank in built.items()}
        self._shelf = Shelf(self.infos, self.paths.bank_cache, kept=built)

    def load(self, inline: bool = True) -> list[int]:
        """List every source: what the cache holds and small files now, the rest left pending.

        Returns the places in `files` still to list (also kept as `pending`); a caller that
        does not run a background job for them can call finish_pending(). `inline`: parse small
        files here (start-up, so that the first paint shows them); a live reload parses nothing
        here, since a file dropped into a watched folder may be hostile and would hold the
        window for as long as the loader's bounds allow.
        """
        # after the first paint, as above
        from studyapp.bank.catalogue import listed_from_cache
        from studyapp.bank.loader import bank_files

        missing: list[Problem] = []
        self.files = bank_files(self.sources, missing)
        self._missing = tuple(missing)
        cache = self.paths.bank_cache
        # A first start has no cache yet: no entry to look up (a path resolved and a file
        # opened per bank, a tenth of a second for 200 banks).
        warm = cache.is_dir() and any(True for _ in cache.iterdir())
        self.listed = [listed_from_cache(f, cache) if warm else None for f in self.files]
        misses = [i for i, item in enumerate(self.listed) if item is None]
        # Small files first come first, up to the budget: the bundled banks and a few small
        # ones show at once, while the large ones load behind them.
        now: list[int] = []
        budget = self.inline_bytes if inline else -1
        for i in misses:
            try:
                size = self.files[i].stat().st_size
            except OSError:
                size = 0  # unreadable: listing it only reports that
            if size <= budget:
                budget -= size
                now.append(i)
        self._list_now(now)
        listed_now = set(now)
        misses = [i for i in misses if i not in listed_now]
        self.pending = misses
        self._settle()
        return misses

    def finish_pending(self) -> None:
        """List the pending files here and now (a preview, or a caller without a job)."""
        self._list_now(self.pending)
        self.pending = []
        self._settle()

    def take(self, index: int, listed: Listed) -> None:
        """One pending file, as a background job listed it."""
        if 0 <= index < len(self.listed) and str(self.files[index]) == listed.path:
            self.listed[index] = listed
            if index in self.pending:
                self.pending.remove(index)
            self._settle()

    @property
    def loading(self) -> tuple[int, int]:
        """(files listed, files in all) of the current load."""
        return len(self.files) - len(self.pending), len(self.files)

    def pending_files(self) -> list[Path]:
        return [self.files[i] for i in self.pending]

    def _list_now(self, places: list[int]) -> None:
        # after the first paint, as above
        from studyapp.bank.catalogue import list_file

        cache = str(self.paths.bank_cache)
        for i in places:
            self.listed[i] = list_file(str(self.files[i]), cache)

    def _settle(self) -> None:
        """Work out the banks and problems from what is listed; a bank whose file now fails
        keeps serving its last good version."""
        # after the first paint, as above
        from studyapp.bank.catalogue import Shelf, catalogue

        found = catalogue(self.listed)
        infos = dict(found.infos)
        old = self._shelf
        broken = {p.path for p in found.problems if p.is_error}
        fresh_paths = {info.path for info in infos.values()}
        waiting = {str(self.files[i]) for i in self.pending}
        kept = {}
        if old is not None:
            built = old.built()
            for bank_id, info in old.infos.items():
                if bank_id in infos or info.path in fresh_paths:
                    continue
                if info.path in waiting:
                    # Being read again in the background: its row stays meanwhile.
                    infos[bank_id] = info
                    if bank_id in built:
                        kept[bank_id] = built[bank_id]
                    continue
                if info.path not in broken:
                    continue
                if bank_id in built:  # only a bank built before can still be served
                    infos[bank_id] = info
                    kept[bank_id] = built[bank_id]
        self.infos = infos
        self._shelf = Shelf(infos, self.paths.bank_cache, old, kept)
        self.problems = self._missing + found.problems

    def add_source(self, path: str | Path) -> None:
        """Watch and load one more file or folder (opened, or a freshly drafted bank)."""
        path = Path(path)
        if path not in self.sources:
            self.sources.append(path)

    def set_folders(self, chosen: Sequence[str | Path]) -> bool:
        """Make `chosen` the extra bank folders from the settings (beside the sources given at
        start); True when the sources changed, so that the caller reloads the banks."""
        wanted = [Path(p) for p in chosen]
        base = [p for p in self.sources if p not in self._folders]
        folders = [p for p in dict.fromkeys(wanted) if p not in base]
        before = list(self.sources)
        self._folders = folders
        self.sources = base + folders
        return self.sources != before

    def watched_files(self) -> list[str]:
        files = {i.path for i in self.infos.values() if i.path}
        files.update(p.path for p in self.problems if p.path)
        files.update(str(p) for p in self.sources if p.is_file())
        return sorted(files)

    def watched_dirs(self) -> list[str]:
        return [str(p) for p in self.sources if p.is_dir()]

    # Progress

    @property
    def store(self) -> Store:
        if self._store is None:
            # after the first paint, as above
            from studyapp.progress import Store

            # Store.open makes the folder, and says clearly when it cannot.
            # The answers are scanned for damaged rows just after start-up (the window runs
            # check_log in the background): nothing the window reads first reads them.
            self._store = Store.open(self.paths.progress_db, self.clock, log_later=True)
        return self._store

    def close(self) -> None:
        if self._companion is not None:
            self._companion.close()
            self._companion = None
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def keeper(self) -> Keeper:
        """Where the LRS secret is found this run (environment, keyring, or typed)."""
        if self._keeper is None:
            # the secrets (and keyring) load only when sharing is used
            from studyapp.lrs.secret import Keeper, system_keyring

            self._keeper = Keeper(os.environ, system_keyring())
        return self._keeper

    def open_store(self) -> Store | None:
        """The store if it is open (nothing is opened here); None in a preview or at quit."""
        return self._store if self.record else None

    def sync_folder(self) -> Path | None:
        """The folder this device syncs through; None when it does not (or in a preview)."""
        if not self.record:
            return None
        me = self.store.sync_identity
        return None if me is None else me.folder

    def sync_job(self) -> Callable[[], Merged | None] | None:
        """What one sync pass runs, on the watcher's thread; None when sync is off.

        The pass uses a connection of its own (the store's belongs to the window's thread),
        made once and kept while the store is open.
        """
        if not self.record or self._store is None or self._store.sync_identity is None:
            return None
        if self._companion is None:
            self._companion = self._store.sync_companion()
        return self._companion.sync

    def profiles(self, current: str) -> list[str]:
        if not self.record:
            return [current]  # a preview never opens the progress file
        return sorted({*self.store.profiles(), current})

    def rows(self, profile: str, recount: bool = True) -> list[BankRow]:
        """The library's rows; without `recount`, counts already worked out are reused (for a
        bank whose info did not change), so that banks arriving one by one cost one count each."""
        # after the first paint, as above
        from studyapp.ui.library.items import bank_row

        if not self.record:
            return [bank_row(i, None) for i in self.infos.values()]
        from studyapp.insight import figures  # with the store: not needed to paint the window

        if recount or self._counted_for != profile:
            self._counts = {}
            self._counted_for = profile
        todo = [i for i in self.infos.values() if self._counts.get(i.id, (None,))[0] is not i]
        if todo:
            counted = figures.summaries(self.store, profile, todo, self.clock())
            for info in todo:
                self._counts[info.id] = (info, counted[info.id])
        now = self.clock()
        return [bank_row(i, self._counts[i.id][1], now) for i in self.infos.values()]

    def statistics_work(
        self, profile: str, tz: tzinfo | None = None
    ) -> Callable[[Step], Statistics]:
        """The statistics page's figures as work for a worker thread: what it needs of the
        window's state is taken here, on the GUI thread; the work reads through a store
        connection of its own and builds no question."""
        store = self.store
        now = self.clock()
        zone = tz or self.zone_at(now)
        infos = list(self.infos.values())
        banks = self.banks  # a Shelf: builds what is asked for, from any thread

        def work(step: Step) -> Statistics:
            # statistics load when the page opens, never at start-up
            from studyapp.insight.statistics import gather, quoted_banks

            def quote(leeches: Sequence[Leech]) -> Mapping[str, Bank]:
                return quoted_banks(leeches, banks)  # the page quotes the first leeches

            reader = store.reader()
            try:
                return gather(reader, profile, infos, now, zone, step, quote)
            finally:
                reader.close()

        return work

    def memory_work(self, profile: str) -> Callable[[Step], Memory]:
        """The statistics page's memory figures as work for a worker thread: the calibration,
        the kept model and whether a fit is due (run beside the other figures; never fits)."""
        store = self.store

        def work(step: Step) -> Memory:
            # the memory model's fitter loads when the page opens, never at start-up
            from studyapp.insight.statistics import gather_memory

            step(0, 1, "Reading your memory model")
            reader = store.reader()
            try:
                return gather_memory(reader, profile)
            finally:
                reader.close()

        return work

    def refit_work(self, profile: str) -> Callable[[Step], MemoryModel | None]:
        """Fitting the memory model anew (study.memory.refit) as work for a worker thread: the
        new model is kept, or the failed fit noted; the result is the model to show."""
        store = self.store
        now = self.clock()

        def work(step: Step) -> MemoryModel | None:
            # the memory model's fitter loads when a fit is asked for, never at start-up
            from studyapp.study.memory import refit

            step(0, 1, "Fitting your memory model")
            reader = store.reader()
            try:
                return refit(reader, profile, now)
            finally:
                reader.close()

        return work

    def export_work(self, profile: str, target: str | Path) -> Callable[[Step], int]:
        """Writing a progress export (as `studyapp progress export`) as work for a worker
        thread; it returns how many answers were written, or raises ValueError."""
        store = self.store

        def work(step: Step) -> int:
            # the exporter loads when an export is asked for, never at start-up
            from studyapp.progress.export import write_export

            step(0, 1, "Writing the export")
            reader = store.reader()
            try:
                return write_export(reader, profile, target)
            finally:
                reader.close()

        return work

    def today(self, profile: str) -> str:
        # after the first paint, as above
        from studyapp.ui.library.items import PREVIEW_LINE, today_text

        if not self.record:
            return PREVIEW_LINE
        now = self.clock()
        local = self.zone_at(now)
        from studyapp.insight import figures  # with the store: not needed to paint the window

        return today_text(figures.today(self.store, profile, now, local), now)

    def zone_at(self, now: datetime) -> tzinfo:
        """The learner's time zone at `now`: the one given, else the machine's offset then."""
        return self.zone or now.astimezone().tzinfo or UTC

    def outlook(self, profile: str) -> Outlook:
        """What a review would take today beside what is due: new questions up to the daily
        limit (as Session counts them), or today's share of an exam plan."""
        # the library's row texts load the insight figures, after the first paint
        from studyapp.ui.library.items import Outlook

        if not self.record:
            return Outlook()
        # the day rule loads with the outlook it serves, after the first paint
        from studyapp.study.days import day_of, midnight

        now = self.clock()
        zone = self.zone_at(now)
        settings = self.store.profile(profile)
        # the day's first midnight, as Session counts the day's new questions from
        today = day_of(now, zone)
        allowed = max(
            0, settings.daily_new_limit - self.store.new_since(profile, midnight(today, zone))
        )
        exam = settings.exam_date
        return Outlook(allowed, planned=bool(exam and exam > today))

    def _tag_pool(
        self, profile: str, bank_id: str, tag: str
    ) -> tuple[Bank, list[tuple[Bank, Question]], LearnerCards] | None:
        """One listed bank, its questions carrying `tag` (all with ""), and one read of its
        cards: what the library's counts of a chosen tag are made from. None for a bank no
        longer listed."""
        # the study core loads after the first paint
        from studyapp.study import queue
        from studyapp.study.cards import LearnerCards

        if bank_id not in self.infos:
            return None
        bank = self.banks[bank_id]
        pool = queue.candidates({bank_id: bank}, (bank_id,), (tag,) if tag else ())
        store = self.store if self.record else None
        return bank, pool, LearnerCards.read(store, profile, [bank])

    def tag_counts(self, profile: str, bank_id: str, tag: str) -> TagCounts | None:
        """One bank's questions carrying `tag`: how many, due and new, as a review session on
        the tag sorts them (study/queue.py). One read of that bank's cards; the rows' tallies
        are per bank, so a tag is counted only when the learner chooses it. None for a bank no
        longer listed."""
        # the row texts load after the first paint
        from studyapp.ui.library.items import TagCounts

        read = self._tag_pool(profile, bank_id, tag)
        if read is None:
            return None
        bank, pool, cards = read
        now = self.clock()
        due = new = 0
        for _bank, question in pool:
            seen = cards.of(bank, question)
            if seen.card is None:
                new += 1
            elif seen.changed or seen.card.due <= now:
                due += 1
        return TagCounts(len(pool), due, new)

    def mistakes(self, profile: str, bank_id: str, tag: str = "") -> int | None:
        """How many of one bank's questions (carrying `tag`, if given) a mistakes session would
        go over; one read of the bank's cards. None for a bank no longer listed."""
        from studyapp.study import queue  # after the first paint, as above

        read = self._tag_pool(profile, bank_id, tag)
        return None if read is None else len(queue.mistakes(read[1], read[2]))

    def session(
        self,
        profile: str,
        mode: str,
        bank_id: str,
        tags: Sequence[str] = (),
        seed: int | None = None,
        question_ids: Sequence[str] = (),
    ) -> Session:
        # after the first paint, as above
        from studyapp.study import SessionConfig

        config = replace(
            SessionConfig.for_mode(mode, (bank_id,), tuple(tags)), question_ids=tuple(question_ids)
        )
        return self.session_for(profile, config, seed)

    def session_for(self, profile: str, config: SessionConfig, seed: int | None = None) -> Session:
        """A session on a ready configuration (a drill from the statistics page, say); it
        records only when this backend does, as every session of the app."""
        # after the first paint, as above
        from studyapp.study import Session

        config = replace(config, record=self.record and config.record)
        rng = random.Random(seed)  # noqa: S311 (order of questions, not secrets)
        store = self.store if self.record else None
        local = self.zone_at(self.clock())  # the learner's day, for the new-question limit
        # Only the banks studied are built: a session never looks at the others. A drill names
        # its questions across banks instead, and sees them all.
        banks = {b: self.banks[b] for b in config.bank_ids} if config.bank_ids else self.banks
        return Session(banks, store, profile, config, self.clock, rng, local)

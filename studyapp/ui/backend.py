"""The one place the window reaches the core: loading banks, the progress store, sessions.

Everything here is plain Python; it exists so that the widgets depend on one small surface.
Banks that fail to load keep their last good version while the app runs. The core modules are
imported where first used, so that the window can paint before they load.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.paths import Paths, bundled_questions

if TYPE_CHECKING:
    from studyapp.bank.problems import LoadResult, Problem
    from studyapp.model import Bank
    from studyapp.progress import Store
    from studyapp.study import Session, SessionConfig
    from studyapp.ui.library.items import BankRow

DEFAULT_PROFILE = "default"


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
    ) -> None:
        self.paths = paths
        self.clock = clock
        self.record = record  # False: sessions leave the progress store untouched (preview)
        shipped = [bundled_questions()] if bundled else []
        self.sources = [p for p in shipped if p.exists()] + [Path(p) for p in extra]
        self.banks: dict[str, Bank] = {}
        self.problems: tuple[Problem, ...] = ()
        self._store: Store | None = None

    # Banks

    def load(self) -> LoadResult:
        """Load every source; a bank that now fails keeps serving its last good version."""
        from studyapp.bank.loader import load_paths  # pulls in YAML: load it late

        result = load_paths(self.sources, cache_dir=self.paths.bank_cache)
        fresh = {b.id: b for b in result.banks}
        broken = {p.path for p in result.errors}
        fresh_paths = {b.path for b in result.banks}
        for bank_id, old in self.banks.items():
            if bank_id not in fresh and old.path in broken and old.path not in fresh_paths:
                fresh[bank_id] = old
        self.banks = fresh
        self.problems = result.problems
        return result

    def add_source(self, path: str | Path) -> None:
        """Watch and load one more file or folder (opened, or a freshly drafted bank)."""
        path = Path(path)
        if path not in self.sources:
            self.sources.append(path)

    def watched_files(self) -> list[str]:
        files = {b.path for b in self.banks.values() if b.path}
        files.update(p.path for p in self.problems if p.path)
        files.update(str(p) for p in self.sources if p.is_file())
        return sorted(files)

    def watched_dirs(self) -> list[str]:
        return [str(p) for p in self.sources if p.is_dir()]

    # Progress

    @property
    def store(self) -> Store:
        if self._store is None:
            from studyapp.progress import Store

            # Store.open makes the folder, and says clearly when it cannot.
            self._store = Store.open(self.paths.progress_db, self.clock)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def profiles(self, current: str) -> list[str]:
        if not self.record:
            return [current]  # a preview never opens the progress file
        return sorted({*self.store.profiles(), current})

    def rows(self, profile: str) -> list[BankRow]:
        from studyapp.ui.library.items import bank_row

        now = self.clock()
        if not self.record:
            return [bank_row(b, None) for b in self.banks.values()]
        from studyapp.insight import figures  # with the store: not needed to paint the window

        store = self.store
        return [
            bank_row(b, figures.bank_summary(store, profile, b, now)) for b in self.banks.values()
        ]

    def today(self, profile: str) -> str:
        from studyapp.ui.library.items import PREVIEW_LINE, today_text

        if not self.record:
            return PREVIEW_LINE
        now = self.clock()
        local = now.astimezone().tzinfo or UTC  # the learner's calendar day
        from studyapp.insight import figures  # with the store: not needed to paint the window

        return today_text(figures.today(self.store, profile, now, local), now)

    def session(
        self,
        profile: str,
        mode: str,
        bank_id: str,
        tags: Sequence[str] = (),
        seed: int | None = None,
        question_ids: Sequence[str] = (),
    ) -> Session:
        from dataclasses import replace

        from studyapp.study import SessionConfig

        config = replace(
            SessionConfig.for_mode(mode, (bank_id,), tuple(tags)), question_ids=tuple(question_ids)
        )
        return self.session_for(profile, config, seed)

    def session_for(self, profile: str, config: SessionConfig, seed: int | None = None) -> Session:
        """A session on a ready configuration (a drill from the statistics page, say); it
        records only when this backend does, as every session of the app."""
        from dataclasses import replace

        from studyapp.study import Session

        config = replace(config, record=self.record and config.record)
        rng = random.Random(seed)  # noqa: S311 (order of questions, not secrets)
        store = self.store if self.record else None
        local = self.clock().astimezone().tzinfo  # the learner's day, for the new-question limit
        return Session(self.banks, store, profile, config, self.clock, rng, local)

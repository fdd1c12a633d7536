"""The one place the window reaches the core: loading banks, the progress store, sessions.

Everything here is plain Python; it exists so that the widgets depend on one small surface.
Banks that fail to load keep their last good version while the app runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.bank.problems import LoadResult, Problem
from studyapp.model import Bank
from studyapp.paths import Paths, bundled_questions
from studyapp.progress import Store
from studyapp.session import Session, SessionConfig
from studyapp.ui.library_items import BankRow, bank_rows

EXAM_QUESTIONS = 20
EXAM_SECONDS_PER_QUESTION = 60
DEFAULT_PROFILE = "default"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Backend:
    def __init__(
        self,
        paths: Paths,
        extra: Sequence[str | Path] = (),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.paths = paths
        self.clock = clock
        bundled = bundled_questions()
        self.sources = [p for p in (bundled, *map(Path, extra)) if p.exists() or p != bundled]
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

    def watched_files(self) -> list[str]:
        files = {b.path for b in self.banks.values() if b.path}
        files.update(p.path for p in self.problems if p.path)
        return sorted(files)

    def watched_dirs(self) -> list[str]:
        return [str(p) for p in self.sources if p.is_dir()]

    # Progress

    @property
    def store(self) -> Store:
        if self._store is None:
            # Store.open makes the folder, and says clearly when it cannot.
            self._store = Store.open(self.paths.progress_db, self.clock)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def profiles(self, current: str) -> list[str]:
        return sorted({*self.store.profiles(), current})

    def rows(self, profile: str) -> list[BankRow]:
        return bank_rows(self.banks.values(), self.store.cards(profile), self.clock())

    def today(self, profile: str) -> str:
        now = self.clock()
        midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        answered = right = 0
        for row in self.store.reviews(profile):
            if row.at >= midnight:
                answered += 1
                right += row.verdict == "right"
        cards = self.store.cards(profile)
        upcoming = [c.due for c in cards.values() if c.due > now]
        due_now = sum(1 for c in cards.values() if c.due <= now)
        parts = []
        if answered:
            parts.append(f"Today: {answered} answered, {round(100 * right / answered)} % right")
        else:
            parts.append("Today: nothing answered yet")
        if due_now:
            parts.append(f"{due_now} due now")
        elif upcoming:
            parts.append(f"next review {_until(min(upcoming) - now)}")
        return " · ".join(parts)

    def session(
        self,
        profile: str,
        mode: str,
        bank_id: str,
        tags: Sequence[str] = (),
        seed: int | None = None,
    ) -> Session:
        exam = mode == "exam"
        config = SessionConfig(
            mode=mode,
            bank_ids=(bank_id,),
            tags=tuple(tags),
            limit=EXAM_QUESTIONS if exam else None,
            time_limit=None,
        )
        session = Session(self.banks, self.store, profile, config, self.clock, random.Random(seed))  # noqa: S311 (order of questions, not secrets)
        if exam:
            # The time allowed follows the number of questions actually drawn.
            seconds = max(1, session.total) * EXAM_SECONDS_PER_QUESTION
            session.deadline = session.started + timedelta(seconds=seconds)
        return session


def _until(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"in {max(1, minutes)} min"
    hours = minutes // 60
    return f"in {hours} h" if hours < 48 else f"in {hours // 24} days"

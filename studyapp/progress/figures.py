"""The progress store's figures for the GUI, as methods: thin calls into studyapp.progress.stats.

A mixin of Store, kept apart so the store module holds only reading and writing the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, cast

from studyapp.model import Bank

if TYPE_CHECKING:
    from studyapp.progress import stats
    from studyapp.progress.store import Store


class StoreFigures:
    """Library and chart figures of one profile; stats imports the store, so it is imported late."""

    @property
    def _store(self) -> Store:
        return cast("Store", self)  # only Store mixes this in

    def bank_summary(self, profile: str, bank: Bank, now: datetime) -> stats.BankSummary:
        from studyapp.progress import stats

        return stats.bank_summary(self._store, profile, bank, now)

    def today(self, profile: str, now: datetime, tz: tzinfo = UTC) -> stats.TodayLine:
        from studyapp.progress import stats

        return stats.today(self._store, profile, now, tz)

    def reviews_per_day(
        self, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
    ) -> list[stats.DayCount]:
        from studyapp.progress import stats

        return stats.reviews_per_day(self._store, profile, now, days, tz)

    def due_forecast(
        self, profile: str, now: datetime, days: int = 30, tz: tzinfo = UTC
    ) -> list[tuple[date, int]]:
        from studyapp.progress import stats

        return stats.due_forecast(self._store, profile, now, days, tz)

    def tag_mastery(
        self, profile: str, banks: Iterable[Bank], now: datetime
    ) -> dict[str, stats.TagMastery]:
        from studyapp.progress import stats

        return stats.tag_mastery(self._store, profile, banks, now)

    def confusion(self, profile: str, banks: Mapping[str, Bank]) -> dict[tuple[str, str], int]:
        from studyapp.progress import stats

        return stats.confusion(self._store, profile, banks)

"""Where a learner's days begin: each local midnight, as one instant.

A session counts the day's new questions from the last midnight, and the statistics put each
answer and each due time in the day whose midnight last passed. Both find the day the same way,
from the midnights, never from a moment's own local date: the two differ where clocks go back
across midnight (St John's, Newfoundland, turned them back at 00:01 until 2011). The hour then
lived twice shows the old day's date, though the new day, and its count of new questions, had
begun at the first midnight.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def midnight(day: date, tz: tzinfo) -> datetime:
    """The instant (in UTC) `day` begins in `tz`: its first midnight, where there are two."""
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def day_of(moment: datetime, tz: tzinfo) -> date:
    """The day that holds `moment` in `tz`: the one whose midnight last passed (the next day
    when `moment` is in an hour lived twice after that day's first midnight)."""
    day = moment.astimezone(tz).date()
    later = day + timedelta(days=1)
    return later if midnight(later, tz) <= moment else day


def day_starts(first: date, days: int, tz: tzinfo) -> list[datetime]:
    """The midnights that begin `first` and the `days - 1` days after it, and the one that ends
    the last of them (days + 1 in all)."""
    return [midnight(first + timedelta(days=d), tz) for d in range(days + 1)]


def day_index(starts: Sequence[datetime], moment: datetime) -> int:
    """Which of the days that `starts` begin holds `moment` (0 for the first; below 0 before it,
    len(starts) - 1 or more after the last)."""
    return bisect_right(starts, moment) - 1

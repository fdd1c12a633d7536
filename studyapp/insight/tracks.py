"""One actor's stance on one issue through time: the points of the positions timeline's axis.

Each move (a timeline row) gives two points, its earlier and its later stance. A point is
placed by its date (the stance's own, else the article's); an earlier stance without a date is
placed just before the later one of its move, so that order holds where time is unknown. The
position along the axis is a fraction from 0 to 1: in proportion to time when the points are
dated, evenly spaced otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from studyapp.insight.views import TimelineRow
from studyapp.model import Bank, PositionShift

# The share of the axis between an undated earlier stance and the later one it moved from.
UNDATED_STEP = 0.08


@dataclass(frozen=True, slots=True)
class Point:
    at: float  # 0..1 along the axis
    date: str  # as written, "" when unknown
    label: str
    stance: str
    source: str
    status: str  # the learner's status of the question this point belongs to
    implied: bool
    later: bool  # the later end of a move: where the shift is marked

    @property
    def text(self) -> str:
        when = f"{self.date} · " if self.date else ""
        implied = " (implied)" if self.implied else ""
        return f"{when}{self.label}: {self.stance}{implied} — {self.source}"


@dataclass(frozen=True, slots=True)
class Track:
    actor: str
    actor_name: str
    issue: str
    points: tuple[Point, ...]


def day(text: str) -> date | None:
    """The first day a date, month or year written in the format covers."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        return date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, IndexError, TypeError):
        return None


def tracks(rows: Iterable[TimelineRow], banks: Iterable[Bank] = ()) -> list[Track]:
    """One track per actor and issue, in the order the rows come, then the banks' stated
    positions that no question asks about: on the track of their actor and issue, or on one
    of their own."""
    groups: dict[tuple[str, str], list[TimelineRow]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        key = (row.actor, row.issue.casefold())
        groups.setdefault(key, []).append(row)
        names.setdefault(key, (row.actor_name, row.issue))
    extra: dict[tuple[str, str], list[Point]] = {}
    for bank in banks:
        asked = {q.position for q in bank.questions if isinstance(q, PositionShift)}
        source = (bank.source.title if bank.source else "") or bank.title
        for position in bank.positions:
            if position.id in asked:
                continue
            key = (position.actor, position.issue.casefold())
            names.setdefault(key, (bank.actor_name(position.actor), position.issue))
            groups.setdefault(key, [])
            for stance in position.stances:
                when = stance.date or (bank.source.date if bank.source else "")
                point = Point(
                    0.0, when, stance.label, stance.stance, source, "", bool(stance.cue), False
                )
                extra.setdefault(key, []).append(point)
    return [_track(key, names[key], group, extra.get(key, [])) for key, group in groups.items()]


def _track(
    key: tuple[str, str], name: tuple[str, str], rows: list[TimelineRow], extra: list[Point]
) -> Track:
    raw: list[tuple[float | None, int, Point]] = []
    for n, row in enumerate(rows):
        common = {"source": row.source, "status": str(row.status)}
        before = Point(
            0.0,
            row.before_date,
            row.before_label,
            row.before,
            implied=bool(row.before_note),
            later=False,
            **common,
        )
        after = Point(
            0.0,
            row.date,
            row.after_label,
            row.after,
            implied=bool(row.after_note),
            later=True,
            **common,
        )
        raw.append((_ordinal(row.before_date), 2 * n, before))
        raw.append((_ordinal(row.date), 2 * n + 1, after))
    for k, point in enumerate(extra):
        raw.append((_ordinal(point.date), 2 * len(rows) + k, point))
    dated = [t for t, _, _ in raw if t is not None]
    placed: list[tuple[float, int, Point]] = []
    if len(set(dated)) >= 2:
        low, high = min(dated), max(dated)
        span = high - low
        # Room at the left for an undated earliest stance.
        margin = UNDATED_STEP if len(dated) < len(raw) else 0.0
        for i, (t, order, point) in enumerate(raw):
            if t is not None:
                x = margin + (t - low) / span * (1 - margin)
            else:
                # Undated: just before the next point of its move, or after the one before.
                following = raw[i + 1][0] if i + 1 < len(raw) and not point.later else None
                base = margin + (following - low) / span * (1 - margin) if following else margin
                x = max(0.0, base - UNDATED_STEP) if not point.later else 1.0
            placed.append((x, order, point))
    else:
        # No time to scale by: the points in the order the moves were told, evenly spaced.
        ordered = sorted(raw, key=lambda r: (r[0] if r[0] is not None else 0.0, r[1]))
        count = max(1, len(ordered) - 1)
        placed = [(i / count, order, p) for i, (_, order, p) in enumerate(ordered)]
    placed.sort(key=lambda r: (r[0], r[1]))
    points = tuple(_at(p, x) for x, _, p in placed)
    return Track(key[0], name[0], name[1], points)


def _ordinal(text: str) -> float | None:
    found = day(text) if text else None
    return float(found.toordinal()) if found else None


def _at(point: Point, x: float) -> Point:
    return Point(
        x,
        point.date,
        point.label,
        point.stance,
        point.source,
        point.status,
        point.implied,
        point.later,
    )

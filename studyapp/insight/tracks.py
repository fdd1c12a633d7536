"""One actor's stance on one issue through time: the points of the positions timeline's axis.

Each move (a timeline row) gives two points, its earlier and its later stance. A point is
placed by its date (the stance's own, else the article's); an earlier stance without a date is
placed just before the later one of its move, so that order holds where time is unknown. The
position along the axis is a fraction from 0 to 1: in proportion to time when the points are
dated, evenly spaced otherwise.

All the tracks of one timeline (one bank, or every bank of a story) share ONE axis: it runs from
the earliest date of any stance or article to the latest, so a day sits at the same place on
every actor's track and under the articles' own marks (`Timeline.ticks`). Only where fewer than
two dates are known does each track fall back to the order of its labels.
"""

from __future__ import annotations

import dataclasses
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
    evidence: tuple[str, ...] = ()  # the passages that show this stance (or mark its move)
    mark: str = ""  # the status as a mark that reads without colour ("" when not asked)

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


@dataclass(frozen=True, slots=True)
class Tick:
    """An article's date on the shared axis."""

    at: float
    date: str
    source: str


@dataclass(frozen=True, slots=True)
class Timeline:
    tracks: tuple[Track, ...]
    ticks: tuple[Tick, ...]  # the articles' dates, earliest first; () when not to scale
    dated: bool  # the axis is to scale in time (False: points in the order of their labels)


def day(text: str) -> date | None:
    """The first day a date, month or year written in the format covers."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        return date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, IndexError, TypeError):
        return None


def tracks(rows: Iterable[TimelineRow], banks: Iterable[Bank] = ()) -> list[Track]:
    """The tracks of `timeline`, for callers that need no ticks."""
    return list(timeline(rows, banks).tracks)


def timeline(rows: Iterable[TimelineRow], banks: Iterable[Bank] = ()) -> Timeline:
    """One track per actor and issue, in the order the rows come, then the banks' stated
    positions that no question asks about: on the track of their actor and issue, or on one
    of their own. Every track is placed on the one axis the banks' and stances' dates span."""
    banks = list(banks)
    groups: dict[tuple[str, str], list[TimelineRow]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        key = (row.actor, row.issue.casefold())
        groups.setdefault(key, []).append(row)
        names.setdefault(key, (row.actor_name, row.issue))
    extra: dict[tuple[str, str], list[Point]] = {}
    articles: dict[str, str] = {}  # date -> the articles of that day
    for bank in banks:
        asked = {q.position for q in bank.questions if isinstance(q, PositionShift)}
        source = (bank.source.title if bank.source else "") or bank.title
        if bank.source and _ordinal(bank.source.date) is not None:
            told = articles.get(bank.source.date)
            articles[bank.source.date] = f"{told}; {source}" if told else source
        for position in bank.positions:
            if position.id in asked:
                continue
            key = (position.actor, position.issue.casefold())
            names.setdefault(key, (bank.actor_name(position.actor), position.issue))
            groups.setdefault(key, [])
            for stance in position.stances:
                when = stance.date or (bank.source.date if bank.source else "")
                point = Point(
                    0.0,
                    when,
                    stance.label,
                    stance.stance,
                    source,
                    "",
                    bool(stance.cue),
                    False,
                    evidence=stance.evidence,
                )
                extra.setdefault(key, []).append(point)
    raws = {key: _once(_raw(group, extra.get(key, []))) for key, group in groups.items()}
    dated = {t for raw in raws.values() for t, _, _ in raw if t is not None}
    dated |= {t for d in articles if (t := _ordinal(d)) is not None}
    if len(dated) < 2:
        made = tuple(Track(k[0], *names[k], _in_order(raw)) for k, raw in raws.items())
        return Timeline(made, (), False)
    low, high = min(dated), max(dated)
    # Room at the left for an undated earliest stance, on every track alike.
    undated = any(t is None for raw in raws.values() for t, _, _ in raw)
    scale = _Scale(low, high, UNDATED_STEP if undated else 0.0)
    made = tuple(Track(k[0], *names[k], _to_scale(raw, scale)) for k, raw in raws.items())
    ticks = tuple(
        Tick(scale.at(t), d, articles[d])
        for d in sorted(articles, key=lambda d: _ordinal(d) or 0.0)
        if (t := _ordinal(d)) is not None
    )
    return Timeline(made, ticks, True)


@dataclass(frozen=True, slots=True)
class _Scale:
    low: float
    high: float
    margin: float

    def at(self, t: float) -> float:
        return self.margin + (t - self.low) / (self.high - self.low) * (1 - self.margin)


_Raw = list[tuple[float | None, int, Point]]


def _raw(rows: list[TimelineRow], extra: list[Point]) -> _Raw:
    raw: _Raw = []
    for n, row in enumerate(rows):
        common = {
            "source": row.source,
            "status": str(row.status),
            "mark": row.mark,
        }
        before = Point(
            0.0,
            row.before_date,
            row.before_label,
            row.before,
            implied=bool(row.before_note),
            later=False,
            evidence=row.before_evidence or row.evidence,
            **common,
        )
        after = Point(
            0.0,
            row.date,
            row.after_label,
            row.after,
            implied=bool(row.after_note),
            later=True,
            evidence=row.after_evidence or row.evidence,
            **common,
        )
        raw.append((_ordinal(row.before_date), 2 * n, before))
        raw.append((_ordinal(row.date), 2 * n + 1, after))
    # A stance a bank states comes before, on the same day, a move that sets out from it.
    for k, point in enumerate(extra):
        raw.append((_ordinal(point.date), k - len(extra), point))
    return raw


def _once(raw: _Raw) -> _Raw:
    """One point per stance and day: two banks of a story that tell the same stance (one
    states it, a later one recalls it as the start of a move) give one point. It keeps the
    question's mastery and shift mark, and the stating article's evidence over the implying."""
    kept: dict[tuple[float | None, str], int] = {}
    out: _Raw = []
    for t, order, point in raw:
        key = (t, point.stance.casefold())
        if t is None or key not in kept:
            kept[key] = len(out)
            out.append((t, order, point))
            continue
        place = kept[key]
        first = out[place][2]
        asked, other = (first, point) if first.mark or not point.mark else (point, first)
        told = other if asked.implied and not other.implied else asked
        merged = dataclasses.replace(
            asked,
            later=first.later or point.later,
            implied=told.implied,
            evidence=told.evidence,
            source=told.source,
            label=told.label,
        )
        out[place] = (t, out[place][1], merged)
    return out


def _to_scale(raw: _Raw, scale: _Scale) -> tuple[Point, ...]:
    placed: list[tuple[float, int, Point]] = []
    for i, (t, order, point) in enumerate(raw):
        if t is not None:
            x = scale.at(t)
        elif point.later:
            x = 1.0
        else:
            # Undated earlier stance: just before the later end of its move.
            following = raw[i + 1][0] if i + 1 < len(raw) else None
            base = scale.at(following) if following is not None else scale.margin
            x = max(0.0, base - UNDATED_STEP)
        placed.append((x, order, point))
    placed.sort(key=lambda r: (r[0], r[1]))
    return tuple(dataclasses.replace(p, at=x) for x, _, p in placed)


def _in_order(raw: _Raw) -> tuple[Point, ...]:
    # No time to scale by: the points in the order the moves were told, evenly spaced.
    ordered = sorted(raw, key=lambda r: (r[0] if r[0] is not None else 0.0, r[1]))
    count = max(1, len(ordered) - 1)
    return tuple(dataclasses.replace(p, at=i / count) for i, (_, _, p) in enumerate(ordered))


def _ordinal(text: str) -> float | None:
    found = day(text) if text else None
    return float(found.toordinal()) if found else None

"""The statistics page as plain data, with no Qt: one series and one table per chart.

Kept apart from the widgets so that the figures and wording can be tested without a screen,
and so that the chart and its table can never disagree: both come from the same `Chart`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from studyapp.insight import DayCount, TagMastery
from studyapp.insight.views import Confusion
from studyapp.ui.insight.table_items import Cell, Table, number, percent, text

BAR = "bar"
LINE = "line"
HBAR = "hbar"


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    kind: str  # BAR, LINE or HBAR
    labels: tuple[str, ...]  # one per value, along the category axis
    values: tuple[float | None, ...]  # None: nothing to draw there (a day without answers)
    axis: str  # what the values measure
    table: Table
    empty: str = ""  # said instead of an empty chart
    maximum: float | None = None  # fixed top of the value axis (100 for percentages)
    # Said under a chart with a single point or bar, which reads as a mistake unless told why;
    # {label} is that point's label.
    lone: str = ""

    @property
    def note(self) -> str:
        """Why the chart holds one point only; "" when it holds more (or none)."""
        points = [
            i
            for i, v in enumerate(self.values)
            if v is not None and (self.maximum is not None or v)
        ]
        if len(points) != 1 or not self.lone:
            return ""
        return self.lone.format(label=self.labels[points[0]])

    @property
    def has_data(self) -> bool:
        # On a percentage scale 0 is a result (every answer wrong, nothing mastered yet);
        # a count of 0 everywhere is nothing to draw.
        if self.maximum is not None:
            return any(v is not None for v in self.values)
        return any(v for v in self.values)


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _day(day: date) -> Cell:
    return Cell(day_label(day), day.isoformat())


def reviews_chart(days: Iterable[DayCount]) -> Chart:
    days = list(days)
    rows = tuple(
        (_day(d.day), number(d.answered), number(d.right), percent(d.accuracy)) for d in days
    )
    return Chart(
        title="Answers per day",
        kind=BAR,
        labels=tuple(day_label(d.day) for d in days),
        values=tuple(float(d.answered) for d in days),
        axis="answers",
        table=Table(("Day", "Answered", "Right", "Accuracy"), rows, (False, True, True, True)),
        empty="No answers in the last 30 days yet.",
        lone="One bar only: all your answers of the last 30 days were given on {label}.",
    )


def accuracy_chart(days: Iterable[DayCount]) -> Chart:
    days = list(days)
    answered = [d for d in days if d.answered]
    rows = tuple((_day(d.day), number(d.answered), percent(d.accuracy)) for d in answered)
    return Chart(
        title="Accuracy over time",
        kind=LINE,
        labels=tuple(day_label(d.day) for d in days),
        values=tuple(None if d.accuracy is None else 100 * d.accuracy for d in days),
        axis="% right",
        table=Table(("Day", "Answered", "Accuracy"), rows, (False, True, True)),
        empty="Accuracy shows once you have answered some questions.",
        maximum=100.0,
        lone=(
            "One point only: {label} is the only day with answers in the last 30 days. A line "
            "shows once you answer on another day."
        ),
    )


def forecast_chart(forecast: Iterable[tuple[date, int]]) -> Chart:
    forecast = list(forecast)
    rows = tuple((_day(day), number(count)) for day, count in forecast)
    return Chart(
        title="Due in the next 30 days",
        kind=BAR,
        labels=tuple(day_label(day) for day, _ in forecast),
        values=tuple(float(count) for _, count in forecast),
        axis="questions due",
        table=Table(("Day", "Due"), rows, (False, True)),
        empty="Nothing falls due in the next 30 days.",
        lone="One bar only: everything due in the next 30 days falls due on {label}.",
    )


def mastery_chart(mastery: Mapping[str, TagMastery]) -> Chart:
    tags = sorted(mastery)
    rows = tuple(
        (
            text(tag),
            number(m.mastered),
            number(m.seen),
            number(m.total),
            percent(m.mastered / m.total if m.total else None),
        )
        for tag, m in ((t, mastery[t]) for t in tags)
    )
    return Chart(
        title="Mastery per tag",
        kind=HBAR,
        labels=tuple(tags),
        values=tuple(
            100 * mastery[t].mastered / mastery[t].total if mastery[t].total else 0.0 for t in tags
        ),
        axis="% mastered",
        table=Table(
            ("Tag", "Mastered", "Seen", "Questions", "Mastered %"),
            rows,
            (False, True, True, True, True),
        ),
        empty="No tagged questions in the loaded banks.",
        maximum=100.0,
        lone="One bar only: {label} is the only tag in the loaded banks.",
    )


def confusion_table(rows: Iterable[Confusion]) -> Table:
    """One line per confusion, in words first, for the list the learner drills from."""
    return Table(
        ("Mix-up", "Times", "Questions"),
        tuple((text(c.sentence), number(c.count), number(len(c.questions))) for c in rows),
        (False, True, True),
    )


def confusion_matrix(rows: Iterable[Confusion]) -> Table:
    """Said by (rows) against chosen (columns), counting the wrong answers."""
    rows = list(rows)
    speakers = sorted({c.speaker_name for c in rows})
    chosen = sorted({c.chosen_name for c in rows})
    counts = {(c.speaker_name, c.chosen_name): c.count for c in rows}
    return Table(
        ("Said by ↓ / you chose →", *chosen),
        tuple(
            (
                text(s),
                *(
                    number(counts.get((s, c), 0), str(counts[s, c]) if (s, c) in counts else "·")
                    for c in chosen
                ),
            )
            for s in speakers
        ),
        (False, *(True for _ in chosen)),
    )


@dataclass(frozen=True, slots=True)
class Heat:
    """The confusion matrix as a heat map: said by (rows) against chosen (columns)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]

    @property
    def top(self) -> int:
        return max((n for row in self.counts for n in row), default=0)


def confusion_heat(rows: Iterable[Confusion]) -> Heat:
    rows = list(rows)
    speakers = tuple(sorted({c.speaker_name for c in rows}))
    chosen = tuple(sorted({c.chosen_name for c in rows}))
    counts = {(c.speaker_name, c.chosen_name): c.count for c in rows}
    return Heat(
        speakers, chosen, tuple(tuple(counts.get((s, c), 0) for c in chosen) for s in speakers)
    )

"""What a learner's history says: figures for the library and the charts, confusions, the
positions timeline and the sentences screens show. Reads the store and the shared view of the
learner's cards; writes nothing."""

from studyapp.insight.figures import (
    BankSummary,
    DayCount,
    Leech,
    TagMastery,
    TodayLine,
    bank_summary,
    confusion,
    due_forecast,
    leeches,
    reviews_per_day,
    tag_mastery,
    today,
)

__all__ = [
    "BankSummary",
    "DayCount",
    "Leech",
    "TagMastery",
    "TodayLine",
    "bank_summary",
    "confusion",
    "due_forecast",
    "leeches",
    "reviews_per_day",
    "tag_mastery",
    "today",
]

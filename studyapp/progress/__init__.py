"""What a learner has answered and when it is due again, kept in one SQLite file."""

from studyapp.progress.stats import (
    BankSummary,
    DayCount,
    TagMastery,
    TodayLine,
    bank_summary,
    confusion,
    due_forecast,
    exam_plan,
    reviews_per_day,
    tag_mastery,
    today,
)
from studyapp.progress.store import (
    CardRecord,
    Profile,
    ReviewRow,
    Store,
    StoreError,
)

__all__ = [
    "BankSummary",
    "CardRecord",
    "DayCount",
    "Profile",
    "ReviewRow",
    "Store",
    "StoreError",
    "TagMastery",
    "TodayLine",
    "bank_summary",
    "confusion",
    "due_forecast",
    "exam_plan",
    "reviews_per_day",
    "tag_mastery",
    "today",
]

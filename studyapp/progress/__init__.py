"""What a learner has answered and when it is due again, kept in one SQLite file."""

from studyapp.progress.store import (
    CardRecord,
    Profile,
    ReviewRow,
    Store,
    StoreError,
)

__all__ = [
    "CardRecord",
    "Profile",
    "ReviewRow",
    "Store",
    "StoreError",
]

"""A learner's answers as a file to hand to an instructor: the review log as CSV or JSON.

The command line (`studyapp progress --format csv|json`) and the GUI's export write the same
text, so an instructor's scripts read either.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.progress.store import Store

EXPORT_FORMAT = 1
FORMATS = ("csv", "json")
CSV_COLUMNS = (
    "id",
    "profile",
    "bank",
    "question",
    "content_hash",
    "at",
    "response",
    "verdict",
    "score",
    "duration_ms",
    "mode",
    "rating",
)


def export_reviews(store: Store | None, profile: str | None, fmt: str) -> str:
    """Every answer of `profile` (of all profiles when None) as CSV or JSON text.

    `store` may be None for a learner with no progress file yet: the result is then an empty
    export in the same shape.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    records = [] if store is None else [r.to_dict() for r in store.reviews(profile)]
    if fmt == "json":
        return json.dumps(
            {"format": EXPORT_FORMAT, "reviews": records}, ensure_ascii=False, indent=1
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        record["response"] = json.dumps(record["response"], ensure_ascii=False)
        writer.writerow(record)
    return out.getvalue().rstrip("\n")

"""A learner's answers as a file to hand to an instructor: the review log as CSV or JSON.

The command line (`studyapp progress --format csv|json`) and the GUI's export write the same
text, so an instructor's scripts read either.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.files import write_atomically
from studyapp.progress.records import ANSWER_FIELDS

if TYPE_CHECKING:
    from studyapp.progress.store import Store

EXPORT_FORMAT = 1
FORMATS = ("csv", "json")
# The log's row id, then the answer's fields: the columns an instructor's scripts read.
CSV_COLUMNS = ("id", *ANSWER_FIELDS)


# A cell a spreadsheet would run as a formula (a profile named "=HYPERLINK(...)", say) gets a
# leading apostrophe, which spreadsheets show as text; the JSON export keeps the text as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


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
        writer.writerow({k: _cell(v) if isinstance(v, str) else v for k, v in record.items()})
    return out.getvalue().rstrip("\n")


def write_export(store: Store | None, profile: str | None, path: str | Path) -> int:
    """Write the export to `path` (CSV or JSON by its suffix); how many answers it holds.

    Written whole or not at all (studyapp.files.write_atomically), so a failed write never
    leaves half a file where the instructor expects a whole one.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{target.name}: choose a name ending in .csv or .json")
    text = export_reviews(store, profile, fmt)
    try:
        write_atomically(target, (text + "\n").encode("utf-8"), make_folder=False)
    except OSError as error:
        raise ValueError(f"{target}: cannot write the export: {error.strerror}") from error
    return 0 if store is None else store.review_count(profile)

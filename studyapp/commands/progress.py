"""`studyapp progress`: a learner's progress as a table, or the whole review log as CSV or JSON."""

from __future__ import annotations

import argparse
import json
import sqlite3
import stat
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from studyapp import paths
from studyapp.cli import add_common_options
from studyapp.printable import shown
from studyapp.progress import Store, StoreError
from studyapp.progress.export import EXPORT_FORMAT, export_reviews
from studyapp.wording import counted

if TYPE_CHECKING:
    from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_options(parser)
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table: a summary (default); json or csv: every answer, one record each",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="forget the answers of --profile (of every profile without it); asks first",
    )
    parser.add_argument("--yes", action="store_true", help="with --reset: do not ask")


def _table(store: Store, profiles: list[str]) -> str:
    now = datetime.now(UTC)
    header = ("Profile", "Bank", "Answers", "Right", "Seen", "Due now", "Last answer")
    rows: list[tuple[str, ...]] = []
    for profile in profiles:
        answers = {bank: (n, right, last) for bank, n, right, last in store.bank_totals(profile)}
        cards = store.cards(profile)
        for bank, (n, right, last) in answers.items():
            mine = [c for (b, _), c in cards.items() if b == bank]
            rows.append(
                (
                    shown(profile),
                    shown(bank),
                    str(n),
                    f"{100 * right / n:.0f} %",
                    str(len(mine)),
                    str(sum(c.due <= now for c in mine)),
                    last[:16].replace("T", " "),
                )
            )
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    )


def _reset(store: Store, profile: str | None, assume_yes: bool) -> int:
    profiles = [profile] if profile else store.profiles()
    count = sum(store.review_count(p) for p in profiles)
    if count == 0:
        print("There is no progress to reset.")
        return 0
    who = (
        f"profile '{shown(profile)}'"
        if profile
        else f"every profile ({', '.join(shown(p) for p in profiles)})"
    )
    if not assume_yes:
        print(
            f"This forgets {counted(count, 'answer')} of {who}. Type yes to confirm: ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        reply = sys.stdin.readline().strip().casefold()
        if reply != "yes":
            print("Nothing was reset.", file=sys.stderr)
            return 1
    stamp = store.clock().strftime("%Y%m%dT%H%M%SZ")
    keep = store.path.with_name(f"{store.path.name}.before-reset-{stamp}")
    try:
        removed = store.reset_with_backup(profiles, keep)
    except (OSError, sqlite3.Error) as error:
        print(f"studyapp progress: nothing was reset: the copy failed ({error})", file=sys.stderr)
        return 1
    print(f"Forgot {counted(removed, 'answer')} of {who}; a copy of the old file is at {keep}.")
    me = store.sync_identity
    if me is not None and me.folder is not None:
        # A reset travels (docs/sync.md): say so where it is done.
        print("The devices it syncs with forget these answers too when they next sync.")
    return 0


def _unusable(db_path: Path) -> str | None:
    """Why the data folder or progress file cannot be read; None when it can, or is not there."""
    folder = db_path.parent
    if folder.exists() and not folder.is_dir():
        return f"{folder}: the data folder is not a folder"
    try:
        mode = db_path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"{db_path}: cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        return f"{db_path}: the progress file is not a regular file"
    return None


def run(args: argparse.Namespace) -> int:
    db_path = paths.resolve(args.data_dir).progress_db
    problem = _unusable(db_path)
    if problem:
        print(f"studyapp progress: {problem}", file=sys.stderr)
        return 1
    if not db_path.exists():
        if args.format == "json":
            print(json.dumps({"format": EXPORT_FORMAT, "reviews": []}))
        elif args.format == "csv":
            print(export_reviews(None, None, "csv"))
        else:
            print(f"No progress yet ({db_path} does not exist).")
        return 0
    try:
        store = Store.open(db_path, lambda: datetime.now(UTC))
    except StoreError as error:
        print(f"studyapp progress: {error}", file=sys.stderr)
        return 1
    with store:
        if store.notice:
            print(store.notice, file=sys.stderr)
        if args.reset:
            return _reset(store, args.profile, args.yes)
        if args.format != "table":
            print(export_reviews(store, args.profile, args.format))
            return 0
        profiles = [args.profile] if args.profile else store.profiles()
        if not any(store.review_count(p) for p in profiles):
            print("No answers recorded yet.")
            return 0
        print(_table(store, profiles))
    return 0

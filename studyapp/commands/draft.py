"""`studyapp draft ARTICLE -o BANK.yaml`: a draft bank from a news article, for review."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.authoring.article import ArticleError
from studyapp.authoring.save import SourceConflict, review_notes, save_draft
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.authoring.draft import Draft


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="the article: .txt, .md or .html")
    parser.add_argument(
        "-o",
        "--output",
        metavar="BANK.yaml",
        help="the bank to write (default: the article's name with .yaml, in this folder)",
    )
    parser.add_argument("--id", dest="bank_id", metavar="ID", help="the bank id (a slug)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite an existing bank or article copy"
    )


def run(args: argparse.Namespace) -> int:
    article = Path(args.article)
    output = Path(args.output) if args.output else Path(article.stem + ".yaml")
    if args.bank_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.bank_id):
        print(f"studyapp draft: --id {args.bank_id!r} is not a lowercase slug", file=sys.stderr)
        return 2
    if output.exists() and not args.force:
        print(f"studyapp draft: {output} exists; use --force to overwrite it", file=sys.stderr)
        return 1
    try:
        draft = save_draft(article, output, args.bank_id, replace_source=args.force)
    except ArticleError as exc:
        print(f"studyapp draft: {exc}", file=sys.stderr)
        return 1
    except SourceConflict as exc:
        print(
            f"studyapp draft: {exc.path} exists with other content; use --force to replace it",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"studyapp draft: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    _report(draft, output)
    return 0


def _report(draft: Draft, output: Path) -> None:
    questions = sum(1 for r in draft.results if r.speaker)
    print(
        f"wrote {output}: {counted(len(draft.people), 'person', 'people')}, "
        f"{counted(questions, 'attribution question')} "
        f"from {counted(len(draft.results), 'quote')}; article copy {draft.source_path}"
    )
    for note in review_notes(draft):
        print(note)
    if draft.item_warnings:
        flagged = len({p.question for p in draft.item_warnings})
        print(
            f"{counted(flagged, 'question')} flagged by the item-writing checks: "
            f"see the CHECK comments in {output}"
        )
    if draft.unattributed:
        print(
            f"{counted(len(draft.unattributed), 'quote')} left commented out in {output} "
            "for you to attribute"
        )

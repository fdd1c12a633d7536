"""`studyapp draft ARTICLE -o BANK.yaml`: a draft bank from a news article, for review."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


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


def write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all: a crash never leaves half a bank where a good one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    import re

    from studyapp.authoring.article import ArticleError
    from studyapp.authoring.draft import make_draft

    article = Path(args.article)
    output = Path(args.output) if args.output else Path(article.stem + ".yaml")
    if args.bank_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.bank_id):
        print(f"studyapp draft: --id {args.bank_id!r} is not a lowercase slug", file=sys.stderr)
        return 2
    if output.exists() and not args.force:
        print(f"studyapp draft: {output} exists; use --force to overwrite it", file=sys.stderr)
        return 1
    try:
        draft = make_draft(article, output, args.bank_id)
    except ArticleError as exc:
        print(f"studyapp draft: {exc}", file=sys.stderr)
        return 1
    copy = draft.source_path
    try:
        if draft.source_bytes is not None:
            if copy.exists() and copy.read_bytes() != draft.source_bytes and not args.force:
                print(
                    f"studyapp draft: {copy} exists with other content; use --force to replace it",
                    file=sys.stderr,
                )
                return 1
            write_atomically(copy, draft.source_bytes)
        write_atomically(output, draft.bank_text.encode("utf-8"))
    except OSError as exc:
        print(f"studyapp draft: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    _report(draft, output)
    return 0


def _report(draft: object, output: Path) -> None:
    from studyapp.authoring.draft import Draft

    assert isinstance(draft, Draft)
    paragraphs = draft.article.paragraphs
    questions = sum(1 for r in draft.results if r.speaker)
    print(
        f"wrote {output}: {len(draft.people)} people, {questions} attribution questions "
        f"from {len(draft.results)} quotes; article copy {draft.source_path}"
    )
    for r in draft.unsure:
        line = paragraphs[r.quote.paragraph].line
        print(f"{draft.article.path}:{line}: check: {_short(r.quote.text)}: {r.note}")
    for r in draft.unattributed:
        line = paragraphs[r.quote.paragraph].line
        print(f"{draft.article.path}:{line}: not attributed: {_short(r.quote.text)}")
    if draft.unattributed:
        print(
            f"{len(draft.unattributed)} quotes left commented out in {output} for you to attribute"
        )


def _short(text: str, limit: int = 60) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"

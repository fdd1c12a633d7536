"""`studyapp preview BANK.yaml [--question ID]`: try a bank in the app without recording progress.

The bank is checked first, without Qt: a bank with errors is reported as `file:line:col` and no
window opens. Answers in the preview are graded and explained as usual but never stored.
"""

from __future__ import annotations

import argparse
import sys

from studyapp.bank.loader import load_file
from studyapp.cli import add_common_options, no_display


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", metavar="BANK.yaml", help="the bank file to open")
    parser.add_argument(
        "--question",
        "-q",
        metavar="ID",
        action="append",
        default=[],
        help="open only this question (repeat for several, asked in the order given)",
    )

    add_common_options(parser)


def run(args: argparse.Namespace) -> int:
    result = load_file(args.bank)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.errors or not result.banks:
        if not result.problems:
            print(f"{args.bank}: no bank found", file=sys.stderr)
        return 1
    bank = result.banks[0]
    missing = [q for q in args.question if bank.question(q) is None]
    if missing:
        for qid in missing:
            print(f"{args.bank}: no question with id `{qid}` in this bank", file=sys.stderr)
        known = ", ".join(q.id for q in bank.questions[:10])
        more = " …" if len(bank.questions) > 10 else ""
        print(f"questions in {bank.id}: {known}{more}", file=sys.stderr)
        return 1

    if (why := no_display()) is not None:
        print(why, file=sys.stderr)
        return 1
    from studyapp.ui.app import run_preview  # Qt only once the bank is known to be good

    wanted = [q.id for q in map(bank.question, args.question) if q is not None]  # aliases too
    code: int = run_preview(args, args.bank, bank.id, wanted)
    return code

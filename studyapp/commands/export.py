"""`studyapp export BANK --to FORMAT -o OUT`: a bank in another tool's format.

Whatever the target cannot carry is listed on stderr as a warning naming the bank file and the
question's line; the export itself still succeeds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.bank.problems import Problem
    from studyapp.model import Bank

FORMATS = ("gift", "moodle-xml", "aiken", "anki", "csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", metavar="BANK", help="the bank file (.yaml) to export")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the target format")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (- for standard output, except for anki)",
    )


def run(args: argparse.Namespace) -> int:
    from studyapp.bank.loader import load_file
    from studyapp.files import write_atomically

    result = load_file(args.bank)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.errors or not result.banks:
        print(f"{args.bank}: not exported: the bank has errors", file=sys.stderr)
        return 1
    bank = result.banks[0]
    out = Path(args.output)
    if args.to == "anki":
        if args.output == "-":
            print("studyapp export: an Anki package cannot go to standard output", file=sys.stderr)
            return 2
        from studyapp.interop.anki import export_anki

        tmp = out.with_name(f".{out.name}.part")
        try:
            count = export_anki(bank, tmp, time.time())
            tmp.replace(out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            print(f"{out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{out}: {count} notes", file=sys.stderr)
        return 0
    text, warnings = _export_text(bank, args.to)
    for warning in warnings:
        print(warning, file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(out, text.encode("utf-8"), make_folder=False)
    except OSError as exc:
        print(f"{out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    skipped = f", {len(warnings)} warning(s)" if warnings else ""
    print(f"{out}: written as {args.to}{skipped}", file=sys.stderr)
    return 0


def _export_text(bank: Bank, fmt: str) -> tuple[str, list[Problem]]:
    if fmt == "gift":
        from studyapp.interop.gift import export_gift

        text, problems = export_gift(bank)
    elif fmt == "moodle-xml":
        from studyapp.interop.moodle_xml import export_moodle_xml

        text, problems = export_moodle_xml(bank)
    elif fmt == "aiken":
        from studyapp.interop.aiken import export_aiken

        text, problems = export_aiken(bank)
    else:
        from studyapp.interop.csv_export import export_csv

        text, problems = export_csv(bank), []
    return text, list(problems)

"""`studyapp export BANK --to FORMAT -o OUT`: a bank in another tool's format.

Whatever the target cannot carry is listed on stderr as a warning naming the bank file and the
question's line; the export itself still succeeds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.bank.loader import load_file
from studyapp.files import same_file, write_output
from studyapp.interop.aiken import export_aiken
from studyapp.interop.anki import export_anki
from studyapp.interop.bounds import expanded_size, limit
from studyapp.interop.csv_export import export_csv
from studyapp.interop.gift import export_gift
from studyapp.interop.moodle_xml import export_moodle_xml
from studyapp.interop.qti import export_qti

if TYPE_CHECKING:
    from studyapp.bank.problems import Problem
    from studyapp.model import Bank

FORMATS = ("gift", "moodle-xml", "aiken", "anki", "csv", "qti")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", metavar="BANK", help="the bank file (.yaml) to export")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the target format")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (- for standard output, except for anki and qti)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing OUT")


def _fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code


def _inputs(bank: Bank) -> list[Path]:
    paths = [Path(bank.path)]
    if bank.source is not None and bank.source.file:
        paths.append(Path(bank.path).parent / bank.source.file)
    return paths


def _refusal(out: Path, bank: Bank, force: bool) -> str:
    """Why `out` may not be written, or "" when it may."""
    for path in _inputs(bank):
        if same_file(path, out):
            return f"{out}: is {path}, which the export reads; not overwritten"
    if out.is_file() and not force:
        return f"{out}: already exists; not overwritten (use --force to replace it)"
    return ""


def run(args: argparse.Namespace) -> int:
    result = load_file(args.bank)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.errors or not result.banks:
        return _fail(f"{args.bank}: not exported: the bank has errors")
    bank = result.banks[0]
    out = Path(args.output)
    if args.output != "-":
        refusal = _refusal(out, bank, args.force)
        if refusal:
            return _fail(refusal)
    bound = limit(bank)
    if expanded_size(bank) > bound:
        return _fail(
            f"{args.bank}: not exported: its texts written out would exceed {bound:,} bytes, "
            "32 times the files it is made from (aliases repeating long texts?)"
        )
    if args.to in _PACKAGES:
        if args.output == "-":
            return _fail(f"studyapp export: a {args.to} package cannot go to standard output", 2)
        made = _export_package(bank, args.to, bound)
        if isinstance(made, str):
            return _fail(f"{args.bank}: not exported: {made}")
        data, count, warnings = made
        for warning in warnings:
            print(warning, file=sys.stderr)
        try:
            write_output(out, data)
        except OSError as exc:
            return _fail(f"{out}: cannot write: {exc.strerror or exc}")
        print(f"{out}: {count} {_PACKAGES[args.to]}", file=sys.stderr)
        return 0
    text, warnings = _export_text(bank, args.to)
    for warning in warnings:
        print(warning, file=sys.stderr)
    data = text.encode("utf-8")
    if len(data) > bound:
        return _fail(f"{args.bank}: not exported: the export would exceed {bound:,} bytes")
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_output(out, data)
    except OSError as exc:
        return _fail(f"{out}: cannot write: {exc.strerror or exc}")
    skipped = f", {len(warnings)} warning(s)" if warnings else ""
    print(f"{out}: written as {args.to}{skipped}", file=sys.stderr)
    return 0


_PACKAGES = {"anki": "notes", "qti": "items"}


def _export_package(bank: Bank, fmt: str, bound: int) -> tuple[bytes, int, list[Problem]] | str:
    """The package's bytes, how many notes or items it holds, and its warnings."""
    if fmt == "qti":
        data, count, problems = export_qti(bank, time.time())
        if len(data) > bound:
            return f"the package would exceed {bound:,} bytes"
        return data, count, problems

    # genanki writes only to a path: a private temporary folder, read back whole.
    with tempfile.TemporaryDirectory(prefix="studyapp-anki-") as folder:
        tmp = Path(folder) / "deck.apkg"
        count = export_anki(bank, tmp, time.time())
        if tmp.stat().st_size > bound:
            return f"the package would exceed {bound:,} bytes"
        return tmp.read_bytes(), count, []


def _export_text(bank: Bank, fmt: str) -> tuple[str, list[Problem]]:
    if fmt == "gift":
        text, problems = export_gift(bank)
    elif fmt == "moodle-xml":
        text, problems = export_moodle_xml(bank)
    elif fmt == "aiken":
        text, problems = export_aiken(bank)
    else:
        text, problems = export_csv(bank), []
    return text, list(problems)

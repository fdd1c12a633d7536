"""`studyapp import FILE -o BANK.yaml`: a GIFT, Moodle XML or Aiken file as a bank in our format.

Prints, as FILE:line:column: warning: ..., everything the file holds that our format cannot
carry. Before writing, the bank is checked with the bank loader: a question the loader would
refuse is left out and reported by name and line, so that one odd question never blocks the
rest. An existing bank file is never overwritten without --force, nor the file being read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.bank.built import MAX_BYTES as BANK_BYTES
from studyapp.bank.problems import Problem, Severity
from studyapp.files import same_file, write_output
from studyapp.interop.aiken_reader import read_aiken
from studyapp.interop.common import slugify
from studyapp.interop.gift_reader import read_gift
from studyapp.interop.import_check import carry, estimated_size
from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml

if TYPE_CHECKING:
    from studyapp.interop.common import Imported

# What this command reads (its parsers' bounds are stated per byte of input, tested at this
# size); the bank it writes may be as large as the loader takes (bank/built.py).
MAX_BYTES = 5 * 1024 * 1024
_SUFFIXES = {".gift": "gift", ".txt": "gift", ".xml": "moodle-xml", ".aiken": "aiken"}
_FORMATS = ("gift", "moodle-xml", "aiken")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="a GIFT (.gift, .txt), Moodle XML (.xml) or Aiken file"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="BANK.yaml", help="the bank file to write"
    )
    parser.add_argument(
        "--format", choices=_FORMATS, help="the format of FILE (default: by suffix)"
    )
    parser.add_argument("--id", help="the bank id (default: made from the output file name)")
    parser.add_argument("--title", help="the bank title (default: the category or file name)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing BANK.yaml")


def _fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code


def read_source(fmt: str, source: Path, data: bytes) -> Imported | str:
    """What the reader of `fmt` makes of the file, or the one-line reason it cannot."""
    if fmt == "moodle-xml":
        try:
            return read_moodle_xml(data, MAX_BYTES)
        except XmlError as exc:
            return f"{source}:{exc.line}: error: {exc}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"{source}:{line}: error: not UTF-8 text"
    if fmt == "aiken":
        return read_aiken(text, MAX_BYTES)

    return read_gift(text, MAX_BYTES)


def run(args: argparse.Namespace) -> int:
    source, out = Path(args.file), Path(args.output)
    fmt = args.format or _SUFFIXES.get(source.suffix.lower())
    if fmt is None:
        return _fail(
            f"{source}: unknown format; name it .gift, .txt, .xml or .aiken, or give --format", 2
        )
    if same_file(source, out):
        return _fail(f"{out}: is the file being imported; not overwritten")
    if out.is_file() and not args.force:
        return _fail(f"{out}: already exists; not overwritten (use --force to replace it)")
    try:
        if source.stat().st_size > MAX_BYTES:
            return _fail(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB; not imported")
        data = source.read_bytes()
    except OSError as exc:
        return _fail(f"{source}: cannot read: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:  # a pipe or device reports no size beforehand
        return _fail(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB; not imported")

    read = read_source(fmt, source, data)
    if isinstance(read, str):
        return _fail(read)
    for line, message in read.notes:
        column = read.columns.get(line, 1)
        print(Problem(str(source), line, column, message, Severity.WARNING), file=sys.stderr)
    if not read.items:
        return _fail(f"{source}: no question our format can carry; nothing written")

    bank_id = args.id or slugify(out.stem) or "imported"
    if slugify(bank_id) != bank_id:
        return _fail(f"--id {bank_id!r}: use lowercase letters, digits and dashes", 2)
    # Moodle writes categories as paths ($course$/top/Name); the last step is the name.
    title = args.title or category_title(read.category) or source.stem
    items = read.with_category_tags()
    # The loader refuses a bank over its size limit (its own, which may differ from the 5 MB
    # this command reads); say so before building one that large.
    if estimated_size(items) > BANK_BYTES:
        return _fail(
            f"{source}: the bank would be larger than {BANK_BYTES // (1024 * 1024)} MB, "
            "which the loader refuses; nothing written"
        )
    header = f"Imported from {source.name} ({fmt}) by `studyapp import`."
    result = carry(items, bank_id, title, header, str(out), len(read.notes))
    for line, message in result.dropped:
        column = read.columns.get(line, 1)
        print(Problem(str(source), line, column, message, Severity.WARNING), file=sys.stderr)
    if result.text is None:
        return _fail(f"{out}: {result.reason}; nothing written")
    if len(result.text.encode("utf-8")) > MAX_BYTES:
        return _fail(
            f"{source}: the bank would be larger than {MAX_BYTES // (1024 * 1024)} MB, "
            "which the loader refuses; nothing written"
        )
    try:
        write_output(out, result.text.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{out}: cannot write: {exc.strerror or exc}")
    for problem in result.warnings:
        print(problem, file=sys.stderr)
    print(f"{out}: {result.count} question(s) imported from {source}", file=sys.stderr)
    return 0


def category_title(category: str) -> str:
    return category.rstrip("/").rsplit("/", 1)[-1].strip()

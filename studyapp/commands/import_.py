"""`studyapp import FILE -o BANK.yaml`: a GIFT or Moodle XML file as a bank in our format.

Prints, as FILE:line: warning: ..., everything the file holds that our format cannot carry,
writes the bank, then loads it back with the bank loader so that what was written is known to
be valid. An existing bank file is never overwritten without --force.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
_SUFFIXES = {".gift": "gift", ".txt": "gift", ".xml": "moodle-xml"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a GIFT (.gift, .txt) or Moodle XML file")
    parser.add_argument(
        "-o", "--output", required=True, metavar="BANK.yaml", help="the bank file to write"
    )
    parser.add_argument(
        "--format", choices=("gift", "moodle-xml"), help="the format of FILE (default: by suffix)"
    )
    parser.add_argument("--id", help="the bank id (default: made from the output file name)")
    parser.add_argument("--title", help="the bank title (default: the category or file name)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing BANK.yaml")


def _fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from studyapp.bank.loader import load_file
    from studyapp.bank.problems import Problem
    from studyapp.files import write_atomically
    from studyapp.interop.common import AnyItem, slugify
    from studyapp.interop.yaml_writer import bank_data, dump_bank

    source, out = Path(args.file), Path(args.output)
    fmt = args.format or _SUFFIXES.get(source.suffix.lower())
    if fmt is None:
        return _fail(f"{source}: unknown format; name it .gift, .txt or .xml, or give --format", 2)
    if out.exists() and not args.force:
        return _fail(f"{out}: already exists; not overwritten (use --force to replace it)")
    try:
        if source.stat().st_size > MAX_BYTES:
            return _fail(f"{source}: larger than {MAX_BYTES // (1024 * 1024)} MB; not imported")
        data = source.read_bytes()
    except OSError as exc:
        return _fail(f"{source}: cannot read: {exc.strerror or exc}")

    items: list[AnyItem]
    if fmt == "gift":
        from studyapp.interop.gift_reader import read_gift

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            return _fail(f"{source}:{line}: error: not UTF-8 text")
        gift = read_gift(text)
        items, notes, category = gift.items, gift.notes, gift.category
    else:
        from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml

        try:
            xml = read_moodle_xml(data)
        except XmlError as exc:
            return _fail(f"{source}:{exc.line}: error: {exc}")
        items, notes, category = xml.items, xml.notes, xml.category

    for line, message in notes:
        print(Problem(str(source), line, 0, message, "warning"), file=sys.stderr)
    if not items:
        return _fail(f"{source}: no question our format can carry; nothing written")

    bank_id = args.id or slugify(out.stem) or "imported"
    if slugify(bank_id) != bank_id:
        return _fail(f"--id {bank_id!r}: use lowercase letters, digits and dashes", 2)
    # Moodle writes categories as paths ($course$/top/Name); the last step is the name.
    title = args.title or category.rstrip("/").rsplit("/", 1)[-1].strip() or source.stem
    header = f"Imported from {source.name} ({fmt}) by `studyapp import`."
    if notes:
        header += f"\n{len(notes)} thing(s) could not be carried over; see the import report."
    text = dump_bank(bank_data(items, bank_id, title), header)
    try:
        write_atomically(out, text.encode("utf-8"), make_folder=False)
    except OSError as exc:
        return _fail(f"{out}: cannot write: {exc.strerror or exc}")

    check = load_file(out)
    for problem in check.problems:
        print(problem, file=sys.stderr)
    if check.errors:
        return _fail(f"{out}: written, but the loader found errors in it (listed above)")
    print(f"{out}: {len(items)} question(s) imported from {source}", file=sys.stderr)
    return 0

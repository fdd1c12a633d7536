"""`studyapp new BANK.yaml`: a commented template with an example of every question type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studyapp.authoring.people import slug
from studyapp.authoring.template import render_template
from studyapp.files import write_atomically
from studyapp.printable import readable_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bank", metavar="BANK.yaml", help="the file to write")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    path = Path(args.bank)
    if path.suffix.lower() not in {".yaml", ".yml"}:
        print(f"studyapp new: {path}: a bank's name ends in .yaml or .yml", file=sys.stderr)
        return 2
    if path.exists() and not args.force:
        print(f"studyapp new: {path} exists; use --force to overwrite it", file=sys.stderr)
        return 1
    # The template names its file: a name that is not UTF-8 is written with U+FFFD there.
    stem = readable_name(path.stem)
    title = stem.replace("-", " ").replace("_", " ").strip().capitalize() or "New bank"
    text = render_template(slug(stem), title, readable_name(path.name))
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        print(f"studyapp new: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {path}: one example of each of the nine question types")
    return 0

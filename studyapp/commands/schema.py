"""`studyapp schema`: print (or write) the JSON Schema of the bank format."""

from __future__ import annotations

import argparse
import sys

from studyapp.bank.schema import schema_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print the JSON Schema of the bank format. Editors with yaml-language-server use it when "
        "a bank's first line is `# yaml-language-server: $schema=bank.schema.json`."
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        print(
            f"studyapp schema: error: cannot write {args.output}: {exc.strerror}", file=sys.stderr
        )
        return 1
    return 0

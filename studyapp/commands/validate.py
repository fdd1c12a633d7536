"""`studyapp validate PATH...`: every problem of every bank, as path:line:col, then a summary.

Exit status: 0 when no bank has errors (warnings allowed, unless --strict), 1 when some do,
2 for a usage mistake such as a path that does not exist or names no bank file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from studyapp.bank.loader import bank_files, load_paths
from studyapp.wording import counted

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check bank files (folders are searched for *.yaml and *.yml) and report every problem "
        "as path:line:col: severity: message."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="bank files or folders")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people and editors, json for tools",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (exit 1 if there is any), e.g. in a bank's CI",
    )
    parser.add_argument(
        "--no-item-checks",
        dest="item_checks",
        action="store_false",
        help="leave out the item-writing checks (warnings such as [longest-answer])",
    )


def run(args: argparse.Namespace) -> int:
    for given in args.paths:
        path = Path(given)
        if not path.exists():
            print(f"studyapp validate: error: no such file or folder: {given}", file=sys.stderr)
            return EXIT_USAGE
        if path.is_dir() and not bank_files([path]):
            print(f"studyapp validate: error: no *.yaml or *.yml files in {given}", file=sys.stderr)
            return EXIT_USAGE
    files = bank_files(args.paths)
    result = load_paths(args.paths, item_checks=args.item_checks)
    errors, warnings = len(result.errors), len(result.warnings)
    code = EXIT_ERRORS if errors or (args.strict and warnings) else EXIT_OK
    if args.format == "json":
        report = {
            "version": 1,
            "ok": code == EXIT_OK,
            "strict": args.strict,
            "files": [str(f) for f in files],
            "banks": [
                {"id": b.id, "path": b.path, "title": b.title, "questions": len(b.questions)}
                for b in result.banks
            ],
            "errors": errors,
            "warnings": warnings,
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "severity": str(p.severity),
                    "message": p.message,
                    "code": p.code or None,
                    "question": p.question or None,
                }
                for p in result.problems
            ],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return code
    for problem in result.problems:
        print(problem)
    questions = sum(len(b.questions) for b in result.banks)
    print(
        f"{counted(len(files), 'file')} checked: {counted(len(result.banks), 'valid bank')} "
        f"({counted(questions, 'question')}), {counted(errors, 'error')}, "
        f"{counted(warnings, 'warning')}"
    )
    return code

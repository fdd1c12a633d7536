"""`studyapp validate PATH...`: every problem of every bank, as path:line:col, then a summary.

Exit status: 0 when no bank has errors (warnings allowed), 1 when some do, 2 for a usage
mistake such as a path that does not exist or names no bank file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def run(args: argparse.Namespace) -> int:
    from studyapp.bank.loader import bank_files, load_paths

    for given in args.paths:
        path = Path(given)
        if not path.exists():
            print(f"studyapp validate: error: no such file or folder: {given}", file=sys.stderr)
            return EXIT_USAGE
        if path.is_dir() and not bank_files([path]):
            print(f"studyapp validate: error: no *.yaml or *.yml files in {given}", file=sys.stderr)
            return EXIT_USAGE
    files = bank_files(args.paths)
    result = load_paths(args.paths)
    errors, warnings = len(result.errors), len(result.warnings)
    code = EXIT_ERRORS if errors else EXIT_OK
    if args.format == "json":
        report = {
            "version": 1,
            "ok": not errors,
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
                    "severity": p.severity,
                    "message": p.message,
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
        f"{_plural(len(files), 'file')} checked: {_plural(len(result.banks), 'valid bank')} "
        f"({_plural(questions, 'question')}), {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')}"
    )
    return code

"""`studyapp grade BANK --responses FILE` and `studyapp grade BANK --question ID ANSWER...`.

For instructors testing an answer key before class: each response is graded exactly as the app
grades it, and the verdict, the score and the accepted form it matched are printed. Responses are
JSON lines `{"question": ID, "response": ...}`: a string for a short answer, a list of strings
(one per gap) for a cloze, and for the other kinds what the app records (an actor id, a choice,
true/false, a list, a mapping). A line that cannot be read is reported with its number on stderr
and the rest are still graded.

Exit status: 0 when every line was graded, 1 when some line could not be (or the bank has
errors), 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from studyapp.answering.grading import grade
from studyapp.answering.responses import read_response
from studyapp.bank.loader import load_file
from studyapp.model import Bank, Cloze

EXIT_OK, EXIT_BAD_LINES, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Grade expected student answers against a bank's key, as the app would grade them."
    )
    parser.add_argument("bank", metavar="BANK.yaml", help="the bank file whose key is tested")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--responses",
        metavar="FILE",
        help='JSON lines {"question": ID, "response": ...}; "-" reads standard input',
    )
    what.add_argument(
        "--question",
        nargs="+",
        metavar=("ID", "ANSWER"),
        help="grade one answer: a short answer's words, or one ANSWER per gap of a cloze "
        '(other kinds: the response as JSON, e.g. true or \'["a", "b"]\')',
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people, json for one JSON object per response",
    )


def _one_response(bank: Bank, qid: str, words: list[str]) -> object:
    question = bank.question(qid)
    if question is not None and question.TYPE == "cloze":
        return words
    if question is not None and question.TYPE == "short_answer":
        return " ".join(words)
    text = " ".join(words)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text  # an actor id or a choice, written without JSON quotes


def _lines(source: TextIO) -> Iterator[tuple[int, str | tuple[str, object]]]:
    """(line number, (question id, response)), or (line number, what is wrong with it)."""
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            yield number, 'expected an object with "question" (an id) and "response"'
            continue
        if "response" not in item:
            yield number, f'the line for `{item["question"]}` has no "response"'
            continue
        yield number, (item["question"], item["response"])


def _result(bank: Bank, qid: str, response: object) -> dict[str, object] | str:
    question = bank.question(qid)
    if question is None:
        return f"no question with id `{qid}` in {bank.id}"
    result = grade(question, read_response(question, response), bank)
    matched: object = None
    if question.TYPE == "short_answer":
        matched = result.matched[0] if result.matched else None
    elif question.TYPE == "cloze":
        matched = list(result.matched)
    return {
        "question": question.id,
        "verdict": result.verdict,
        "score": round(result.score, 4),
        "matched": matched,
    }


def _show(row: dict[str, object], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    matched = row["matched"]
    if isinstance(matched, list):
        shown = ", ".join("—" if m is None else f"“{m}”" for m in matched)
        extra = f"  gaps: {shown}"
    elif matched:
        extra = f"  matched “{matched}”"
    else:
        extra = ""
    out.write(f"{row['question']}: {row['verdict']} ({row['score']:g}){extra}\n")


def run(args: argparse.Namespace) -> int:
    if not Path(args.bank).is_file():
        print(f"studyapp grade: error: no such bank file: {args.bank}", file=sys.stderr)
        return EXIT_USAGE
    loaded = load_file(args.bank)
    if loaded.errors or not loaded.banks:
        for problem in loaded.errors:
            print(problem, file=sys.stderr)
        return EXIT_BAD_LINES
    bank = loaded.banks[0]
    out = sys.stdout
    if args.question is not None:
        if len(args.question) < 2:
            print("studyapp grade: error: --question needs an ID and an ANSWER", file=sys.stderr)
            return EXIT_USAGE
        qid, *words = args.question
        question = bank.question(qid)
        if isinstance(question, Cloze) and len(words) > len(question.blanks):
            # Extra answers were dropped unseen, so `--question ID rare earth` for one gap
            # graded "rare" alone: say so, and how to keep an answer of several words whole.
            gaps = len(question.blanks)
            print(
                f"studyapp grade: error: `{qid}` has {gaps} gap{'s' if gaps != 1 else ''} but "
                f"{len(words)} answers were given; quote an answer of several words "
                '("rare earth")',
                file=sys.stderr,
            )
            return EXIT_USAGE
        row = _result(bank, qid, _one_response(bank, qid, words))
        if isinstance(row, str):
            print(f"studyapp grade: {row}", file=sys.stderr)
            return EXIT_BAD_LINES
        _show(row, args.format, out)
        return EXIT_OK
    name = "<stdin>" if args.responses == "-" else args.responses
    try:
        source = sys.stdin if args.responses == "-" else open(args.responses, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"studyapp grade: error: cannot read {name}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    bad = 0
    with source:
        for number, item in _lines(source):
            row = item if isinstance(item, str) else _result(bank, item[0], item[1])
            if isinstance(row, str):
                print(f"{name}:{number}: {row}", file=sys.stderr)
                bad += 1
                continue
            _show(row, args.format, out)
    return EXIT_BAD_LINES if bad else EXIT_OK

"""Typed-answer grading speed: under 1 ms per answer, printed beside the exact comparison.

Run: python tests/benchmarks/bench_typed.py [--quick]

The answers are the teacher-judged ones of tests/data/grading (both sets), graded among the
bank's actors as the app grades them; the floor is the plain comparison of folded text with each
accepted form (what an exact grader does), timed on the same answers in the same run. The word
list is loaded before timing: it is read once per process, on the first slip to be judged.
"""

from __future__ import annotations

import json
import sys

import _common as common
from _common import Figure, best, show

from studyapp.answering.grading import grade
from studyapp.answering.typed import normalise
from studyapp.answering.words import english_words
from studyapp.bank.loader import load_paths
from studyapp.model import Cloze, ShortAnswer

DATA = common.ROOT / "tests" / "data" / "grading"


def figures(quick: bool = False) -> list[Figure]:
    bank = load_paths([DATA / "bank.yaml"]).banks[0]
    cases: list[tuple[object, object]] = []
    for name in ("tuning", "reporting"):
        for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            cases.append((bank.question(row["question"]), row["response"]))
    typed_answers = sum(len(r) if isinstance(r, list) else 1 for _, r in cases)
    english_words()

    def lenient() -> None:
        for q, response in cases:
            grade(q, response, bank)  # type: ignore[arg-type]

    def exact() -> None:
        for q, response in cases:
            if isinstance(q, ShortAnswer):
                given = normalise(str(response))
                any(given == normalise(a) for a in q.answers)
            elif isinstance(q, Cloze):
                for text, blank in zip(response, q.blanks, strict=False):  # type: ignore[call-overload]
                    given = normalise(text)
                    any(given == normalise(a) for a in blank.accepted)

    repeats = 3 if quick else 10
    per = 1000 / typed_answers
    return [
        show(
            Figure(
                f"grade a typed answer ({typed_answers} answers, {len(cases)} responses)",
                best(lenient, repeats) * per,
                "ms",
                best(exact, repeats) * per,
                "exact comparison",
                max_value=1.0,
            )
        )
    ]


def main(argv: list[str]) -> int:
    return 0 if common.table(figures("--quick" in argv)) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

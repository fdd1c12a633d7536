"""Export to CSV: one row per question, under a header, for spreadsheets and scripts.

Every kind of question fits, since a row only describes it: the prompt as a learner would see
it, the options in their written order, the expected answer as a person would write it, then
explanation, evidence and tags. Cells that a spreadsheet would run as a formula are prefixed
with an apostrophe, the usual guard, so that opening an export never runs anything.
"""

from __future__ import annotations

import csv
import io
from typing import assert_never

from studyapp.answering.grading import expected_answer
from studyapp.interop.common import attribution_choice, attribution_prompt, shift_stances
from studyapp.model import (
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)

HEADER = (
    "bank",
    "id",
    "type",
    "prompt",
    "options",
    "answer",
    "explanation",
    "evidence",
    "tags",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _prompt_and_options(question: Question, bank: Bank) -> tuple[str, list[str]]:
    match question:
        case Attribution():
            return attribution_prompt(question), attribution_choice(question, bank)[0]
        case PositionShift():
            who = bank.actor_name(question.actor)
            prompt = question.prompt or f"{who} on {question.issue}: before and after?"
            return prompt, shift_stances(question)
        case MultipleChoice() | MultipleSelect():
            return question.prompt, list(question.choices)
        case TrueFalse():
            return question.statement, ["True", "False"]
        case Matching():
            return question.prompt, list(dict.fromkeys(right for _, right in question.pairs))
        case Ordering():
            return question.prompt, sorted(question.items)
        case Cloze():
            return question.text, []
        case ShortAnswer():
            return question.prompt, []
        case _:
            assert_never(question)


def export_csv(bank: Bank) -> str:
    """The bank as CSV text (RFC 4180: CRLF line ends, double quotes doubled)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for q in bank.questions:
        prompt, options = _prompt_and_options(q, bank)
        row = [
            bank.id,
            q.id,
            q.TYPE,
            prompt,
            "\n".join(options),
            expected_answer(q, bank),
            q.explanation,
            "\n\n".join(q.evidence),
            "; ".join(bank.tags_of(q)),
        ]
        writer.writerow([_cell(c) for c in row])
    return buffer.getvalue()

"""Export to Aiken, Moodle's simplest import format: single-answer multiple choice only.

Each question is one line of text, then one line per choice ("A. text"), then "ANSWER: A".
Aiken has no escaping and no feedback, so texts are flattened to one line, a question line
that Moodle would misread (as a choice, as the answer line, or as too short to count) is
guarded with a visible prefix, and everything Aiken cannot carry is listed as skipped.
"""

from __future__ import annotations

import re
import string

from studyapp.bank.problems import Problem, Severity
from studyapp.interop.common import ChoiceItem, TrueFalseItem, skipped, to_items
from studyapp.model import Bank

# What Moodle's Aiken reader takes for a choice line: a capital, then "." or ")", with or
# without a space after it (so "U.S. troops..." is a choice to Moodle), and the answer line.
_LOOKS_LIKE_CHOICE = re.compile(r"^[A-Z][.)]")
_GUARD = "Question: "


def one_line(text: str) -> str:
    return " ".join(text.split())


def question_line(text: str) -> str:
    line = one_line(text)
    if _LOOKS_LIKE_CHOICE.match(line) or line.startswith("ANSWER:") or len(line) < 2:
        return _GUARD + line
    return line


def export_aiken(bank: Bank) -> tuple[str, list[Problem]]:
    blocks: list[str] = []
    problems: list[Problem] = []
    without_feedback = 0
    for question in bank.questions:
        items = to_items(question, bank, "Aiken", matching=False)
        if isinstance(items, str):
            problems.append(skipped(bank, question, items + "; skipped"))
            continue
        written = False
        for item in items:
            if isinstance(item, TrueFalseItem):
                item = ChoiceItem(
                    name=item.name,
                    prompt=item.statement,
                    choices=("True", "False"),
                    correct=("True" if item.answer else "False",),
                )
            if not isinstance(item, ChoiceItem) or item.multiple:
                kind = (
                    "is a multiple-select question"
                    if isinstance(item, ChoiceItem)
                    else "has no choices"
                )
                problems.append(
                    skipped(bank, question, f"{kind}; Aiken has no equivalent; skipped")
                )
                continue
            choices = [one_line(c) for c in item.choices]
            if len(choices) > len(string.ascii_uppercase):
                problems.append(skipped(bank, question, "has more than 26 choices; skipped"))
                continue
            if len(set(choices)) != len(choices):
                problems.append(
                    skipped(bank, question, "has choices that differ only in line breaks; skipped")
                )
                continue
            letters = string.ascii_uppercase
            lines = [question_line(item.prompt)]
            lines += [f"{letters[i]}. {c}" for i, c in enumerate(choices)]
            lines.append(f"ANSWER: {letters[choices.index(one_line(item.correct[0]))]}")
            blocks.append("\n".join(lines) + "\n")
            written = True
        if written and (question.explanation.strip() or question.evidence):
            without_feedback += 1
    if without_feedback:
        problems.append(
            Problem(
                bank.path,
                0,
                0,
                f"Aiken has no feedback: the explanation and evidence of {without_feedback} "
                "question(s) were left out",
                Severity.WARNING,
            )
        )
    return "\n".join(blocks), problems

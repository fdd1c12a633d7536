"""Bank files for the reliability tests: many quick questions answered with one key each."""

from __future__ import annotations

from pathlib import Path

BANK_ID = "drill"


def write_quiz_bank(folder: Path, n: int = 300, bank_id: str = BANK_ID) -> Path:
    """A bank of `n` true/false and multiple-choice questions; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["studyapp: 1", f"id: {bank_id}", "title: Drill", "questions:"]
    for i in range(n):
        if i % 2:
            lines += [
                f"  - id: tf-{i}",
                "    type: true_false",
                f"    statement: Statement number {i} is true.",
                f"    answer: {'yes' if i % 3 else 'no'}",
            ]
        else:
            lines += [
                f"  - id: mc-{i}",
                "    type: multiple_choice",
                f"    prompt: Which word goes with number {i}?",
                "    choices: [alpha, beta, gamma]",
                "    answer: beta",
            ]
    path = folder / f"{bank_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

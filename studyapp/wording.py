"""How a count is said: "1 answer", "2 answers", "1,200 answers".

Counts are spliced into sentences all over the window and the commands, and an f-string such as
f"{n} answers" reads "1 answers" for a learner with one answer. Every count of a noun goes
through `counted`, so the singular is never forgotten in one place again.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for exactly one; `plural` for a noun not made with an s."""
    word = noun if n == 1 else (plural if plural is not None else noun + "s")
    return f"{n:,} {word}"

"""The bank files of the adversarial pass (issue 23) that cost the loader time or memory, each
written into a folder as a learner or a sync engine would drop it there.

Shared by the watched-folder test (the window must go on answering while each loads) and its
benchmark (tests/benchmarks/bench_hostile.py). Each builder writes one file (and the article it
cites, for the evidence attacks, straight into the folder) beside the folder, and returns
that staged file; `drop` then moves it in, as a download or a sync engine finishes a file (the
measure of the window starts after the file is made: making it is the test's work, not the
window's). `QUICK` are those the default
run drops (each loads in under a second); `SLOW` the ones that take the loader seconds.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Callable
from pathlib import Path

HEAD = "studyapp: 1\nid: {name}\ntitle: Hostile\n"
SOURCE_BYTES = 5 * 1024 * 1024 - 40  # an article just under the 5 MB limit


def _write(folder: Path, name: str, body: str) -> Path:
    staged = folder.parent / f"{name}.yaml"
    staged.write_text(HEAD.format(name=name) + body, encoding="utf-8")
    return staged


def drop(staged: Path, folder: Path) -> Path:
    """Move a staged file into the folder in one step: the watcher sees it arrive whole."""
    target = folder / staged.name
    staged.replace(target)
    return target


def cloze_braces(folder: Path) -> Path:
    """`{{` x 40,000 in a cloze text (80 kB): 25 s when the blank pattern backtracked."""
    return _write(
        folder, "cloze", f'questions:\n  - id: q1\n    type: cloze\n    text: "{"{{" * 40_000}"\n'
    )


def aliased_scalar(folder: Path) -> Path:
    """One 1 MB scalar aliased 60,000 times (4.6 MB): past 120 s when budgets counted nodes."""
    items = ", ".join(["*d"] * 60_000)
    return _write(
        folder,
        "alias",
        f"description: &d {'x' * 1_000_000}\nquestions:\n"
        f"  - {{id: q, type: ordering, prompt: P, items: [{items}]}}\n",
    )


def billion_laughs(folder: Path) -> Path:
    """Ten levels of ten aliases."""
    lines = ["a0: &a0 [lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return _write(
        folder, "laughs", "\n".join(lines) + "\nquestions:\n  - {id: q, type: true_false, "
        "statement: *a9, answer: yes}\n",
    )  # fmt: skip


def tiny_questions(folder: Path) -> Path:
    """87,000 tiny questions (5 MB): a traced 282 MB before the value cap."""
    rows = (f"- {{id: q{i}, type: true_false, statement: s, answer: y}}\n" for i in range(87_000))
    return _write(folder, "tiny", "questions:\n" + "".join(rows))


def many_choices(folder: Path) -> Path:
    """582,000 choices of one question (5 MB): 225 MB before the value cap."""
    choices = ",".join(f"c{i}" for i in range(582_000))
    return _write(
        folder,
        "choices",
        f"questions:\n- id: q\n  type: multiple_choice\n  prompt: p\n  answer: c0\n"
        f"  choices: [{choices}]\n",
    )


def unknown_keys(folder: Path) -> Path:
    """485,000 unknown keys (5 MB): 408 MB and 65 s before the value cap."""
    keys = "".join(f"k{i}: v\n" for i in range(485_000))
    return _write(
        folder,
        "unknown",
        "questions:\n- {id: q, type: true_false, statement: s, answer: y}\n" + keys,
    )


def actors(folder: Path, count: int = 20_000, questions: int = 4_000) -> Path:
    """20,000 actors, 4,000 attributions: 9.8 s when each attribution searched every actor."""
    cast = "".join(f"  p{i}: {{name: P{i}, kind: person}}\n" for i in range(count))
    asked = "".join(
        f"  - {{id: q{i}, type: attribution, quote: Q, speaker: p{i}}}\n" for i in range(questions)
    )
    return _write(folder, "actors", "actors:\n" + cast + "questions:\n" + asked)


def distinct_evidence(folder: Path) -> Path:
    """240,000 distinct passages against a 5 MB article: 119 s and 1 GB before the budget."""
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "src.txt").write_text("a b " * (SOURCE_BYTES // 4), encoding="utf-8")
    words = ["".join(t) for t in itertools.product(string.ascii_lowercase, repeat=4)][:240_000]
    listed = ",".join(f"a b {w}" for w in words)
    return _write(
        folder,
        "evidence",
        "source: {title: S, file: sources/src.txt}\nquestions:\n"
        f"  - {{id: q1, type: true_false, statement: S, answer: yes, evidence: [{listed}]}}\n",
    )


Builder = Callable[[Path], Path]
QUICK: dict[str, Builder] = {
    "cloze `{{` x 40,000": cloze_braces,
    "1 MB scalar aliased 60,000 times": aliased_scalar,
    "billion laughs": billion_laughs,
    "87,000 tiny questions (5 MB)": tiny_questions,
    "20,000 actors, 4,000 attributions": actors,
}
SLOW: dict[str, Builder] = {
    "582,000 choices (5 MB)": many_choices,
    "485,000 unknown keys (5 MB)": unknown_keys,
    "240,000 distinct passages, 5 MB article": distinct_evidence,
}

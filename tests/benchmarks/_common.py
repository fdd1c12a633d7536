"""What every benchmark shares: timing, seeded banks, child processes and the figure line.

A figure is printed beside the floor it is compared with (measured on the same machine in the
same run), with the ratio, the target and whether it meets it. Targets are either a ratio to the
floor or an absolute bound; a figure without a target is printed for information.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parents[1]
# Run as scripts from a checkout: import this checkout's studyapp (and the test helpers), not an
# installed copy.
for _folder in (str(ROOT / "tests"), str(ROOT)):
    if _folder not in sys.path:
        sys.path.insert(0, _folder)

from studyapp.model import QUESTION_TYPES  # noqa: E402 (needs the path set above)

# Timing -------------------------------------------------------------------------------------


def best(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` calls, in seconds: the run least disturbed by the machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result  # freeing the result is not part of making it
    return min(times)


def each(fn: Callable[[int], object], count: int) -> list[float]:
    """The time of each of `count` calls fn(0), fn(1)..., in seconds."""
    times = []
    for i in range(count):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return times


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


# Figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One measured value in ms or MB, the floor it is compared with, and its target."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    floor_name: str = ""
    max_ratio: float | None = None  # target: value <= floor * max_ratio
    max_value: float | None = None  # target: value <= max_value (same unit)

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"<= {self.max_ratio:g}x"
        if self.max_value is not None:
            return f"<= {self.max_value:g} {self.unit}"
        return "-"

    @property
    def meets(self) -> bool | None:
        if self.max_ratio is not None:
            return self.floor is not None and self.value <= self.floor * self.max_ratio
        if self.max_value is not None:
            return self.value <= self.max_value
        return None

    @property
    def verdict(self) -> str:
        return {True: "MEETS", False: "MISSES", None: "info"}[self.meets]


HEADER = (
    f"{'figure':<58} {'value':>11}  {'floor':>11}  {'(floor is)':<24} {'ratio':>6}  "
    f"{'target':<10} verdict"
)


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    digits = 3 if unit == "ms" and value < 10 else 1
    return f"{value:.{digits}f} {unit}"


def line(figure: Figure) -> str:
    ratio = f"{figure.ratio:.2f}x" if figure.ratio is not None else "-"
    return (
        f"{figure.name:<58} {_amount(figure.value, figure.unit):>11}  "
        f"{_amount(figure.floor, figure.unit):>11}  {figure.floor_name:<24} {ratio:>6}  "
        f"{figure.target:<10} {figure.verdict}"
    )


def show(figure: Figure) -> Figure:
    """Print one figure as soon as it is measured, and hand it on."""
    print(line(figure), flush=True)
    return figure


def table(figures: Sequence[Figure]) -> bool:
    """Print every figure under one header; True when no figure misses its target."""
    print(HEADER)
    print("-" * len(HEADER))
    for figure in figures:
        print(line(figure))
    missed = [f for f in figures if f.meets is False]
    met = sum(1 for f in figures if f.meets)
    print(f"\n{met} targets met, {len(missed)} missed, {len(figures)} figures in all")
    return not missed


# Generated banks ----------------------------------------------------------------------------

WORDS = (
    *("treaty", "minister", "harbour", "budget", "vote", "signing", "talks", "council"),
    *("border", "summit", "guarantee", "minerals", "deal", "troops", "ceasefire"),
    *("sanctions", "envoy", "parliament", "alliance", "pledge"),
)
KINDS = tuple(QUESTION_TYPES)  # in the format's order: the choice kinds come first
# The kinds a learner answers with a digit key: what the key-to-feedback benchmark drives.
PICKED_KINDS = KINDS[:5]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _question(rng: random.Random, kind: str, people: list[str]) -> list[str]:
    if kind == "attribution":
        speaker, *others = rng.sample(people, 4)
        return [
            f'    quote: "{_sentence(rng, 10)}."',
            f"    speaker: {speaker}",
            f"    distractors: [{', '.join(others)}]",
        ]
    if kind == "position_shift":
        return [
            f"    actor: {rng.choice(people)}",
            f"    issue: {_sentence(rng, 3)}",
            f"    before: {{label: Before, stance: {_sentence(rng, 4)} a}}",
            f"    after: {{label: After, stance: {_sentence(rng, 4)} b}}",
            f"    distractors: [{_sentence(rng, 3)} c, {_sentence(rng, 3)} d]",
        ]
    if kind in ("multiple_choice", "multiple_select"):
        choices = [f"{_sentence(rng, 3)} {j}" for j in range(4)]
        single = kind == "multiple_choice"
        return [
            f"    prompt: {_sentence(rng, 8)}?",
            f"    choices: [{', '.join(choices)}]",
            f"    answer: {choices[1]}" if single else f"    answers: [{choices[0]}, {choices[2]}]",
        ]
    if kind == "true_false":
        return [
            f"    statement: {_sentence(rng, 9)}.",
            f"    answer: {rng.choice(['true', 'false'])}",
        ]
    if kind == "matching":
        pairs = [f"      - [{_sentence(rng, 2)} {j}, {_sentence(rng, 2)} {j}]" for j in range(3)]
        return [f"    prompt: {_sentence(rng, 5)}", "    pairs:", *pairs]
    if kind == "ordering":
        items = ", ".join(f"{_sentence(rng, 3)} {j}" for j in range(4))
        return [f"    prompt: {_sentence(rng, 5)}", f"    items: [{items}]"]
    if kind == "cloze":
        blank = f"{{{{{rng.choice(WORDS)}|other}}}}"
        return [f"    text: {_sentence(rng, 5)} {blank} {_sentence(rng, 4)}."]
    return [
        f"    prompt: {_sentence(rng, 7)}?",
        f"    answers: [{rng.choice(WORDS)}, {rng.choice(WORDS)}s]",
    ]


def generate_bank(
    size: int, seed: int = 7, kinds: Sequence[str] = KINDS, part: int = 0
) -> tuple[str, str]:
    """The YAML of a bank of `size` questions cycling through `kinds`, and its source text."""
    rng = random.Random(seed * 1000 + part)
    passages = [_sentence(rng, 12) + "." for _ in range(200)]
    people = [f"p{i}" for i in range(12)]
    out = [
        "studyapp: 1",
        f"id: generated-{size}-{part}",
        f"title: Generated bank of {size} ({part})",
        "source: {title: Generated, file: source.txt}",
        "actors:",
        *(f"  {p}: {{name: Person {p.upper()}, role: Role {i}}}" for i, p in enumerate(people)),
        "questions:",
    ]
    for i in range(size):
        kind = kinds[i % len(kinds)]
        out += [
            f"  - id: q{i}",
            f"    type: {kind}",
            f"    explanation: {_sentence(rng, 8)}.",
            f"    evidence: {json.dumps(rng.choice(passages))}",
            f"    tags: [generated, {rng.choice(WORDS)}]",
            *_question(rng, kind, people),
        ]
    return "\n".join(out) + "\n", "\n".join(passages) + "\n"


# The loader refuses bank files over 6 MB; a 10,000-question bank takes 4.3 MB here.
PER_FILE = 10_000


def write_bank(folder: Path, size: int, seed: int = 7, kinds: Sequence[str] = KINDS) -> Path:
    """Write `size` generated questions with their source; the bank file, or their folder.

    Up to PER_FILE questions make one bank file; more are split into banks of PER_FILE, each
    in a folder of its own with its source, all under one folder.
    """
    top = folder / f"bank-{size}-{seed}"
    parts = max(1, -(-size // PER_FILE))
    for part in range(parts):
        home = top / f"part-{part}" if parts > 1 else top
        home.mkdir(parents=True, exist_ok=True)
        text, source = generate_bank(min(size, PER_FILE), seed, kinds, part)
        (home / "source.txt").write_text(source, encoding="utf-8")
        (home / "bank.yaml").write_text(text, encoding="utf-8")
    return top if parts > 1 else top / "bank.yaml"


def bank_files(target: Path) -> list[Path]:
    return sorted(target.rglob("*.yaml")) if target.is_dir() else [target]


def scratch(prefix: str = "studyapp-bench-") -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix=prefix)


# Child processes ----------------------------------------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    """An environment whose every studyapp folder lies under `home`, drawing off screen."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for var in ("DATA", "CONFIG", "CACHE", "LOG"):
        env[f"STUDYAPP_{var}_DIR"] = str(home / var.lower())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass(frozen=True)
class Child:
    marks: dict[str, float]  # mark -> seconds from spawning the process to reading its line
    lines: dict[str, str]  # mark -> the rest of its line
    peak_mb: float  # the child's peak resident memory


def run_child(argv: Sequence[str], env: dict[str, str], timeout: float = 600) -> Child:
    """Run a process, timing from its spawn to each line it prints, and read its peak memory.

    A line "MARK rest" is timed when the parent reads it, so the figure covers everything a
    user waits for: the interpreter starting, imports, Qt, the app. Peak memory is the child's
    own ru_maxrss, read with wait4 for this child alone: getrusage(RUSAGE_CHILDREN) would give
    the largest of all children waited for so far.
    """
    marks: dict[str, float] = {}
    lines: dict[str, str] = {}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        with subprocess.Popen(
            list(argv), stdout=subprocess.PIPE, stderr=errors, env=env, cwd=ROOT, text=True
        ) as proc:
            killer = threading.Timer(timeout, proc.kill)
            killer.start()
            try:
                assert proc.stdout is not None
                for text in proc.stdout:
                    mark, _, rest = text.rstrip("\n").partition(" ")
                    if mark.isupper() and mark not in marks:
                        marks[mark] = time.perf_counter() - start
                        lines[mark] = rest
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
            finally:
                killer.cancel()
        if proc.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-3000:]
            raise RuntimeError(f"{list(argv)[1:3]} exited with {proc.returncode}:\n{tail}")
    return Child(marks, lines, usage.ru_maxrss / 1024)  # Linux counts ru_maxrss in KiB


def write_library(folder: Path, banks: int, size: int, seed: int = 7) -> Path:
    """`banks` banks of `size` generated questions, each in a folder with its source; their
    folder. Each bank has an id of its own (its place), so that all of them are listed."""
    top = folder / f"library-{banks}x{size}-{seed}"
    for part in range(banks):
        home = top / f"bank-{part:04d}"
        home.mkdir(parents=True, exist_ok=True)
        text, source = generate_bank(size, seed, KINDS, part)
        (home / "source.txt").write_text(source, encoding="utf-8")
        (home / "bank.yaml").write_text(text, encoding="utf-8")
    return top

"""Bank loading speed against its floors, on banks generated here from a seed.

Run: python tests/benchmarks/bench_bank.py [SIZE ...]   (default: 1000 10000)

- validating a bank (parse, build, every check) within 1.5x of yaml.load(CSafeLoader) of the
  same text, which only parses and constructs plain objects;
- reopening an unchanged bank from the cache within 2x of json.load of the cache entry.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

# Run as a script from a checkout: import this checkout's studyapp, not an installed one.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studyapp.bank import cache
from studyapp.bank.loader import load_file

REPEATS = 5
WORDS = (
    *("treaty", "minister", "harbour", "budget", "vote", "signing", "talks", "council"),
    *("border", "summit", "guarantee", "minerals", "deal", "troops", "ceasefire"),
    *("sanctions", "envoy", "parliament", "alliance", "pledge"),
)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def generate(size: int, seed: int = 7) -> tuple[str, str]:
    """A bank of `size` questions of every type, and its source text."""
    rng = random.Random(seed)
    passages = [_sentence(rng, 12) + "." for _ in range(200)]
    source = "\n".join(passages) + "\n"
    people = [f"p{i}" for i in range(12)]
    out = [
        "studyapp: 1",
        f"id: generated-{size}",
        f"title: Generated bank of {size}",
        "source: {title: Generated, file: source.txt}",
        "actors:",
        *(f"  {p}: {{name: Person {p.upper()}, role: Role {i}}}" for i, p in enumerate(people)),
        "questions:",
    ]
    for i in range(size):
        kind = i % 9
        evidence = json.dumps(rng.choice(passages))
        out += [f"  - id: q{i}", f"    explanation: {_sentence(rng, 8)}."]
        out.append(f"    evidence: {evidence}")
        out.append("    tags: [generated, " + rng.choice(WORDS) + "]")
        if kind == 0:
            speaker, *others = rng.sample(people, 4)
            out += [
                "    type: attribution",
                f'    quote: "{_sentence(rng, 10)}."',
                f"    speaker: {speaker}",
                f"    distractors: [{', '.join(others)}]",
            ]
        elif kind == 1:
            out += [
                "    type: position_shift",
                f"    actor: {rng.choice(people)}",
                f"    issue: {_sentence(rng, 3)}",
                f"    before: {{label: Before, stance: {_sentence(rng, 4)} a}}",
                f"    after: {{label: After, stance: {_sentence(rng, 4)} b}}",
                f"    distractors: [{_sentence(rng, 3)} c, {_sentence(rng, 3)} d]",
            ]
        elif kind in (2, 3):
            choices = [f"{_sentence(rng, 3)} {j}" for j in range(4)]
            answer = (
                f"    answer: {choices[1]}"
                if kind == 2
                else f"    answers: [{choices[0]}, {choices[2]}]"
            )
            out += [
                "    type: " + ("multiple_choice" if kind == 2 else "multiple_select"),
                f"    prompt: {_sentence(rng, 8)}?",
                f"    choices: [{', '.join(choices)}]",
                answer,
            ]
        elif kind == 4:
            out += [
                "    type: true_false",
                f"    statement: {_sentence(rng, 9)}.",
                f"    answer: {rng.choice(['true', 'false'])}",
            ]
        elif kind == 5:
            out += ["    type: matching", f"    prompt: {_sentence(rng, 5)}", "    pairs:"]
            out += [f"      - [{_sentence(rng, 2)} {j}, {_sentence(rng, 2)} {j}]" for j in range(3)]
        elif kind == 6:
            items = ", ".join(f"{_sentence(rng, 3)} {j}" for j in range(4))
            out += [
                "    type: ordering",
                f"    prompt: {_sentence(rng, 5)}",
                f"    items: [{items}]",
            ]
        elif kind == 7:
            out += [
                "    type: cloze",
                f"    text: {_sentence(rng, 5)} {{{{{rng.choice(WORDS)}|other}}}} "
                f"{_sentence(rng, 4)}.",
            ]
        else:
            out += [
                "    type: short_answer",
                f"    prompt: {_sentence(rng, 7)}?",
                f"    answers: [{rng.choice(WORDS)}, {rng.choice(WORDS)}s]",
            ]
    return "\n".join(out) + "\n", source


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result  # freeing it is not part of loading it
    return min(times)


def _line(name: str, value: float, floor: float, ratio: float) -> bool:
    ok = value <= floor * ratio
    verdict = "meets" if ok else "MISSES"
    print(
        f"  {name:<28} {value * 1000:8.1f} ms   floor {floor * 1000:8.1f} ms   "
        f"x{value / floor:4.2f} (target x{ratio})  {verdict}"
    )
    return ok


def run(size: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text, source = generate(size)
        bank_path = folder / "bank.yaml"
        bank_path.write_text(text, encoding="utf-8")
        (folder / "source.txt").write_text(source, encoding="utf-8")
        cache_dir = folder / "cache"

        result = load_file(bank_path)
        assert not result.problems, result.problems[:3]
        assert len(result.banks[0].questions) == size
        print(f"{size} questions, {len(text) / 1e6:.2f} MB of YAML")

        parse_floor = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        validate = best(lambda: load_file(bank_path))

        load_file(bank_path, cache_dir=cache_dir)  # fills the cache
        entry = next(cache_dir.glob("*.json"))

        def read_json() -> object:
            with open(entry, "rb") as f:
                return json.load(f)

        json_floor = best(read_json)
        cached = best(lambda: load_file(bank_path, cache_dir=cache_dir))
        assert cached < validate, "the cache was not used"
        print(f"  (cache format {cache.CACHE_VERSION}, entry {entry.stat().st_size / 1e6:.2f} MB)")
        ok = _line("validate (no cache)", validate, parse_floor, 1.5)
        return _line("reopen from cache", cached, json_floor, 2.0) and ok


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    results = [run(size) for size in sizes]
    print("all targets met" if all(results) else "some targets missed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How often the item-writing checks are right, on banks a reviewer marked up beforehand and on
banks imported from other systems' fixtures. The figures print with `-s`; the targets are what
an instructor can live with: no false alarm on clean items, few anywhere else."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from itemcheck_measure import line, measure_set

from studyapp.bank.loader import load_paths

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / ".." / "shared" / "fixtures"


def test_clean_banks_give_no_warning() -> None:
    tally = measure_set("clean")
    print(line("clean", tally))
    assert tally.questions >= 25
    assert tally.alarms == []


def test_tuning_set_figures() -> None:
    tally = measure_set("tuning")
    print(line("tuning", tally))
    assert tally.recall >= 0.9, tally.missed
    assert tally.precision >= 0.85, tally.alarms


def test_held_out_reporting_set_figures() -> None:
    tally = measure_set("reporting")
    print(line("reporting", tally))
    assert tally.recall >= 0.75, tally.missed
    assert tally.precision >= 0.9, tally.alarms


# Warnings on the imported fixtures that a reviewer judged right, with why; any other warning
# there is a false alarm.
REVIEWED = {
    # "42 is the Absolute Answer to everything" is false, and the only statement with such a
    # word: the specific-determiner cue the check is for.
    ("q1", "absolute-false"),
}


def _fixture_files() -> list[tuple[str, Path]]:
    out = [("gift", FIXTURES / "moodle" / "questions.gift.txt")]
    out += [("gift", p) for p in sorted((FIXTURES / "gift-pegjs").glob("*.gift"))]
    out += [("moodle-xml", p) for p in sorted((FIXTURES / "moodle" / "xml").glob("*.xml"))]
    return out


def test_imports_of_other_systems_fixtures_raise_no_false_alarm(tmp_path: Path) -> None:
    if not FIXTURES.is_dir():
        pytest.skip("the shared fixtures are not beside this checkout")

    def import_one(n: int, fmt: str, source: Path) -> Path | None:
        target = tmp_path / f"import-{n}.yaml"
        argv = [sys.executable, "-m", "studyapp", "import", "--format", fmt]
        run = subprocess.run(
            [*argv, "-o", str(target), str(source)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return target if run.returncode == 0 else None

    # Some fixtures hold only kinds our format cannot carry (essays, numbers): not imported.
    with ThreadPoolExecutor(max_workers=8) as pool:
        done = pool.map(
            lambda job: import_one(*job), [(n, *f) for n, f in enumerate(_fixture_files())]
        )
        imported = [t for t in done if t is not None]
    assert len(imported) >= 30
    result = load_paths(imported, item_checks=True)
    questions = sum(len(b.questions) for b in result.banks)
    flagged = {(p.question, p.code) for p in result.warnings if p.code}
    print(
        f"imports    {len(imported)} banks, {questions} questions, {len(flagged)} warnings, "
        f"{len(flagged - REVIEWED)} false alarms"
    )
    assert questions >= 80
    assert flagged - REVIEWED == set()

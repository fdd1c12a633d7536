"""The benchmarks' shared parts: kept out of the default run, banks that load, honest verdicts.

The benchmarks themselves are not run here (tests/benchmarks/run.py runs them); these tests
check what their figures rest on.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from benchmarks import _common as common
from conftest import REPO

from studyapp.bank.loader import load_file, load_paths

BENCH = Path(__file__).resolve().parent / "benchmarks"


def test_the_default_run_ignores_the_benchmarks() -> None:
    config = tomllib.loads((BENCH.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "--ignore=tests/benchmarks" in config["tool"]["pytest"]["ini_options"]["addopts"]


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_no_benchmark_looks_like_a_test(path: Path) -> None:
    # Were the folder ever collected, a test_ function would run a benchmark as a test.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    assert names, f"{path.name} defines nothing"
    assert not [n for n in names if n.startswith(("test", "Test"))]


@pytest.mark.parametrize("kinds", [common.KINDS, common.PICKED_KINDS])
def test_generated_banks_load_cleanly_with_every_kind_asked(
    tmp_path: Path, kinds: tuple[str, ...]
) -> None:
    path = common.write_bank(tmp_path, 90, seed=3, kinds=kinds)
    result = load_file(path)
    assert result.problems == ()
    (bank,) = result.banks
    assert len(bank.questions) == 90
    counts = Counter(q.TYPE for q in bank.questions)
    assert set(counts) == set(kinds)
    assert len(set(counts.values())) == 1  # the kinds take turns


def test_generated_banks_repeat_with_their_seed() -> None:
    assert common.generate_bank(50, seed=5) == common.generate_bank(50, seed=5)
    assert common.generate_bank(50, seed=5) != common.generate_bank(50, seed=6)


def test_a_ratio_target_is_met_up_to_the_ratio_and_missed_beyond() -> None:
    def within(value: float) -> common.Figure:
        return common.Figure("x", value, "ms", floor=100.0, floor_name="f", max_ratio=1.5)

    assert within(150.0).meets is True
    assert within(150.1).meets is False
    assert within(150.1).verdict in common.line(within(150.1))
    assert "1.50x" in common.line(within(150.0))


def test_an_absolute_target_and_a_figure_for_information() -> None:
    fast = common.Figure("answer", 0.4, "ms", floor=0.2, max_value=1.0)
    slow = common.Figure("answer", 1.2, "ms", floor=0.2, max_value=1.0)
    info = common.Figure("memory", 90.0, "MB", floor=70.0)
    assert (fast.verdict, slow.verdict, info.verdict) == ("MEETS", "MISSES", "info")


def test_the_table_says_whether_every_target_was_met(capsys: pytest.CaptureFixture[str]) -> None:
    met = common.Figure("a", 1.0, "ms", max_value=2.0)
    missed = common.Figure("b", 3.0, "ms", max_value=2.0)
    assert common.table([met]) is True
    assert common.table([met, missed]) is False
    out = capsys.readouterr().out
    assert "1 targets met, 1 missed, 2 figures in all" in out


def test_percentiles_are_values_that_were_measured() -> None:
    values = [float(v) for v in range(1, 101)]
    assert common.percentile(values, 50) in values
    assert common.percentile(values, 99) == sorted(values)[98]
    assert common.percentile(values, 100) == max(values)
    assert common.median([3.0, 1.0, 2.0, 10.0]) == 2.5


def test_a_child_is_timed_to_each_line_and_its_own_peak_memory_read(tmp_path: Path) -> None:
    # Run from a fresh, small interpreter: on Linux a child's peak memory starts from its
    # parent's size at fork, so a large test process would hide what is being checked.
    code = (
        "import sys, time\n"
        "print('FIRST', flush=True)\n"
        "time.sleep(0.2)\n"
        "block = bytearray(int(sys.argv[1]) * 2**20)\n"
        "print('SECOND done', flush=True)\n"
    )
    driver = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from benchmarks import _common as common\n"
        "code, home = sys.argv[1], Path(sys.argv[2])\n"
        "env = common.child_env(home)\n"
        "big = common.run_child([sys.executable, '-c', code, '300'], env)\n"
        "small = common.run_child([sys.executable, '-c', code, '1'], env)\n"
        "print(json.dumps({'gap': big.marks['SECOND'] - big.marks['FIRST'],\n"
        "  'line': big.lines['SECOND'], 'big': big.peak_mb, 'small': small.peak_mb}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", driver, code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO / "tests",
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["gap"] >= 0.2
    assert report["line"] == "done"
    # Read per child: the smaller one run after the bigger one still reports its own peak.
    assert report["big"] > 300 > report["small"]


def test_a_failing_child_is_reported_with_its_error(tmp_path: Path) -> None:
    code = "import sys; sys.exit('no window today')"
    with pytest.raises(RuntimeError, match="no window today"):
        common.run_child([sys.executable, "-c", code], common.child_env(tmp_path))


def test_a_large_generated_bank_is_split_into_banks_the_loader_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "PER_FILE", 30)
    folder = common.write_bank(tmp_path, 90)
    assert len(common.bank_files(folder)) == 3
    result = load_paths([folder])
    assert result.problems == ()
    assert len({bank.id for bank in result.banks}) == 3
    assert sum(len(bank.questions) for bank in result.banks) == 90

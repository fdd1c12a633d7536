"""Figures the reliability tests measure, printed at the end of the run whatever `-s` says.

Each test reports what it tried and what came of it through the `figures` fixture; the terminal
summary lists them under "reliability figures", so a CI log holds the numbers that
docs/reliability.md quotes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

_FIGURES = pytest.StashKey[list[tuple[str, str]]]()


def _lines(config: pytest.Config) -> list[tuple[str, str]]:
    if _FIGURES not in config.stash:
        config.stash[_FIGURES] = []
    return config.stash[_FIGURES]


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Call with one line of figures; it is printed in the summary under the test's name."""
    lines = _lines(request.config)
    name = request.node.nodeid.split("::", 1)[-1]

    def add(text: str) -> None:
        lines.append((name, text))

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = _lines(terminalreporter.config)
    if not lines:
        return
    terminalreporter.section("reliability figures")
    for name, text in lines:
        terminalreporter.write_line(f"{name}: {text}")
    # For refreshing docs/reliability.md: STUDYAPP_FIGURES=path writes them as JSON too.
    target = os.environ.get("STUDYAPP_FIGURES")
    if target:
        Path(target).write_text(json.dumps(lines, indent=1, ensure_ascii=False), "utf-8")

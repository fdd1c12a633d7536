"""A bank may name the date of its article (`source.date`) and a `story` it shares with other
banks; both survive the cache, and a date that is not one is an error at its line."""

from __future__ import annotations

from pathlib import Path

from bank_helpers import VALID, replace_once, sample_folder

from studyapp.bank.loader import load_file
from studyapp.bank.serialise import bank_from_data, bank_to_data

SOURCE = "source:\n  title: A short article\n  file: sources/article.txt\n"


def _with(tmp_path: Path, date: str, story: str = "treaty-talks") -> Path:
    text = replace_once(
        VALID.read_text(encoding="utf-8"),
        SOURCE,
        f"story: {story}\n{SOURCE}  date: {date}\n",
    )
    return sample_folder(tmp_path, text)


def test_date_and_story_are_read_and_kept_by_the_cache(tmp_path: Path) -> None:
    result = load_file(_with(tmp_path, "2025-02-27"))
    assert result.problems == ()
    (bank,) = result.banks
    assert bank.story == "treaty-talks"
    assert bank.source is not None
    assert bank.source.date == "2025-02-27"
    again = bank_from_data(bank_to_data(bank, columns=True), bank.path)
    assert (again.story, again.source) == (bank.story, bank.source)


def test_a_month_or_a_year_is_a_date_too(tmp_path: Path) -> None:
    for date in ("2025-02", "2025"):
        assert load_file(_with(tmp_path, date)).problems == ()


def test_a_date_that_is_not_one_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _with(tmp_path, "27/02/2025")
    result = load_file(path)
    assert not result.banks
    (problem,) = result.problems
    assert "is not a date: write it as YYYY-MM-DD" in problem.message
    line = path.read_text(encoding="utf-8").splitlines().index("  date: 27/02/2025") + 1
    assert problem.line == line


def test_a_story_must_be_an_id(tmp_path: Path) -> None:
    result = load_file(_with(tmp_path, "2025-02-27", story="Treaty talks"))
    assert not result.banks
    assert any("story" in p.message for p in result.problems)

"""`studyapp draft` runs the item-writing checks on the bank it writes and marks what they flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from draft_helpers import bundled_article, studyapp

from studyapp.bank.loader import load_file


def test_a_draft_marks_each_flagged_question_with_a_check_comment(tmp_path: Path) -> None:
    article = bundled_article()
    if article is None:
        pytest.skip("the bundled article is not in this checkout")
    bank = tmp_path / "drafts" / "ukraine.yaml"
    result = studyapp("draft", article, "-o", bank)
    assert result.returncode == 0, result.stderr
    text = bank.read_text(encoding="utf-8")
    # Every quote of the article is Trump's, which the bank-wide check calls out at the first.
    warnings = load_file(bank, item_checks=True).warnings
    assert {p.code for p in warnings} == {"same-speaker"}
    (warning,) = warnings
    rows = text.splitlines()
    at = rows.index(f"  - id: {warning.question}")
    comment = []
    for row in reversed(rows[:at]):
        if not row.startswith("  # "):
            break
        comment.insert(0, row[4:])
    flagged = " ".join(comment)
    assert f"CHECK: {warning.message} [same-speaker]" in flagged
    assert text.count("[same-speaker]") == 1
    assert "1 question flagged by the item-writing checks" in result.stdout
    # The marks are comments: the bank loads as before.
    assert not load_file(bank).errors

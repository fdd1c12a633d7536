"""How well `studyapp draft` finds position shifts on real news pages, tuning and reporting
sets apart, each figure beside its goal (recall at least 0.70 with precision at least 0.80 on
the reporting set).

Run: STUDYAPP_POSITION_ARTICLES=DIR python tests/benchmarks/bench_positions.py [--detail]

DIR holds `tuning/NAME.txt` and `reporting*/NAME.txt`, the body text of the page each key in
tests/data/positions names by its `origin:` address (the texts are not in the repository; see
tests/data/positions/README.md). A key whose text is absent is skipped and said so; the
tuning articles kept in the repository are always measured.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from positions_measure import KEYS, QuoteTally, Tally, score, score_quotes

RECALL_GOAL = 0.70
PRECISION_GOAL = 0.80


def _pairs(kind: str, folder: Path | None) -> tuple[list[tuple[Path, Path]], list[str]]:
    pairs, absent = [], []
    for key in sorted((KEYS / kind).glob("*.key.yaml")):
        stem = key.name.removesuffix(".key.yaml")
        beside = key.with_name(stem + ".txt")
        outside = folder / kind / f"{stem}.txt" if folder else None
        seed = KEYS.parents[2].parent / "shared" / "sources" / f"{stem}.txt"
        text = next((p for p in (beside, outside, seed) if p and p.is_file()), None)
        if text is None:
            absent.append(stem)
        else:
            pairs.append((key, text))
    return pairs, absent


def main(argv: list[str]) -> int:
    named = os.environ.get("STUDYAPP_POSITION_ARTICLES")
    folder = Path(named) if named else None
    for kind in (
        "tuning",
        "tuning-2",
        "reporting",
        "reporting-2",
        "reporting-3",
        "reporting-4",
        "reporting-5",
        "reporting-6",
        "reporting-7",
        "reporting-8",
        "reporting-9",
        "reporting-10",
        "reporting-11",
        "reporting-12",
        "reporting-13",
        "reporting-14",
        "reporting-15",
        "reporting-16",
        "reporting-18",
    ):
        pairs, absent = _pairs(kind, folder)
        tally, quotes, report = Tally(), QuoteTally(), []
        for key, text in pairs:
            score(key, text, tally, report)
            score_quotes(key, text, quotes, report)
        print(tally.line(kind))
        if quotes.expected:
            # Quote keys exist from reporting-9 on; the floors are those of test_draft_accuracy.
            print(f"  {quotes.line(kind)} (floors: found 0.90, attribution 0.85)")
        if kind.startswith("reporting"):
            print(
                f"  goal: recall >= {RECALL_GOAL:.2f}, precision >= {PRECISION_GOAL:.2f}: ", end=""
            )
            met = tally.recall >= RECALL_GOAL and tally.precision >= PRECISION_GOAL
            print("no articles to measure" if not pairs else "met" if met else "NOT met")
        if absent:
            print(f"  skipped (text absent): {', '.join(absent)}")
        if "--detail" in argv:
            print(*report, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Tables as plain data, with no Qt: what every chart also shows as rows and columns.

A chart is a picture; its table is the same figures for screen readers, for sorting and for
copying into a spreadsheet. Each cell keeps the text shown and a key to sort by.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Cell(NamedTuple):
    text: str
    key: float | str


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned figures

    def to_tsv(self, rows: list[int] | None = None) -> str:
        """Tab-separated text with a header line, as spreadsheets paste it."""
        chosen = self.rows if rows is None else [self.rows[i] for i in rows]
        lines = ["\t".join(self.headers)]
        lines += ["\t".join(c.text.replace("\t", " ") for c in row) for row in chosen]
        return "\n".join(lines) + "\n"


def text(value: str) -> Cell:
    return Cell(value, value.casefold())


def number(value: float, shown: str | None = None) -> Cell:
    return Cell(f"{value:g}" if shown is None else shown, value)


def percent(fraction: float | None) -> Cell:
    if fraction is None:
        return Cell("—", -1.0)
    return Cell(f"{round(100 * fraction)} %", fraction)

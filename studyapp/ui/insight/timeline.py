"""The positions timeline: for one bank or one story (the banks that share `story:`), each
actor's stances on each issue on ONE time axis spanning the articles' dates, the shifts marked,
each point with its evidence, source and the learner's mastery; below it, each move as a card
with the stance before and after and the passage that marks the change.

Only the banks whose info counts positions are built: opening the page builds no other bank.

Printable, and exportable as PDF (QPdfWriter) or PNG (the widget grabbed whole). All bank text
is shown and printed as plain text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPalette,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.answering.presentation import issue_title
from studyapp.insight.tracks import Timeline, day, timeline
from studyapp.insight.views import (
    STATUS_MASTERED,
    TimelineRow,
    stories,
    story_rows,
    timeline_rows,
    timeline_text,
    when,
)
from studyapp.model import Bank, PositionShift
from studyapp.printable import shown
from studyapp.ui.common import theme
from studyapp.ui.common.layout import clear_layout
from studyapp.ui.common.text import emphasise, italic_suits, plain_label
from studyapp.ui.insight.page import ProgressPage
from studyapp.ui.timeline_track import ArticleAxis, TrackView


def _status_verdict(status: str) -> str:
    return "right" if status == STATUS_MASTERED else "partial" if status == "learning" else ""


AXIS_PICTURE = "studyapp-timeline://axis"
PRINT_WIDTH = 620  # the document's width on A4 within the margins, in its pixels


def _day_key(text: str) -> float:
    found = day(text)
    return float(found.toordinal()) if found else 0.0


class ShiftCard(QFrame):
    """One issue of one actor: before ─▶ after, the evidence, the learner's status."""

    def __init__(self, row: TimelineRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("shift")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(
            f"{row.actor_name} on {row.issue}: before, {row.before}; after, {row.after}; "
            f"{row.status}"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 12)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        title = plain_label(issue_title(row.issue), self, bold=True, scale=1.05)
        grid.addWidget(title, 0, 0, 1, 2)
        status = plain_label(f"{row.mark} {row.status}", self, wrap=False, name="status")
        theme.tint(status, _status_verdict(row.status))
        grid.addWidget(status, 0, 2, Qt.AlignmentFlag.AlignRight)
        # Where the move sits in time, and the article that reports it.
        grid.addWidget(
            plain_label(when(row), self, scale=0.9, name="when"), 5 + len(row.evidence), 0, 1, 3
        )
        grid.addWidget(plain_label(f"Before · {row.before_label}", self, scale=0.9), 1, 0)
        arrow = plain_label("──▶", self, wrap=False)
        arrow.setAccessibleName("changed to")
        grid.addWidget(arrow, 1, 1, 2, 1, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(plain_label(f"After · {row.after_label}", self, scale=0.9), 1, 2)
        grid.addWidget(plain_label(row.before, self, name="before"), 2, 0)
        grid.addWidget(plain_label(row.after, self, name="after"), 2, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        for col, note, name in (
            (0, row.before_note, "before-implied"),
            (2, row.after_note, "after-implied"),
        ):
            if note:
                grid.addWidget(plain_label(note, self, scale=0.9, name=name), 3, col)
        for i, passage in enumerate(row.evidence):
            quote = plain_label(
                f"From the article: {passage}", self, selectable=True, scale=0.95, name="evidence"
            )
            emphasise(quote, passage)
            quote.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(quote, 4 + i, 0, 1, 3)


class TimelinePage(ProgressPage):
    """Standalone: give it the backend and the profile."""

    NAME = "timeline"
    TITLE = "Positions timeline"

    def build(self) -> None:
        self.banks: dict[str, Bank] = {}
        shelf = self.backend.banks
        for info in self.backend.infos.values():
            if not info.positions:
                continue  # the info says it has none: not built
            try:
                bank = shelf[info.id]
            except KeyError:  # changed on disk since it was listed; the reload will tell
                continue
            if bank.positions or any(isinstance(q, PositionShift) for q in bank.questions):
                self.banks[bank.id] = bank
        self.laid: Timeline = Timeline((), (), False)
        self.rows: list[TimelineRow] = []
        top = QHBoxLayout()
        self.chooser = QComboBox(self.inner)
        self.chooser.setAccessibleName("Bank or story")
        # A long title must not widen the page past a small window (its text is elided).
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(12)
        # A story told by several banks comes first: its timeline follows each actor through
        # all its articles, in the order of their dates.
        self.stories = {k: v for k, v in stories(self.banks.values()).items() if len(v) > 1}
        for name, told in sorted(self.stories.items()):
            self.chooser.addItem(f"Story: {name} ({len(told)} articles)", f"story:{name}")
        for bank in sorted(self.banks.values(), key=lambda b: b.title.casefold()):
            self.chooser.addItem(bank.title, bank.id)
        top.addWidget(self.chooser, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("copy", "&Copy", self.copy_text),
            ("print", "&Print…", self.print_dialog),
            ("pdf", "Save P&DF…", self.ask_pdf),
            ("png", "Save PN&G…", self.ask_png),
        ):
            button = QPushButton(label, self.inner)
            button.setObjectName(key)
            button.clicked.connect(slot)
            top.addWidget(button)
            self.buttons[key] = button
        self.column.addLayout(top)
        self.content = QWidget(self.inner)
        self.content.setObjectName("timeline-content")
        self.content.setAutoFillBackground(True)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(8, 8, 8, 8)
        self.body.setSpacing(10)
        self.column.addWidget(self.content)
        self.column.addStretch(1)
        self.chooser.currentIndexChanged.connect(self.refresh)
        self.refresh()

    @property
    def bank(self) -> Bank | None:
        return self.banks.get(self.chooser.currentData())

    @property
    def title(self) -> str:
        data = self.chooser.currentData()
        if isinstance(data, str) and data.startswith("story:"):
            return f"Story: {data.removeprefix('story:')}"
        return self.bank.title if self.bank else ""

    def _selected(self) -> list[Bank]:
        data = self.chooser.currentData()
        if isinstance(data, str) and data.startswith("story:"):
            return self.stories.get(data.removeprefix("story:"), [])
        return [self.bank] if self.bank else []

    def refresh(self) -> None:
        clear_layout(self.body)
        chosen = self._selected()
        for button in self.buttons.values():
            button.setEnabled(bool(chosen))
        if not chosen:
            self.rows = []
            self.body.addWidget(
                plain_label(
                    "None of the loaded banks has position-shift questions.",
                    self.content,
                    name="empty",
                )
            )
            return
        if len(chosen) > 1:
            self.rows = story_rows(self.backend.store, self.profile, chosen, self.clock())
        else:
            self.rows = timeline_rows(self.backend.store, self.profile, chosen[0], self.clock())
        self.body.addWidget(plain_label(self.title, self.content, scale=1.4, bold=True))
        mastered = sum(r.status == STATUS_MASTERED for r in self.rows)
        self.body.addWidget(
            plain_label(
                f"{len(self.rows)} {'shift' if len(self.rows) == 1 else 'shifts'} of position;"
                f" you have mastered {mastered}.",
                self.content,
                name="timeline-summary",
            )
        )
        self.laid = timeline(self.rows, chosen)
        self.overview = self._overview(self.laid)
        self.body.addWidget(self.overview)
        if self.rows:
            moves = plain_label("Each move", self.content, scale=1.15, bold=True, name="moves")
            moves.setContentsMargins(0, 12, 0, 0)
            self.body.addWidget(moves)
        current = None
        for row in self.rows:
            if row.actor != current:
                current = row.actor
                role = f" — {row.actor_role}" if row.actor_role else ""
                heading = plain_label(
                    f"{row.actor_name}{role}", self.content, scale=1.15, bold=True, name="actor"
                )
                heading.setContentsMargins(0, 10, 0, 0)
                self.body.addWidget(heading)
            self.body.addWidget(ShiftCard(row, self.content))

    def _overview(self, laid: Timeline) -> QWidget:
        """Every track on the one axis, under the articles' dates: the timeline proper."""
        box = QWidget(self.content)
        box.setObjectName("overview")
        box.setAutoFillBackground(True)  # its own ground, so that it prints on paper's
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        if laid.dated:
            first, last = laid.ticks[0].date if laid.ticks else "", ""
            dates = [p.date for t in laid.tracks for p in t.points if p.date]
            if dates:
                first, last = min(dates, key=_day_key), max(dates, key=_day_key)
            scale = f"To scale in time, {first} to {last}" if first != last else f"On {first}"
            articles = len(laid.ticks)
            said = f"{scale}; the dashed lines are the articles' dates ({articles})."
        else:
            said = "No dates to scale by: the stances are in the order the articles tell them."
        column.addWidget(plain_label(said, box, scale=0.9, name="axis-note"))
        if laid.ticks:
            column.addWidget(ArticleAxis(laid.ticks, box))
        asked = {(r.actor, r.issue.casefold()) for r in self.rows}
        for track in laid.tracks:
            stated = (track.actor, track.issue.casefold()) not in asked
            title = f"{track.actor_name} on {track.issue}"
            label = plain_label(title, box, bold=True, name="stated" if stated else "track-title")
            label.setContentsMargins(0, 8, 0, 0)
            column.addWidget(label)
            column.addWidget(TrackView(track, box, laid.ticks))
        return box

    # Output ----------------------------------------------------------------------------------

    def text(self) -> str:
        if not self._selected():
            return ""
        return timeline_text(self.title, self.rows) + "".join(
            f"\n{line}" for line in self.axis_lines()
        )

    def axis_lines(self) -> list[str]:
        """Each track's stances in the order of the axis, for the copy and the printout."""
        lines = ["On the time axis"]
        for track in self.laid.tracks:
            lines.append(f"  {track.actor_name} on {track.issue}")
            for point in track.points:
                shift = "◆ " if point.later else "● "
                lines.append(f"    {shift}{point.text}")
        return lines if self.laid.tracks else []

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def document(self) -> QTextDocument:
        """The timeline as a document built from plain-text runs (no HTML is parsed)."""
        doc = QTextDocument(self)
        base = QFont(self.font())
        base.setPointSizeF(10.5)
        doc.setDefaultFont(base)
        cursor = QTextCursor(doc)

        def run(text: str, size: float = 10.5, bold: bool = False, italic: bool = False) -> None:
            fmt = QTextCharFormat()
            fmt.setFontPointSize(size)
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            fmt.setFontItalic(italic and italic_suits(text))
            cursor.insertText(text, fmt)

        if not self._selected():
            return doc
        run(f"Positions: {self.title}", 16, bold=True)
        run(f"\nProfile {shown(self.profile)} · {self.clock():%Y-%m-%d}", 9)
        if self.laid.tracks:
            # The drawn axis first, as on screen but on paper's light palette, then its points
            # in words, so the printout holds the timeline and not only its cards.
            self.overview.setPalette(theme.paper())
            picture = self.overview.grab().toImage()
            self.overview.setPalette(QPalette())  # back to the theme's, live switches included
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(AXIS_PICTURE), picture)
            image = QTextImageFormat()
            image.setName(AXIS_PICTURE)
            width = min(picture.width(), PRINT_WIDTH)
            image.setWidth(width)
            image.setHeight(picture.height() * width / max(1, picture.width()))
            cursor.insertBlock()
            cursor.insertImage(image)
            for line in self.axis_lines():
                cursor.insertBlock()
                run(line, 10 if line.startswith("  ") else 12, bold=not line.startswith("    "))
        current = None
        for row in self.rows:
            if row.actor != current:
                current = row.actor
                cursor.insertBlock()
                role = f" — {row.actor_role}" if row.actor_role else ""
                run(f"\n{row.actor_name}{role}", 13, bold=True)
            cursor.insertBlock()
            run(issue_title(row.issue), bold=True)
            run(f"   {row.mark} {row.status}", 9)
            run(f"\n{when(row)}", 9)
            run(f"\nBefore ({row.before_label}): {row.before}")
            if row.before_note:
                run(f"\n{row.before_note}", 9.5, italic=True)
            run(f"\nAfter ({row.after_label}): {row.after}")
            if row.after_note:
                run(f"\n{row.after_note}", 9.5, italic=True)
            for passage in row.evidence:
                run(f"\nFrom the article: {passage}", 9.5, italic=True)
        return doc

    def save_pdf(self, path: str | Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setTitle(f"Positions: {self.title}")
        writer.setCreator("StudyApp")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.document().print_(writer)

    def save_png(self, path: str | Path) -> bool:
        return self.content.grab().save(str(path), "PNG")

    def _ask(self, caption: str, pattern: str, suffix: str) -> str:
        start = f"positions-{self.bank.id if self.bank else 'bank'}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, caption, start, pattern)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def ask_pdf(self) -> None:
        path = self._ask("Save the timeline as PDF", "PDF (*.pdf)", ".pdf")
        if path:
            self.save_pdf(path)

    def ask_png(self) -> None:
        path = self._ask("Save the timeline as a picture", "PNG image (*.png)", ".png")
        if path:
            self.save_png(path)

    def print_dialog(self) -> None:
        # Qt's print support loads only when the learner prints
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)

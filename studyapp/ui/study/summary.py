"""The end of a session: the score, results per tag, the missed questions with their evidence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyapp.model import (
    Attribution,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)
from studyapp.ui.bars import FillBar
from studyapp.ui.common.accessible import disclosure
from studyapp.ui.common.text import MarkdownView, plain_label, with_enter
from studyapp.ui.study.feedback import VERDICT_WORDS, EvidenceBlock

if TYPE_CHECKING:
    from studyapp.study import Missed, SessionSummary

TOGGLE_CHARS = 84
MODE_NAMES = {"practice": "Practice", "review": "Review", "exam": "Exam", "mistakes": "Mistakes"}


def question_text(question: Question) -> str:
    """The line that best names a question in a list, as the learner saw it.

    Never the bank's markup or ids: a cloze shows its sentence with a gap ("…") where each blank
    was (its answers stay hidden), and a position shift without a prompt names its issue.
    """
    match question:
        case Cloze():
            segments = question.segments
            line = " ".join("".join(s if isinstance(s, str) else " … " for s in segments).split())
            return re.sub(r"\s+([.,;:?!])", r"\1", line)  # "on …." rather than "on … ."
        case Attribution():
            quote = f"“{question.quote}”" if question.quote else ""
            text = question.prompt or quote
        case PositionShift():
            issue = f"How did the position on {question.issue} shift?" if question.issue else ""
            text = question.prompt or issue
        case TrueFalse():
            text = question.statement
        case MultipleChoice() | MultipleSelect() | Matching() | Ordering() | ShortAnswer():
            text = question.prompt
        case _:
            assert_never(question)
    return text or "A question"


def _listed(response: object) -> str:
    if isinstance(response, tuple | list):
        return "; ".join(str(r) for r in response)
    return str(response)


def response_text(missed: Missed) -> str:
    """What the learner answered, in the words the question showed (names, not ids).

    Empty when the question went unanswered. A response read back may be a list where the
    session gave a tuple, so both are taken.
    """
    response, question = missed.response, missed.question
    if response is None:
        return ""
    match question:
        case Attribution():
            return missed.bank.actor_name(str(response))
        case PositionShift() if isinstance(response, tuple | list):
            before, after = [*response, None, None][:2]
            return f"Before: {before or '—'} → After: {after or '—'}"
        case TrueFalse():
            return "True" if response else "False"
        case Matching() if isinstance(response, Mapping):
            return "\n".join(f"{left} → {right}" for left, right in response.items())
        case Ordering() if isinstance(response, tuple | list):
            return "\n".join(f"{i}. {item}" for i, item in enumerate(response, 1))
        case Cloze() if isinstance(response, tuple | list):
            typed = iter(response)
            pieces = []
            for segment in question.segments:
                if isinstance(segment, str):
                    pieces.append(segment)
                else:
                    pieces.append(f"[{str(next(typed, '')).strip() or '…'}]")
            return "".join(pieces)
        case (
            PositionShift()
            | MultipleChoice()
            | MultipleSelect()
            | Matching()
            | Ordering()
            | Cloze()
            | ShortAnswer()
        ):
            return _listed(response)  # a shape its kind does not give: shown as it is
        case _:
            assert_never(question)


class ScoreBar(FillBar):
    """A tag's score as a bar for the eye; its words sit beside it, never on it."""

    def __init__(self, fraction: float, parent: QWidget | None) -> None:
        super().__init__(parent, height=10, width=200, share=fraction)
        self.setMinimumWidth(80)

    @property
    def fraction(self) -> float:
        return self.share


def tag_words(right: int, total: int, fraction: float) -> str:
    """A tag's result in words. Partial credit counts in the percentage, so where there was some
    the count says "fully right": "58 % · 0 of 2 right" reads as a contradiction."""
    pct = round(fraction * 100)
    whole = abs(fraction * total - right) < 1e-9
    return f"{pct} % · {right} of {total} {'right' if whole else 'fully right'}"


def _elapsed(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


class MissedItem(QWidget):
    """A missed question: one line, with its answer, explanation and evidence folded beneath."""

    def __init__(self, missed: Missed, parent: QWidget | None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        mark, word = VERDICT_WORDS.get(missed.verdict, ("", missed.verdict))
        title = question_text(missed.question)
        self.toggle = disclosure(self)
        # A tool button cannot wrap: a long question is cut here and shown whole when unfolded.
        short = title if len(title) <= TOGGLE_CHARS else title[: TOGGLE_CHARS - 1] + "…"
        self.toggle.setText(f"{mark} {word}: {short}".replace("&", "&&"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        # Readers say "collapsed" or "expanded" after the name, so it needs no "show" of its own.
        self.toggle.setAccessibleName(f"{word}: {title}")
        col.addWidget(self.toggle)
        self.body = QWidget(self)
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(28, 0, 0, 8)
        if short != title:
            inner.addWidget(plain_label(title, self.body, selectable=True))
        given = response_text(missed)
        if given:
            sep = "\n" if "\n" in given else " "
            inner.addWidget(plain_label(f"Your answer:{sep}{given}", self.body, selectable=True))
        inner.addWidget(
            plain_label(
                f"The answer: {missed.expected}",
                self.body,
                bold=True,
                selectable=True,
            )
        )
        if missed.explanation.strip():
            md = MarkdownView(self.body)
            md.set_markdown(missed.explanation)
            inner.addWidget(md)
        if missed.evidence:
            inner.addWidget(EvidenceBlock(missed.evidence, missed.source_title, self.body))
        self.body.hide()
        col.addWidget(self.body)
        self.toggle.toggled.connect(self._fold)

    def _fold(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)


REVIEW_WORDS = "Review mistakes now"
BACK_WORDS = "Back to library"


class SummaryView(QWidget):
    """The summary page; Enter presses the button marked ⏎, Esc goes back to the library."""

    review_mistakes = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.col.setSpacing(14)
        self.content: QWidget | None = None
        buttons = QHBoxLayout()
        self.review_button = QPushButton(REVIEW_WORDS, self)
        self.review_button.setAccessibleName(REVIEW_WORDS)
        self.back_button = QPushButton(BACK_WORDS, self)
        self.back_button.setAccessibleName(BACK_WORDS)
        for button in (self.review_button, self.back_button):
            button.setMinimumSize(160, 36)  # the same weight as the study screen's buttons
        self._set_default(self.back_button)
        self.review_button.clicked.connect(self.review_mistakes)
        self.back_button.clicked.connect(self.back)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        self.col.addLayout(buttons)

    def show_summary(
        self, summary: SessionSummary, title: str, reviewable: bool | None = None, note: str = ""
    ) -> None:
        """`reviewable`: whether a review of the mistakes would find any (by default, whether
        any were made); `note` is a line said above the score, such as that time ran out."""
        if reviewable is None:
            reviewable = bool(summary.missed)
        if self.content is not None:
            self.content.deleteLater()
        self.content = QWidget(self)
        col = QVBoxLayout(self.content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(14)
        head = plain_label(f"{title} · {MODE_NAMES.get(summary.mode, summary.mode)}", self.content)
        head.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(head)
        if note:
            col.addWidget(plain_label(note, self.content, scale=1.1, bold=True, name="note"))
        pct = round(summary.fraction * 100)
        score = plain_label(f"{pct} %", self.content, scale=3.0, bold=True)
        score.setAccessibleName(f"Score {pct} percent")
        col.addWidget(score)
        line = (
            f"{summary.right} of {summary.answered} right"
            if summary.mode != "exam"
            else f"{summary.right} of {summary.total} right"
        )
        line += f" · {summary.answered} answered · {_elapsed(summary.elapsed.total_seconds())}"
        col.addWidget(plain_label(line, self.content, scale=1.1))
        if summary.answered == 0 and summary.mode != "exam":
            col.addWidget(plain_label("No questions were answered.", self.content))
        if summary.per_tag:
            col.addWidget(plain_label("By tag", self.content, scale=1.2, bold=True))
            grid = QGridLayout()
            grid.setHorizontalSpacing(14)
            for row, (tag, result) in enumerate(summary.per_tag.items()):
                grid.addWidget(plain_label(tag, self.content, wrap=False), row, 0)
                # The bar fills by score, partial credit included, so its words say both.
                bar = ScoreBar(result.fraction, self.content)
                words = tag_words(result.right, result.total, result.fraction)
                said = plain_label(words, self.content, wrap=False, name="tagWords")
                said.setAccessibleName(f"{tag}: {words}")
                grid.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(said, row, 2)
            grid.setColumnStretch(1, 1)
            col.addLayout(grid)
        if summary.missed:
            col.addWidget(
                plain_label(
                    f"To look at again ({len(summary.missed)})", self.content, scale=1.2, bold=True
                )
            )
            for missed in summary.missed:
                col.addWidget(MissedItem(missed, self.content))
        self.col.insertWidget(0, self.content)
        # Made after the buttons, the content would be read after them: put it first, as shown.
        self.content.stackUnder(self.review_button)
        stops = [item.toggle for item in self.content.findChildren(MissedItem)]
        for before, after in pairwise([*stops, self.review_button, self.back_button]):
            QWidget.setTabOrder(before, after)
        # Offered only where it has something to show: never over a clean sheet, a preview that
        # recorded nothing, or questions only left unanswered when an exam's time ran out.
        self.review_button.setVisible(reviewable)
        self._set_default(self.review_button if reviewable else self.back_button)
        self.default_button.setFocus()

    def _set_default(self, button: QPushButton) -> None:
        """Mark the button Enter presses: with mistakes to review that is the review, else back."""
        self.default_button = button
        for other, words in ((self.review_button, REVIEW_WORDS), (self.back_button, BACK_WORDS)):
            other.setDefault(other is button)
            other.setText(with_enter(words) if other is button else words)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.default_button.click()
            return
        if key == Qt.Key.Key_Escape:
            self.back.emit()
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and plain:
            self._go_to_end(key == Qt.Key.Key_End)
            return
        super().keyPressEvent(event)

    def _go_to_end(self, bottom: bool) -> None:
        """Home: the top of the page, the focus on its first row; End: the bottom, the focus on
        the button Enter presses."""
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None:
            bar = scroll.verticalScrollBar()
            bar.setValue(bar.maximum() if bottom else bar.minimum())
        rows = [item.toggle for item in self.findChildren(MissedItem)]
        target = self.default_button if bottom or not rows else rows[0]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


__all__ = ["SummaryView"]

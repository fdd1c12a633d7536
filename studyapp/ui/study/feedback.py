"""What the learner sees after answering: the verdict, the right answer, why, and the evidence."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QGroupBox, QLabel, QVBoxLayout, QWidget

from studyapp.ui.common import theme
from studyapp.ui.common.text import MarkdownView, plain_label, sentence

VERDICT_WORDS = {
    "right": ("✓", "Right"),
    "partial": ("◐", "Partly right"),
    "wrong": ("✗", "Wrong"),
    "unanswered": ("–", "Not answered"),
}


def verdict_lines(verdict: str, expected: str, score: float | None = None) -> tuple[str, str]:
    """The short bold verdict ("✓ Right"), and the right answer for a line of its own.

    The answer never shares the verdict's line, whatever the verdict: "✗ Wrong — Paris" could be
    read as "Paris is wrong", and a long answer (a whole cloze sentence) in the verdict's bold
    colour reads as shouting. How much of a partly right answer was right goes with the answer.
    """
    mark, word = VERDICT_WORDS.get(verdict, ("", verdict))
    # A list (pairs, an order) reads down the page, one item a line, not run together.
    sep = "\n" if "\n" in expected else " "
    answer = f"The answer:{sep}{expected}" if expected else ""
    if verdict == "partial" and score is not None:
        answer = f"{round(score * 100)} % right. {answer}".strip()
    return f"{mark} {word}".strip(), answer


class EvidenceBlock(QFrame):
    """A passage from the source with a rule down its left side, then the source's title."""

    def __init__(self, passages: Sequence[str], source_title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.labels: list[QLabel] = []
        self.setObjectName("evidence")
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 6, 6, 6)
        col.setSpacing(6)
        for i, passage in enumerate(passages):
            lead = "From the article: " if i == 0 else ""
            label = plain_label(f"{lead}{passage.strip()}", self, scale=1.02, selectable=True)
            label.setAccessibleName(f"Evidence from the article: {passage}")
            col.addWidget(label)
            self.labels.append(label)
        if source_title:
            title = plain_label(f"— {source_title}", self, scale=0.92)
            title.setAccessibleName(f"Source: {source_title}")
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            col.addWidget(title)
            self.labels.append(title)
        self.restyle()

    def restyle(self) -> None:
        """The rule's colour comes from the theme, so it is drawn again when the theme changes."""
        rule = QApplication.palette().color(QPalette.ColorRole.Mid).name()
        self.setStyleSheet(f"QFrame#evidence {{ border: none; border-left: 3px solid {rule}; }}")


class FeedbackPanel(QGroupBox):
    """The feedback is a named group that takes the focus once an answer is checked.

    Its name is everything it shows, in reading order (verdict, answer, notes, explanation,
    evidence, source), so a screen reader says it all on arrival; the labels inside point at the
    group as its labels, so none of it is said twice. Tab moves on to the buttons, and back.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedback")
        self.setFlat(True)
        self.setStyleSheet("QGroupBox#feedback { border: none; margin: 0; padding: 0; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 8, 0, 0)
        self.col.setSpacing(12)
        self.verdict = plain_label("", self, scale=1.3, bold=True, selectable=True)
        self.answer = plain_label("", self, scale=1.1, selectable=True)
        self.note = plain_label("", self, scale=0.95)
        self.explanation = MarkdownView(self)
        self.explanation.setAccessibleName("Explanation")
        self.col.addWidget(self.verdict)
        self.col.addWidget(self.answer)
        self.col.addWidget(self.note)
        self.col.addWidget(self.explanation)
        for label in (self.verdict, self.answer, self.note):
            label.setBuddy(self)
        self.evidence: EvidenceBlock | None = None
        self.hide()

    def show_outcome(
        self,
        verdict: str,
        expected: str,
        score: float,
        explanation: str,
        evidence: Sequence[str],
        source_title: str,
        notes: Sequence[str] = (),
    ) -> None:
        headline, answer = verdict_lines(verdict, expected, score)
        self.verdict.setText(headline)
        theme.tint(self.verdict, verdict)
        word = VERDICT_WORDS.get(verdict, ("", verdict))[1]
        self.verdict.setAccessibleName(word)  # the mark is drawn for the eye, the word is said
        self.answer.setText(answer)
        self.answer.setVisible(bool(answer))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self.explanation.set_markdown(explanation)
        self.explanation.setVisible(bool(explanation.strip()))
        if self.evidence is not None:
            self.evidence.deleteLater()
            self.evidence = None
        if evidence:
            self.evidence = EvidenceBlock(evidence, source_title, self)
            for label in self.evidence.labels:
                label.setBuddy(self)
            self.col.addWidget(self.evidence)
        said = [answer, *notes]  # the verdict label, which points here, is said before them
        if explanation.strip():
            said.append(f"Explanation: {self.explanation.document().toPlainText()}")
        said += [f"Evidence from the article: {passage}" for passage in evidence]
        if evidence and source_title:
            said.append(f"Source: {source_title}")
        self.setAccessibleName(" ".join(sentence(part) for part in said if part.strip()))
        self.show()

    def clear(self) -> None:
        self.hide()

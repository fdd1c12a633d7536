"""Statistics: how well FSRS's predictions fit this learner, and the questions they keep
forgetting (leeches), offered with their evidence for a different kind of practice."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studyapp.insight.figures import LEECH_LAPSES, Leech
from studyapp.model import Bank
from studyapp.scheduler.calibrate import MIN_ANSWERS, Calibration
from studyapp.scheduler.fit import MIN_SPACED_ANSWERS, MemoryModel
from studyapp.study import Mode, SessionConfig
from studyapp.ui.common.text import plain_label
from studyapp.ui.study.summary import question_text

# Leeches listed with their evidence; more would bury the page.
SHOWN = 10


def model_sentence(fit: Calibration) -> str:
    if not fit.fitted or fit.log_loss_default is None or fit.log_loss_fitted is None:
        return (
            f"After {MIN_ANSWERS} answers given a day or more apart, exam plans fit FSRS's "
            f"predictions to your own memory ({fit.answers} so far)."
        )
    return (
        f"Fitted to your last {fit.answers} answers given a day or more apart: your memories "
        f"last about {fit.scale:.0%} as long as FSRS's average learner's. Log-loss (lower "
        f"fits better): {fit.log_loss_default:.3f} with FSRS's defaults, "
        f"{fit.log_loss_fitted:.3f} fitted."
    )


def fitted_sentence(model: MemoryModel | None) -> str:
    if model is None:
        return (
            f"After {MIN_SPACED_ANSWERS} answers given a day or more apart, FSRS's optimiser "
            "fits all of its parameters to your memory."
        )
    return (
        f"FSRS's optimiser fitted all of its parameters to your {model.answers} answers given a "
        f"day or more apart: log-loss {model.log_loss_default:.3f} with its defaults, "
        f"{model.log_loss_fitted:.3f} fitted."
    )


class MemorySection(QWidget):
    """Emits `drill` with a SessionConfig of the leeches to practise."""

    drill = Signal(object)

    def __init__(
        self,
        fit: Calibration,
        model: MemoryModel | None,
        leeches: list[Leech],
        banks: Mapping[str, Bank],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memory")
        self.leeches = leeches
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label("Your memory", self, scale=1.2, bold=True))
        layout.addWidget(plain_label(model_sentence(fit), self, name="memory-model"))
        layout.addWidget(plain_label(fitted_sentence(model), self, name="memory-fitted"))
        if not leeches:
            layout.addWidget(
                plain_label(
                    f"No question forgotten {LEECH_LAPSES} times or more.", self, name="leeches"
                )
            )
            return
        n = len(leeches)
        layout.addWidget(
            plain_label(
                f"{n} question{'s' if n != 1 else ''} you keep forgetting ({LEECH_LAPSES} times "
                "or more). More of the same reviews will not help: read the passage, then "
                "practise them.",
                self,
                name="leeches",
            )
        )
        for leech in leeches[:SHOWN]:
            bank = banks.get(leech.bank)
            question = bank.question(leech.question) if bank is not None else None
            if question is None:
                continue
            layout.addWidget(
                plain_label(
                    f"{question_text(question)} — forgotten {leech.lapses} times",
                    self,
                    bold=True,
                    selectable=True,
                )
            )
            for passage in getattr(question, "evidence", ())[:1]:
                layout.addWidget(plain_label(f"From the article: {passage}", self, selectable=True))
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton(f"&Practise these {n} question{'s' if n != 1 else ''}", self)
        self.button.setObjectName("practise-leeches")
        self.button.clicked.connect(self._request)
        row.addWidget(self.button)
        layout.addLayout(row)

    def _request(self) -> None:
        ids = tuple(f"{leech.bank}/{leech.question}" for leech in self.leeches)
        self.drill.emit(SessionConfig(mode=Mode.PRACTICE, question_ids=ids))

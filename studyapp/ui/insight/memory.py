"""Statistics: how well FSRS's predictions fit this learner, and the questions they keep
forgetting (leeches), offered with their evidence for a different kind of practice."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studyapp.insight.figures import LEECH_LAPSES, Leech
from studyapp.model import Bank
from studyapp.progress.store import Store
from studyapp.scheduler.calibrate import MIN_ANSWERS, Calibration
from studyapp.scheduler.fit import MIN_SPACED_ANSWERS, History, MemoryModel, fit
from studyapp.study import Mode, SessionConfig, memory
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


class _Fitting(QThread):
    """Reading the answers (up to 50,000, decoded in Python) and FSRS's optimiser on them:
    seconds for a long record, so not on the GUI thread. The answers are read through a
    connection of this thread's own (SQLite connections stay on the thread that opened them);
    the model is kept by the GUI's store, when `done` comes."""

    done = Signal(object)  # the MemoryModel, or None with too few answers

    def __init__(self, store: Store, profile: str, now: datetime, parent: QObject | None) -> None:
        super().__init__(parent)
        self.store, self.profile, self.now = store, profile, now

    def run(self) -> None:
        reader = self.store.reader()
        try:
            found: Sequence[History] = memory.training(reader, self.profile)
        finally:
            reader.close()
        self.done.emit(fit(found, self.now))


class MemorySection(QWidget):
    """Emits `drill` with a SessionConfig of the leeches to practise. Given the store, offers
    to fit the memory model now."""

    drill = Signal(object)
    fitted = Signal(object)  # a MemoryModel kept after "Fit now", or None if too few answers

    def __init__(
        self,
        fit: Calibration,
        model: MemoryModel | None,
        leeches: list[Leech],
        banks: Mapping[str, Bank],
        parent: QWidget | None = None,
        *,
        store: Store | None = None,
        profile: str = "",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memory")
        self.leeches = leeches
        self._store, self._profile, self._clock = store, profile, clock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label("Your memory", self, scale=1.2, bold=True))
        layout.addWidget(plain_label(model_sentence(fit), self, name="memory-model"))
        self.fitted_label = plain_label(fitted_sentence(model), self, name="memory-fitted")
        layout.addWidget(self.fitted_label)
        if store is not None and clock is not None:
            fit_row = QHBoxLayout()
            fit_row.addStretch(1)
            self.fit_button = QPushButton("F&it now", self)
            self.fit_button.setObjectName("fit-now")
            self.fit_button.setToolTip("Fit FSRS's parameters to your answers so far")
            self.fit_button.clicked.connect(self.fit_now)
            fit_row.addWidget(self.fit_button)
            layout.addLayout(fit_row)
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

    def fit_now(self) -> None:
        """Read the answers and fit on a worker thread, keep the result when it comes."""
        if self._store is None or self._clock is None:
            return
        self.fitting()
        # Owned by the application, not this page: a page rebuilt mid-fit must not destroy a
        # running thread. The result goes nowhere if the section is gone by then.
        worker = _Fitting(self._store, self._profile, self._clock(), QCoreApplication.instance())
        worker.done.connect(self._fitted)
        worker.finished.connect(worker.deleteLater)
        worker.start()

    def _fitted(self, model: MemoryModel | None) -> None:
        if model is not None and self._store is not None:
            self._store.save_memory_model(self._profile, model)
        else:
            if self._store is not None and self._clock is not None:
                # as study.memory.refit does: the next opening does not try the same answers
                self._store.note_memory_unfit(self._profile, self._clock())
            model = self._store.memory_model(self._profile) if self._store else None
        self.show_fitted(model)

    def fitting(self) -> None:
        """Say a fit is on its way (one at a time: "Fit now" waits for it)."""
        if hasattr(self, "fit_button"):
            self.fit_button.setEnabled(False)
        self.fitted_label.setText("Fitting FSRS's parameters to your answers…")

    def show_fitted(self, model: MemoryModel | None) -> None:
        """Show the model a fit left (already kept by whoever fitted it)."""
        self.fitted_label.setText(fitted_sentence(model))
        if hasattr(self, "fit_button"):
            self.fit_button.setEnabled(True)
        self.fitted.emit(model)

    def _request(self) -> None:
        ids = tuple(f"{leech.bank}/{leech.question}" for leech in self.leeches)
        self.drill.emit(SessionConfig(mode=Mode.PRACTICE, question_ids=ids))

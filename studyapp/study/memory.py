"""The learner's own memory model: fitted from their answers when there are enough, and fitted
again as more come in; kept with the profile."""

from __future__ import annotations

from datetime import UTC, datetime

from studyapp.progress.store import Store
from studyapp.scheduler.fit import MIN_SPACED_ANSWERS, History, MemoryModel, fit, histories

# How many of the latest answers a fit reads: a few years of daily study, a few seconds to fit.
READ_ANSWERS = 50_000
# Answers given since the last fit that make it worth fitting again.
REFIT_AFTER = 200
_EVER = datetime(1970, 1, 1, tzinfo=UTC)


def fit_due(store: Store, profile: str) -> bool:
    """Whether a fit is worth making now: none is kept and enough answers exist, or
    REFIT_AFTER answers came in since the kept one."""
    kept = store.memory_model(profile)
    if kept is None:
        # A fit that found too few spaced answers is tried again only once REFIT_AFTER more
        # came: answers are not all spaced ones, so the count alone would have every opening
        # of Statistics read and fail on the same answers.
        tried = store.memory_unfit_since(profile)
        if tried is not None:
            return store.answers_since(profile, tried) >= REFIT_AFTER
        # Too few answers in all to fit: no need to read them.
        return store.answers_since(profile, _EVER) >= MIN_SPACED_ANSWERS
    return store.answers_since(profile, kept.fitted_at) >= REFIT_AFTER


def refit(store: Store, profile: str, now: datetime, *, force: bool = False) -> MemoryModel | None:
    """The profile's memory model, fitted anew when `fit_due` or on request (`force`);
    otherwise the kept one (None while the answers are too few). Fits on the calling thread:
    the GUI fits on a worker instead (ui/insight/memory.py)."""
    kept = store.memory_model(profile)
    if not force and not fit_due(store, profile):
        return kept
    model = fit(training(store, profile), now)
    if model is None:
        if kept is None:
            store.note_memory_unfit(profile, now)
        return kept
    store.save_memory_model(profile, model)
    return model


def training(store: Store, profile: str) -> list[History]:
    """What a fit reads: the profile's latest answers as whole-day histories. Read on the
    thread that owns the store; the fit itself may then run on another."""
    answers = store.recent_answers(profile, READ_ANSWERS)
    return histories(((b, q), at, rating, state) for b, q, at, rating, state in answers)

"""The learner's own memory model: fitted from their answers when there are enough, and fitted
again as more come in; kept with the profile."""

from __future__ import annotations

from datetime import UTC, datetime

from studyapp.progress.store import Store
from studyapp.scheduler.fit import MIN_SPACED_ANSWERS, MemoryModel, fit, histories

# How many of the latest answers a fit reads: a few years of daily study, a few seconds to fit.
READ_ANSWERS = 50_000
# Answers given since the last fit that make it worth fitting again.
REFIT_AFTER = 200
_EVER = datetime(1970, 1, 1, tzinfo=UTC)


def refit(store: Store, profile: str, now: datetime, *, force: bool = False) -> MemoryModel | None:
    """The profile's memory model, fitted anew if none is kept and enough answers exist, if
    REFIT_AFTER answers came in since the kept one, or on request (`force`); otherwise the kept
    one (None while the answers are too few)."""
    kept = store.memory_model(profile)
    if kept is None and store.answers_since(profile, _EVER) < MIN_SPACED_ANSWERS:
        return None  # too few answers in all to fit: no need to read them
    if (
        not force
        and kept is not None
        and store.answers_since(profile, kept.fitted_at) < REFIT_AFTER
    ):
        return kept
    answers = store.recent_answers(profile, READ_ANSWERS)
    model = fit(histories(((b, q), at, rating, state) for b, q, at, rating, state in answers), now)
    if model is None:
        return kept
    store.save_memory_model(profile, model)
    return model

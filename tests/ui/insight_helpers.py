"""A backend over a test's own store and banks, as the insight pages take it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.model import Bank
from studyapp.paths import Paths
from studyapp.progress import Store
from studyapp.ui.backend import Backend
from studyapp.ui.insight.stats import StatsPage


def backend_for(
    store: Store,
    banks: Mapping[str, Bank],
    clock: Callable[[], datetime],
    paths: Paths | None = None,
) -> Backend:
    folder = store.path.parent
    if paths is None:
        paths = Paths(folder, folder / "config", folder / "cache", folder / "logs")
    backend = Backend(paths, clock=clock, bundled=False, store=store)
    backend.banks = dict(banks)
    return backend


def wait_ready(qtbot: QtBot, page: StatsPage) -> None:
    """Until the page's worker has delivered the figures and the page has laid them out."""
    qtbot.waitUntil(lambda: page.ready)
    QApplication.processEvents()  # the layout requests the new sections posted

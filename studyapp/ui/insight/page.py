"""What the statistics page and the positions timeline share: a centred page on one learner's
progress, built from the store, the banks, the profile and the clock it is given."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo

from PySide6.QtWidgets import QWidget

from studyapp.model import Bank
from studyapp.paths import Paths
from studyapp.progress import Store
from studyapp.ui.common.layout import CentredScroll


class ProgressPage(CentredScroll):
    """Standalone: give it the store, banks, profile and clock; it builds itself in build().

    `tz` is the zone that days are counted in; None means the clock's local zone.
    """

    NAME = ""  # the object name tests and style sheets find the page by
    TITLE = ""  # what assistive technology calls the page

    def __init__(
        self,
        store: Store,
        banks: Mapping[str, Bank],
        profile: str,
        clock: Callable[[], datetime],
        paths: Paths | None = None,
        parent: QWidget | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.setAccessibleName(self.TITLE)
        self.store = store
        self.banks = banks
        self.profile = profile
        self.clock = clock
        self.paths = paths
        self.tz = tz
        self.build()

    def build(self) -> None:
        raise NotImplementedError

"""What the statistics page and the positions timeline share: a centred page on one learner's
progress, reached through the backend (the GUI's one door to the core) for one profile."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from studyapp.ui.common.layout import CentredScroll

if TYPE_CHECKING:
    from studyapp.ui.backend import Backend


class ProgressPage(CentredScroll):
    """Standalone: give it the backend and the profile; it builds itself in build().

    `tz` is the zone that days are counted in; None means the clock's local zone.
    """

    NAME = ""  # the object name tests and style sheets find the page by
    TITLE = ""  # what assistive technology calls the page

    def __init__(
        self,
        backend: Backend,
        profile: str,
        parent: QWidget | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.setAccessibleName(self.TITLE)
        self.backend = backend
        self.profile = profile
        self.clock = backend.clock
        self.tz = tz
        self.build()

    def build(self) -> None:
        raise NotImplementedError

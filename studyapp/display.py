"""Whether a window can open here, decided before Qt is loaded.

Qt, started on a Linux machine with no display, aborts (exit 134) after writing its reason only
to our log: the learner sees nothing at all. The app and `studyapp preview` ask this first and
print one line instead. The check reads only the environment, so it costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

EXIT_NO_DISPLAY = 1


def missing_display(environ: Mapping[str, str], platform: str) -> str | None:
    """One line saying why no window can open, or None when one can (or may: Qt then decides).

    Windows and macOS always have a display for a logged-in user. Elsewhere Qt needs an X11
    ($DISPLAY) or Wayland ($WAYLAND_DISPLAY) server, unless a platform was chosen by hand
    ($QT_QPA_PLATFORM, e.g. `offscreen`), which we respect as given.
    """
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "studyapp: no display found ($DISPLAY and $WAYLAND_DISPLAY are not set): start it from "
        "a desktop session, or over ssh with `ssh -X`; the commands (`studyapp --help`) "
        "need no display"
    )


__all__ = ["EXIT_NO_DISPLAY", "missing_display"]

"""Window and display preferences, in an INI file under the app's config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

FILE_NAME = "studyapp-ui.ini"


def open_settings(config_dir: Path) -> QSettings:
    config_dir.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(config_dir / FILE_NAME), QSettings.Format.IniFormat)
    settings.setValue("version", 1)
    return settings


FOLDERS_KEY = "bank_folders"
ZOOM_RANGE = (-4, 8)  # steps of 10 % from the system font's size


def zoom_step(settings: QSettings) -> int:
    """The saved text size as a step within ZOOM_RANGE. The INI file is text anyone can edit:
    `zoom=abc` stopped the app from starting on every launch, `zoom=1e20` too, and
    `zoom=1000` drew every label as a dot; anything not a number counts as 0."""
    value = settings.value("zoom", 0)
    try:
        step = float(value if isinstance(value, (int, float, str)) else 0)
    except ValueError:
        step = 0.0
    if step != step or step in (float("inf"), float("-inf")):  # NaN and infinities
        step = 0.0
    return int(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], round(step))))


def folders(settings: QSettings) -> list[str]:
    """The extra bank folders saved in `settings` (here, not in the settings dialog, so that
    the window can read them at start-up without importing the dialog and the core)."""
    value = settings.value(FOLDERS_KEY, [])
    if isinstance(value, str):  # an INI file gives back a one-item list as a plain string
        return [value] if value else []
    return [str(v) for v in value] if isinstance(value, list | tuple) else []

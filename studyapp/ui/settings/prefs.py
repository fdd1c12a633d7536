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


def folders(settings: QSettings) -> list[str]:
    """The extra bank folders saved in `settings` (here, not in the settings dialog, so that
    the window can read them at start-up without importing the dialog and the core)."""
    value = settings.value(FOLDERS_KEY, [])
    if isinstance(value, str):  # an INI file gives back a one-item list as a plain string
        return [value] if value else []
    return [str(v) for v in value] if isinstance(value, list | tuple) else []

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

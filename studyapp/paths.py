"""Where studyapp keeps things on disk; the only module that asks appdirs.

Every location can be redirected (command-line flag or environment variable) so that tests and
portable installs never touch the real user folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "studyapp"
DATA_ENV = "STUDYAPP_DATA_DIR"
CONFIG_ENV = "STUDYAPP_CONFIG_DIR"
CACHE_ENV = "STUDYAPP_CACHE_DIR"
LOG_ENV = "STUDYAPP_LOG_DIR"

_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def progress_db(self) -> Path:
        return self.data / "progress.sqlite3"

    @property
    def bank_cache(self) -> Path:
        return self.cache / "banks"


def resolve(
    data_dir: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
) -> Paths:
    """The folders to use: an explicit data dir wins, then the environment, then appdirs."""
    environ = os.environ if env is None else env

    def pick(var: str, default: str) -> Path:
        value = environ.get(var)
        return Path(value).expanduser() if value else Path(default)

    import appdirs  # only here, so that importing the core stays cheap

    data = (
        Path(data_dir).expanduser()
        if data_dir is not None
        else pick(DATA_ENV, appdirs.user_data_dir(APP_NAME, False))
    )
    return Paths(
        data=data,
        config=pick(CONFIG_ENV, appdirs.user_config_dir(APP_NAME, False)),
        cache=pick(CACHE_ENV, appdirs.user_cache_dir(APP_NAME, False)),
        logs=pick(LOG_ENV, appdirs.user_log_dir(APP_NAME, False)),
    )


def _bundled(name: str) -> Path:
    # A source checkout keeps the folders beside the package; a wheel carries them inside it.
    checkout = _PACKAGE.parent / name
    if checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return _PACKAGE / "_bundled" / name


def bundled_questions() -> Path:
    return _bundled("questions")


def bundled_assets() -> Path:
    return _bundled("assets")

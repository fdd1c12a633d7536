"""Test-wide settings: Qt draws offscreen and no test touches the real user folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set before anything imports Qt, so that tests need no display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Until the per-test fixture below runs (and for the session-wide QApplication), user folders
# already point at a throwaway place.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="studyapp-tests-"))
for _var in (
    "STUDYAPP_DATA_DIR",
    "STUDYAPP_CONFIG_DIR",
    "STUDYAPP_CACHE_DIR",
    "STUDYAPP_LOG_DIR",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
):
    os.environ[_var] = str(_SESSION_HOME / _var.lower())

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every folder studyapp, Qt or XDG could write to at a fresh temp dir."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("STUDYAPP_DATA_DIR", "data"),
        ("STUDYAPP_CONFIG_DIR", "config"),
        ("STUDYAPP_CACHE_DIR", "cache"),
        ("STUDYAPP_LOG_DIR", "logs"),
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_STATE_HOME", "xdg-state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def article_path() -> Path:
    """The article the bundled bank is built from, as shipped beside the bank."""
    return REPO / "questions" / "sources" / "us-withdraws-security-promises-for-ukraine.txt"

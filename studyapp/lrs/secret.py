"""The LRS secret: in the system keyring where there is one, else only in the environment.

It is never written to the progress file, the settings file, a log or an export: the store
keeps the endpoint and the user name, and asks here for the secret when it sends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SERVICE = "studyapp-lrs"
ENV = "STUDYAPP_LRS_SECRET"


def _account(endpoint: str, username: str) -> str:
    return f"{username}@{endpoint}"


def system_keyring() -> Any | None:
    """The keyring backend to use, or None where the system has none that works."""
    try:
        # optional: keyring may be missing, and is slow to import
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


def load(endpoint: str, username: str, env: Mapping[str, str], backend: Any | None) -> str | None:
    if env.get(ENV):
        return env[ENV]
    if backend is None:
        return None
    found = backend.get_password(SERVICE, _account(endpoint, username))
    return str(found) if found is not None else None


def save(endpoint: str, username: str, secret: str, backend: Any | None) -> bool:
    """Keep the secret in the keyring; False when there is no keyring to keep it in."""
    if backend is None:
        return False
    backend.set_password(SERVICE, _account(endpoint, username), secret)
    return True


class Keeper:
    """Where this run of the app finds the LRS secret: the environment, the keyring, or (with
    no keyring) what the learner typed, held in memory until the app quits."""

    def __init__(self, env: Mapping[str, str], backend: Any | None) -> None:
        self.env = env
        self.backend = backend
        self._typed: dict[tuple[str, str], str] = {}

    def keep(self, endpoint: str, username: str, secret: str) -> bool:
        """Keep the secret; False when only this run of the app will remember it."""
        self._typed[(endpoint, username)] = secret
        return save(endpoint, username, secret, self.backend)

    def get(self, endpoint: str, username: str) -> str | None:
        found = self._typed.get((endpoint, username))
        return found if found is not None else load(endpoint, username, self.env, self.backend)

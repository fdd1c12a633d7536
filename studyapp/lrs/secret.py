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

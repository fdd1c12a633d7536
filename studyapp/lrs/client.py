"""Talking to a learning record store over xAPI's HTTP interface (stdlib only).

Only what StudyApp needs: post a batch of statements, and check that the endpoint and the
credentials work. Errors say, in words, what a learner or instructor can fix.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from studyapp.progress.xapi.statements import XAPI_VERSION

TIMEOUT_S = 15.0


class LrsError(Exception):
    """The LRS could not be reached or refused what was sent; says which."""


def statements_url(endpoint: str) -> str:
    """The statements resource under an endpoint given with or without its trailing slash."""
    base = endpoint.strip()
    if not base.startswith(("http://", "https://")):
        raise LrsError(f"{endpoint!r} is not an http:// or https:// address")
    return base.rstrip("/") + "/statements"


@dataclass(frozen=True)
class Lrs:
    endpoint: str
    username: str
    secret: str = field(repr=False)  # never printed, never logged
    timeout: float = TIMEOUT_S

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        token = base64.b64encode(f"{self.username}:{self.secret}".encode()).decode("ascii")
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 (checked above)
        request.add_header("Authorization", f"Basic {token}")
        request.add_header("X-Experience-API-Version", XAPI_VERSION)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return int(answer.status), answer.read()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read()
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise LrsError(f"the LRS at {self.endpoint} cannot be reached ({reason})") from None

    def post(self, bodies: list[str]) -> None:
        """Send statements (each the stored JSON text); returns once the LRS has them all."""
        if not bodies:
            return
        payload = ("[" + ",".join(bodies) + "]").encode("utf-8")
        status, text = self._request("POST", statements_url(self.endpoint), payload)
        if status in (200, 204):
            return
        raise LrsError(_refusal(status, text))

    def check(self) -> str:
        """Fetch one statement: proves the endpoint speaks xAPI and the credentials work."""
        status, text = self._request("GET", statements_url(self.endpoint) + "?limit=1")
        if status != 200:
            raise LrsError(_refusal(status, text))
        try:
            json.loads(text)["statements"]
        except (ValueError, KeyError, TypeError):
            raise LrsError(f"{self.endpoint} answered, but not as an xAPI LRS does") from None
        return f"Connected to the LRS at {self.endpoint} as {self.username}."


def _refusal(status: int, text: bytes) -> str:
    if status in (401, 403):
        return f"the LRS refused the credentials (HTTP {status})"
    if status == 404:
        return "no xAPI statements resource at that address (HTTP 404): check the endpoint"
    detail = text.decode("utf-8", "replace").strip()[:300]
    return f"the LRS answered HTTP {status}: {detail}"

"""A real learning record store for the tests: Ralph, on 127.0.0.1, with its file backend.

Ralph is installed by .ci/run in a virtual environment of its own (`.ralph/` beside the
repo's `.venv/`), since it pins its own web stack; STUDYAPP_RALPH_PYTHON may name another.
The tests start it, read statements back from it, stop it and start it again on the same
folder (an LRS that was down for a while).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
USER, SECRET = "teacher", "correct horse battery staple"


# Ralph's file backend writes each batch with its default operation, "index", which refuses a
# file that already exists: as shipped (5.1) it stores one POST and fails every later one with
# HTTP 500. The backend class names that default as a setting of its own, and "append" is an
# operation its file backend supports, so the server is started with that one setting changed;
# everything else (validation, id checks, queries) is Ralph's own code as installed.
_LAUNCH = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def python() -> Path | None:
    named = os.environ.get("STUDYAPP_RALPH_PYTHON")
    found = Path(named) if named else REPO / ".ralph" / "bin" / "python"
    return found if found.exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Ralph:
    def __init__(self, root: Path) -> None:
        interpreter = python()
        assert interpreter is not None
        self.python = interpreter
        self.root = root
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.process: subprocess.Popen[bytes] | None = None
        (root / "lrs").mkdir(parents=True, exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(root),
            "RALPH_APP_DIR": str(root / "app"),
            "RALPH_AUTH_FILE": str(root / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(root / "lrs"),
        }
        subprocess.run(
            [
                *(str(self.python), "-m", "ralph", "auth", "-u", USER, "-p", SECRET),
                *("-s", "all", "-A", USER, "https://school.example", "-w"),
            ],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        with (self.root / "ralph.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(self.python), "-c", _LAUNCH, str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2
                ) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise TimeoutError(f"Ralph did not start: {(self.root / 'ralph.log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS holds, read back through its own API, page by page."""
        token = b64encode(f"{USER}:{SECRET}".encode()).decode()
        url: str | None = f"http://127.0.0.1:{self.port}/xAPI/statements?limit=500"
        out: list[dict[str, Any]] = []
        while url:
            request = urllib.request.Request(url)
            request.add_header("Authorization", f"Basic {token}")
            request.add_header("X-Experience-API-Version", "1.0.3")
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                page = json.loads(answer.read())
            out.extend(page["statements"])
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return out

"""A headless desktop with a real screen reader: Xvfb, D-Bus, the AT-SPI bus, openbox and Orca.

Orca speaks through speech_to_file.py, so every utterance lands in a JSON-lines file that the
tests read back. Everything runs in one temporary folder and is stopped by process id.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = ("Xvfb", "dbus-launch", "openbox", "orca", "xdotool")
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")


def missing_tools() -> list[str]:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if not LAUNCHER.exists():
        missing.append(str(LAUNCHER))
    return missing


class Desktop:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env
        self.speech = root / "speech.jsonl"
        self.read = 0  # utterances already handed out

    def spoken(self) -> list[str]:
        """What Orca has said since the last call, one string an utterance."""
        lines = self.speech.read_text(encoding="utf-8").splitlines() if self.speech.exists() else []
        new = [json.loads(line) for line in lines[self.read :]]
        self.read = len(lines)
        return [d["text"] for d in new if d["kind"] == "speech"]

    def keys(self, *keys: str, settle: float = 1.2) -> list[str]:
        """Press keys (or `type:TEXT`) one by one as a person would, then return what was said."""
        for key in keys:
            if key.startswith("type:"):
                cmd = ["xdotool", "type", "--delay", "60", key[5:]]
            else:
                cmd = ["xdotool", "key", key]
            subprocess.run(cmd, env=self.env, check=True, timeout=30)
            time.sleep(settle)
        return self.spoken()

    def wait_for(
        self, words: str, timeout: float = 30, heard: list[str] | None = None
    ) -> list[str]:
        """What was said until `words` were (`heard`: what was said already, read off before)."""
        said = list(heard or [])
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            said += self.spoken()
            if any(words in s for s in said):
                return said
            time.sleep(0.3)
        raise AssertionError(f"Orca never said {words!r}; it said {said!r}")


def _orca_settings(prefs: Path) -> None:
    """Orca's defaults, with speech sent to the file instead of speech-dispatcher."""
    prefs.mkdir(parents=True)
    general = {"speechServerFactory": "speech_to_file", "enableSpeech": True}
    profile = {"profile": ["Default", "default"], "pronunciations": {}, "keybindings": {}}
    settings = {
        "general": general,
        "profiles": {"default": profile},
        "pronunciations": {},
        "keybindings": {},
    }
    (prefs / "user-settings.conf").write_text(json.dumps(settings), encoding="utf-8")


@contextmanager
def desktop(root: Path, display: int) -> Iterator[Desktop]:
    home = root / "home"
    run = root / "run"
    home.mkdir()
    run.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(run),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "DISPLAY": f":{display}",
        "LANG": "C.UTF-8",
        "STUDYAPP_SPEECH_LOG": str(root / "speech.jsonl"),
        "PYTHONPATH": str(HERE),  # for Orca, which loads speech_to_file by name
    }
    procs: list[subprocess.Popen[bytes]] = []
    bus_pid = 0

    def start(*cmd: str, log: str) -> subprocess.Popen[bytes]:
        with open(root / f"{log}.log", "wb") as out:  # the child keeps its own copy
            proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        procs.append(proc)
        return proc

    try:
        start("Xvfb", f":{display}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", log="x")
        time.sleep(1.0)
        launched = subprocess.run(
            ["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True, check=True
        ).stdout
        for line in launched.splitlines():
            if line.startswith("DBUS_SESSION_BUS_ADDRESS="):
                env["DBUS_SESSION_BUS_ADDRESS"] = line.split("=", 1)[1].rstrip(";").strip("'")
            if line.startswith("DBUS_SESSION_BUS_PID="):
                bus_pid = int(line.split("=", 1)[1].rstrip(";"))
        start(str(LAUNCHER), "--launch-immediately", log="atspi")
        time.sleep(1.0)
        start("openbox", log="openbox")
        time.sleep(1.0)
        _orca_settings(root / "orca")
        start("orca", "--replace", "-u", str(root / "orca"), log="orca")
        shown = Desktop(root, env)
        shown.wait_for("Screen reader on")
        yield shown
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if bus_pid:
            with suppress(ProcessLookupError):  # already gone with its clients
                os.kill(bus_pid, signal.SIGTERM)

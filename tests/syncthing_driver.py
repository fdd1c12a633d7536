"""Two real Syncthing instances on 127.0.0.1 sharing one folder, for the sync tests.

Each instance gets its own home (keys, config, index) under a temp dir, listens only on the
loopback address at a free port, knows the other by that address alone (no discovery, relays,
NAT, usage reports or upgrades: nothing leaves the machine), and watches its folder with a
one-second delay, as a learner's engine would.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO

FOLDER_ID = "studyapp-sync"


def available() -> bool:
    return shutil.which("syncthing") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    home: Path
    folder: Path
    device_id: str
    port: int
    gui_port: int
    process: subprocess.Popen[bytes] | None = None


def _generate(home: Path, folder: Path) -> Instance:
    subprocess.run(
        ["syncthing", "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    # Syncthing wrote this file a moment ago in our own temp dir: it is trusted input.
    root = ET.parse(home / "config.xml").getroot()  # noqa: S314
    device = root.find("device")
    assert device is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".stfolder").mkdir(exist_ok=True)
    return Instance(home, folder, device.attrib["id"], _free_port(), _free_port())


def _configure(me: Instance, peer: Instance) -> None:
    path = me.home / "config.xml"
    tree = ET.parse(path)  # noqa: S314 (written by the syncthing we just ran)
    root = tree.getroot()
    options = root.find("options")
    assert options is not None
    settings = {
        "listenAddress": f"tcp://127.0.0.1:{me.port}",
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "startBrowser": "false",
        "urAccepted": "-1",
        "autoUpgradeIntervalH": "0",
        "crashReportingEnabled": "false",
        "reconnectionIntervalS": "1",
    }
    for key, value in settings.items():
        node = options.find(key)
        if node is None:
            node = ET.SubElement(options, key)
        node.text = value
    gui = root.find("gui")
    assert gui is not None
    address = gui.find("address")
    assert address is not None
    address.text = f"127.0.0.1:{me.gui_port}"
    other = ET.Element("device", id=peer.device_id, name="peer", compression="metadata")
    ET.SubElement(other, "address").text = f"tcp://127.0.0.1:{peer.port}"
    root.insert(1, other)
    folder = ET.Element(
        "folder",
        id=FOLDER_ID,
        label="StudyApp",
        path=str(me.folder),
        type="sendreceive",
        rescanIntervalS="60",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
    )
    ET.SubElement(folder, "device", id=me.device_id)
    ET.SubElement(folder, "device", id=peer.device_id)
    root.insert(0, folder)
    tree.write(path)


class SyncEngine:
    """`with SyncEngine(tmp) as (left, right):` two folders kept in step by Syncthing."""

    def __init__(self, root: Path) -> None:
        self.left = _generate(root / "st-left", root / "left-folder")
        self.right = _generate(root / "st-right", root / "right-folder")
        _configure(self.left, self.right)
        _configure(self.right, self.left)

    def __enter__(self) -> tuple[Path, Path]:
        for me in (self.left, self.right):
            with (me.home / "syncthing.log").open("wb") as log:
                me.process = self._start(me, log)
        return self.left.folder, self.right.folder

    @staticmethod
    def _start(me: Instance, log: IO[bytes]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                "syncthing",
                "serve",
                f"--home={me.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "HOME": str(me.home), "STNOUPGRADE": "1"},
        )

    def __exit__(self, *_exc: object) -> None:
        for me in (self.left, self.right):
            if me.process is not None:
                me.process.terminate()
                try:
                    me.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    me.process.kill()
                    me.process.wait()

    def log(self) -> str:
        return "\n".join(
            (me.home / "syncthing.log").read_text(errors="replace")[-3000:]
            for me in (self.left, self.right)
        )


def wait_for(path: Path, size: int, timeout: float = 60.0) -> None:
    """Until the file at `path` has exactly `size` bytes (the engine delivered it whole)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if path.stat().st_size == size:
                return
        except FileNotFoundError:
            # Not there yet, or gone for a moment: when a device rewrites its whole file
            # (an undo does), Syncthing on the other side may take the old one away before
            # it moves the new one into place, so a file seen a moment ago can be missing.
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{path.name} did not reach {size} bytes within {timeout} s")

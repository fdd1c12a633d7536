"""Putting StudyApp into the desktop's menus: `studyapp --install-desktop-entry` and its undo.

Everything goes under the user's own XDG data folder (no root needed), following the freedesktop
specifications: the entry into applications/, the icon into the hicolor theme, the AppStream
metainfo into metainfo/. The entry's Exec line names the `studyapp` that is running now, so that
an install inside a venv launches from the menu without the venv being activated.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp import paths
from studyapp.files import write_atomically

ICON_NAME = "studyapp"
DESKTOP_FILE = "studyapp.desktop"
APP_ID = "io.github.studyapp.StudyApp"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
SVG_FILE = "studyapp.svg"
# Every size the hicolor theme commonly asks for; the PNGs are committed in assets/icons/.
ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopError(Exception):
    """A problem the user can act on; the message names the file."""


@dataclass(frozen=True, slots=True)
class Placement:
    source: Path
    target: Path


def icon_png_name(size: int) -> str:
    """Where the PNG of one size lives under assets/icons/."""
    return f"{size}x{size}/{ICON_NAME}.png"


def data_home(env: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    environ = os.environ if env is None else env
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / ".local" / "share"


def _layout() -> list[tuple[str, str]]:
    # (file under assets/, file under the XDG data folder)
    pairs = [
        (DESKTOP_FILE, f"applications/{DESKTOP_FILE}"),
        (SVG_FILE, f"icons/hicolor/scalable/apps/{ICON_NAME}.svg"),
    ]
    pairs += [
        (f"icons/{icon_png_name(size)}", f"icons/hicolor/{size}x{size}/apps/{ICON_NAME}.png")
        for size in ICON_SIZES
    ]
    pairs.append((METAINFO_FILE, f"metainfo/{METAINFO_FILE}"))
    return pairs


def placements(assets: Path, home: Path) -> list[Placement]:
    return [Placement(assets / source, home / target) for source, target in _layout()]


def targets(home: Path) -> list[Path]:
    """Every file install() writes under `home`, and so every file uninstall() removes."""
    return [home / target for _, target in _layout()]


def launcher_command(
    argv0: str,
    executable: str,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The command the menu entry should run: the `studyapp` script in use, wherever it is."""
    script = Path(argv0)
    if script.name in ("studyapp", "studyapp.exe") and script.is_file():
        return [str(script.absolute())]
    beside = Path(executable).parent / "studyapp"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = which("studyapp")
    if found:
        return [str(Path(found).absolute())]
    return [executable, "-m", "studyapp"]


def _quote_argument(arg: str) -> str:
    arg = arg.replace("%", "%%")
    if not any(ch in _RESERVED for ch in arg):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{escaped}"'


def exec_value(command: Sequence[str]) -> str:
    """The Exec= value for `command` taking files: quoted per argument, then string-escaped."""
    line = " ".join(_quote_argument(arg) for arg in command) + " %F"
    # The whole value is also a desktop-file string, where a backslash is written twice.
    return line.replace("\\", "\\\\")


def render_entry(template: str, command: Sequence[str]) -> str:
    """The template with Exec= and TryExec= pointing at `command` (in [Desktop Entry] only)."""
    out = []
    group = ""
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped
        elif group == "[Desktop Entry]" and stripped.startswith("Exec="):
            line = "Exec=" + exec_value(command)
        elif group == "[Desktop Entry]" and stripped.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        out.append(line)
    return "\n".join(out) + "\n"


def install(assets: Path, home: Path, command: Sequence[str]) -> list[Path]:
    """Copy the entry, icons and metainfo under `home`; returns the files written."""
    items = placements(assets, home)
    missing = [p.source for p in items if not p.source.is_file()]
    if missing:
        raise DesktopError(f"{missing[0]}: missing from the installed app's assets")
    written = []
    for item in items:
        try:
            if item.source.name == DESKTOP_FILE:
                template = item.source.read_text(encoding="utf-8")
                data = render_entry(template, command).encode("utf-8")
            else:
                data = item.source.read_bytes()
            write_atomically(item.target, data, mode=0o644)
        except OSError as exc:
            raise DesktopError(f"{item.target}: cannot write: {exc.strerror or exc}") from exc
        written.append(item.target)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove exactly the files install() writes; returns those that were there."""
    removed = []
    for target in targets(home):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(f"{target}: cannot remove: {exc.strerror or exc}") from exc
        removed.append(target)
    return removed


def run(action: str, out: Callable[[str], None] = print) -> int:
    """The --install-desktop-entry / --uninstall-desktop-entry flags; returns the exit code."""
    home = data_home()
    try:
        if action == "install":
            command = launcher_command(sys.argv[0], sys.executable)
            for path in install(paths.bundled_assets(), home, command):
                out(f"installed {path}")
            out(f"The menu entry runs: {' '.join(command)}")
        else:
            removed = uninstall(home)
            for path in removed:
                out(f"removed {path}")
            if not removed:
                out(f"no StudyApp desktop entry found under {home}")
    except DesktopError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return 1
    return 0

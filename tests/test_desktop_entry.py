"""`studyapp --install-desktop-entry` / `--uninstall-desktop-entry`, run as a user runs them."""

from __future__ import annotations

import configparser
import functools
import os
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp import desktop, paths


def _run(*args: str, xdg: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(xdg))
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_install_puts_entry_icons_and_metainfo_into_xdg_data_home(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    result = _run("--install-desktop-entry", xdg=xdg)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

    entry_file = xdg / "applications" / "studyapp.desktop"
    for target in desktop.targets(xdg):
        assert target.is_file()
        assert f"installed {target}" in result.stdout.splitlines()
    for size in desktop.ICON_SIZES:
        png = xdg / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "studyapp.png"
        assert _png_size(png) == (size, size)
    assets = paths.bundled_assets()
    svg = xdg / "icons" / "hicolor" / "scalable" / "apps" / "studyapp.svg"
    assert svg.read_bytes() == (assets / "studyapp.svg").read_bytes()
    metainfo = xdg / "metainfo" / "io.github.studyapp.StudyApp.metainfo.xml"
    assert metainfo.read_bytes() == (assets / desktop.METAINFO_FILE).read_bytes()

    fields = _entry(entry_file)
    assert fields["Icon"] == "studyapp"
    assert fields["Name"] == "StudyApp"
    command = shlex.split(fields["Exec"])
    assert command[-1] == "%F"
    program = Path(command[0])
    assert program.is_absolute()
    assert os.access(program, os.X_OK)
    assert fields["TryExec"] == command[0]
    # The menu entry starts a real studyapp.
    launched = subprocess.run(
        [*command[:-1], "--version"], capture_output=True, text=True, timeout=60
    )
    assert launched.returncode == 0
    assert launched.stdout.startswith("studyapp ")


def test_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    assert _run("--install-desktop-entry", xdg=xdg).returncode == 0
    validator = shutil.which("desktop-file-validate")
    entry_file = xdg / "applications" / "studyapp.desktop"
    if validator is not None:
        checked = subprocess.run([validator, str(entry_file)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    assert entry_file.read_text(encoding="utf-8").startswith("[Desktop Entry]\n")


def test_install_twice_overwrites_and_leaves_no_temp_files(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    assert _run("--install-desktop-entry", xdg=xdg).returncode == 0
    assert _run("--install-desktop-entry", xdg=xdg).returncode == 0
    files = sorted(p for p in xdg.rglob("*") if p.is_file())
    assert files == sorted(desktop.targets(xdg))


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    neighbours = [
        xdg / "applications" / "other.desktop",
        xdg / "icons" / "hicolor" / "16x16" / "apps" / "other.png",
        xdg / "metainfo" / "org.example.Other.metainfo.xml",
    ]
    for file in neighbours:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("someone else's\n", encoding="utf-8")
    assert _run("--install-desktop-entry", xdg=xdg).returncode == 0

    result = _run("--uninstall-desktop-entry", xdg=xdg)
    assert result.returncode == 0, result.stderr
    for target in desktop.targets(xdg):
        assert not target.exists()
        assert f"removed {target}" in result.stdout.splitlines()
    for file in neighbours:
        assert file.read_text(encoding="utf-8") == "someone else's\n"

    again = _run("--uninstall-desktop-entry", xdg=xdg)
    assert again.returncode == 0
    assert again.stdout.strip() == f"no StudyApp desktop entry found under {xdg}"


def test_unwritable_data_home_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = _run("--install-desktop-entry", xdg=blocker / "xdg")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("studyapp: error: ")
    assert "cannot write" in result.stderr
    assert str(blocker / "xdg" / "applications" / "studyapp.desktop") in result.stderr


def test_the_two_flags_exclude_each_other(tmp_path: Path) -> None:
    result = _run("--install-desktop-entry", "--uninstall-desktop-entry", xdg=tmp_path)
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_desktop_flags_never_load_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from studyapp import cli\n"
        "code = cli.main(['--install-desktop-entry'])\n"
        "code += cli.main(['--uninstall-desktop-entry'])\n"
        "print('QT', sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "QT []" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("/opt/venv/bin/studyapp", "Exec=/opt/venv/bin/studyapp %F"),
        ("/home/ana maria/venv/bin/studyapp", 'Exec="/home/ana maria/venv/bin/studyapp" %F'),
        # Inside quotes $ takes a backslash, which the file's string escaping then doubles.
        ("/srv/$HOME/bin/studyapp", 'Exec="/srv/\\\\$HOME/bin/studyapp" %F'),
        ("/srv/100%/bin/studyapp", "Exec=/srv/100%%/bin/studyapp %F"),
    ],
)
def test_exec_line_is_quoted_as_the_spec_asks(program: str, expected: str, tmp_path: Path) -> None:
    template = (paths.bundled_assets() / desktop.DESKTOP_FILE).read_text(encoding="utf-8")
    rendered = desktop.render_entry(template, [program])
    assert expected in rendered.splitlines()
    assert rendered.count("\nExec=") == 1
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        entry_file = tmp_path / "studyapp.desktop"
        entry_file.write_text(rendered, encoding="utf-8")
        checked = subprocess.run([validator, str(entry_file)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_launcher_prefers_the_running_script_then_its_venv_then_path(tmp_path: Path) -> None:
    venv_bin = tmp_path / "venv" / "bin"
    python = _executable(venv_bin / "python")
    on_path = _executable(tmp_path / "path" / "studyapp")
    which = functools.partial(shutil.which, path=str(on_path.parent))
    script = _executable(tmp_path / "pipx" / "studyapp")
    module = str(tmp_path / "src" / "studyapp" / "__main__.py")

    assert desktop.launcher_command(str(script), str(python), which) == [str(script)]
    # Started as `python -m studyapp`: no script in the venv yet, so the one on PATH.
    assert desktop.launcher_command(module, str(python), which) == [str(on_path)]
    beside = _executable(venv_bin / "studyapp")
    assert desktop.launcher_command(module, str(python), which) == [str(beside)]
    beside.unlink()
    nowhere = functools.partial(shutil.which, path=str(tmp_path / "empty"))
    assert desktop.launcher_command(module, str(python), nowhere) == [
        str(python),
        "-m",
        "studyapp",
    ]

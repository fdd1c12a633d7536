"""The wheel: built as a release is built, it holds the package, the banks and the assets, and
installed (not editable) it finds them from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

import studyapp


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("studyapp-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def _checkout_files(folder: str) -> set[str]:
    root = REPO / folder
    return {
        f"studyapp/_bundled/{folder}/{p.relative_to(root).as_posix()}"
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_wheel_holds_the_package_banks_and_assets(wheel: Path) -> None:
    assert wheel.name == f"studyapp-{studyapp.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(
            f"studyapp-{studyapp.__version__}.dist-info/entry_points.txt"
        ).decode()
    package = {
        f"studyapp/{p.relative_to(REPO / 'studyapp').as_posix()}"
        for p in (REPO / "studyapp").rglob("*.py")
    }
    assert package <= names
    # Everything in questions/ (banks, their articles, the README that keeps the folder in
    # a fresh clone) and in assets/ travels inside the package.
    assert _checkout_files("questions") <= names
    assert "studyapp/_bundled/questions/README.md" in names
    assert _checkout_files("assets") <= names
    for asset in (
        "studyapp.desktop",
        "studyapp.svg",
        "io.github.studyapp.StudyApp.metainfo.xml",
        "icons/16x16/studyapp.png",
        "icons/512x512/studyapp.png",
    ):
        assert f"studyapp/_bundled/assets/{asset}" in names
    assert not any(n.endswith(".pyc") or n.startswith("tests/") for n in names)
    assert "studyapp = studyapp.cli:main" in entry_points


def _run_installed(
    site: Path, cwd: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH puts the installed copy ahead of any other studyapp the interpreter knows;
    # the dependencies come from the interpreter's own site-packages.
    environ = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=environ
    )


def test_installed_wheel_finds_its_bundled_folders_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    probe = textwrap.dedent(
        """
        import json, studyapp, studyapp.paths as p
        print(json.dumps({
            "module": studyapp.__file__,
            "questions": str(p.bundled_questions()),
            "assets": str(p.bundled_assets()),
        }))
        """
    )
    result = _run_installed(installed, tmp_path, "-c", probe)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package = installed / "studyapp"
    assert Path(found["module"]) == package / "__init__.py"
    assert Path(found["questions"]) == package / "_bundled" / "questions"
    assert Path(found["assets"]) == package / "_bundled" / "assets"
    assert (package / "_bundled" / "questions" / "README.md").is_file()
    assert (package / "_bundled" / "assets" / "studyapp.desktop").is_file()


def test_installed_wheel_installs_its_desktop_entry(installed: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    result = _run_installed(
        installed, tmp_path, "-m", "studyapp", "--install-desktop-entry", XDG_DATA_HOME=str(xdg)
    )
    assert result.returncode == 0, result.stderr
    shipped = installed / "studyapp" / "_bundled" / "assets" / "icons" / "48x48" / "studyapp.png"
    copied = xdg / "icons" / "hicolor" / "48x48" / "apps" / "studyapp.png"
    assert copied.read_bytes() == shipped.read_bytes()
    assert (xdg / "applications" / "studyapp.desktop").is_file()


def test_installed_wheel_opens_its_window(installed: Path, tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import studyapp
        from studyapp import cli

        app = QApplication(sys.argv[:1])

        def check():
            titles = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
            print("FROM", studyapp.__file__)
            print("TITLES", titles, flush=True)
            app.quit()

        QTimer.singleShot(500, check)
        sys.exit(cli.main(["--data-dir", sys.argv[1]]))
        """
    )
    result = _run_installed(installed, tmp_path, "-c", probe, str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert f"FROM {installed / 'studyapp' / '__init__.py'}" in result.stdout.splitlines()
    assert "StudyApp" in next(
        line for line in result.stdout.splitlines() if line.startswith("TITLES")
    )

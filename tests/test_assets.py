"""The icon, desktop entry and AppStream metainfo in assets/: well formed and in agreement."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import REPO
from PySide6.QtGui import QImage

from studyapp import __version__, desktop

ASSETS = REPO / "assets"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _parse(path: Path) -> ET.Element:
    # Our own committed files, not untrusted input.
    return ET.parse(path).getroot()  # noqa: S314


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ASSETS / desktop.DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_svg_icon_is_square_and_well_formed() -> None:
    root = _parse(ASSETS / desktop.SVG_FILE)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height
    # Text would depend on the fonts a desktop has; the icon is drawn with shapes only.
    assert root.find(".//{http://www.w3.org/2000/svg}text") is None


def test_every_png_size_is_committed_at_its_size() -> None:
    for size in desktop.ICON_SIZES:
        assert _png_size(ASSETS / "icons" / desktop.icon_png_name(size)) == (size, size)


def test_committed_pngs_are_what_the_svg_renders_to(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ASSETS / "render_icons.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    for size in (16, 48, 256):
        fresh = QImage(str(tmp_path / desktop.icon_png_name(size)))
        committed = QImage(str(ASSETS / "icons" / desktop.icon_png_name(size)))
        assert fresh.size() == committed.size()
        # Anti-aliasing may differ a little between Qt releases; a changed drawing differs a lot.
        off = 0
        for x in range(size):
            for y in range(size):
                a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
                channels = zip(a.getRgb(), b.getRgb(), strict=True)
                off += max(abs(u - v) for u, v in channels) > 24
        assert off <= size * size // 100, f"{size}px icon is stale: run assets/render_icons.py"


def test_small_icon_keeps_its_shapes() -> None:
    image = QImage(str(ASSETS / "icons" / desktop.icon_png_name(16)))
    colours = [image.pixelColor(x, y) for x in range(16) for y in range(16)]
    opaque = [c for c in colours if c.alpha() > 200]
    assert len(opaque) > 0.7 * len(colours)
    # The blue ground, the white pages and the green check all survive at 16 px.
    assert any(c.blue() > 120 and c.red() < 90 for c in opaque)
    assert any(min(c.red(), c.green(), c.blue()) > 200 for c in opaque)
    assert any(c.green() > c.red() + 40 and c.green() > c.blue() + 20 for c in opaque)


def test_desktop_entry_has_what_menus_and_window_grouping_need() -> None:
    fields = _entry()
    assert fields["Type"] == "Application"
    assert fields["Name"] == "StudyApp"
    assert fields["Exec"] == "studyapp %F"
    assert fields["Icon"] == desktop.ICON_NAME
    assert fields["Terminal"] == "false"
    assert "Education" in fields["Categories"].split(";")
    assert fields["Categories"].endswith(";")
    assert fields["MimeType"].endswith(";")
    assert "application/yaml" in fields["MimeType"].split(";")
    assert fields["StartupWMClass"] == "studyapp"
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        checked = subprocess.run(
            [validator, str(ASSETS / desktop.DESKTOP_FILE)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_metainfo_describes_this_app_and_release() -> None:
    path = ASSETS / desktop.METAINFO_FILE
    root = _parse(path)
    assert root.tag == "component"
    assert root.attrib["type"] == "desktop-application"
    assert root.findtext("id") == desktop.APP_ID == path.name.removesuffix(".metainfo.xml")
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.findtext("name") == _entry()["Name"]
    summary = root.findtext("summary") or ""
    assert 0 < len(summary) <= 60
    assert not summary.endswith(".")
    description = root.find("description")
    assert description is not None
    assert description.find("p") is not None
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.attrib["type"] == "desktop-id"
    assert launchable.text == desktop.DESKTOP_FILE
    assert root.findtext("provides/binary") in PYPROJECT["project"]["scripts"]
    categories = {c.text for c in root.findall("categories/category")}
    assert categories <= set(_entry()["Categories"].split(";"))
    content_rating = root.find("content_rating")
    assert content_rating is not None
    assert content_rating.attrib["type"].startswith("oars-")
    releases = [r.attrib["version"] for r in root.findall("releases/release")]
    assert releases[0] == __version__  # newest first, and it is this version
    validator = shutil.which("appstreamcli")
    if validator is not None:
        checked = subprocess.run(
            [validator, "validate", "--no-net", str(path)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

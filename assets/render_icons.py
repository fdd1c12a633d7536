"""Render the PNG icons from studyapp.svg: `python assets/render_icons.py [--out DIR]`.

Run by hand after editing the SVG, and commit the PNGs; installing never runs this. The sizes are
the ones `studyapp --install-desktop-entry` puts into the hicolor theme.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # so that a checkout needs no install to run this

from studyapp.desktop import ICON_SIZES, icon_png_name  # noqa: E402


def render(svg: Path, out: Path, sizes: tuple[int, ...] = ICON_SIZES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = out / icon_png_name(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"{target}: could not write")
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=HERE / "studyapp.svg")
    parser.add_argument("--out", type=Path, default=HERE / "icons", help="folder for the PNGs")
    args = parser.parse_args()
    for path in render(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

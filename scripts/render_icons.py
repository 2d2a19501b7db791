"""Render resources/icons/workbench.svg to the PNG sizes the desktop wants and a Windows
.ico (``python scripts/render_icons.py``; the PNGs are committed, so run it after editing
the SVG). Qt's own SVG renderer draws, Pillow writes the .ico."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"error: could not write {out}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    svg = ICONS / "workbench.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"workbench-{size}.png")
    # Each .ico size from its own rendering (small sizes drawn small, not scaled down).
    frames = [Image.open(ICONS / f"workbench-{size}.png") for size in ICO_SIZES]
    frames[-1].save(
        ICONS / "workbench.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1]
    )
    print(f"rendered {len(SIZES)} PNG sizes and workbench.ico into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

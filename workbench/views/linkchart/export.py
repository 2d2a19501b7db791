"""The chart as a PNG (twice the screen's density) or an SVG drawing (vector, real text).

Rendered from the scene directly: the timeline learned that pyqtgraph's SVG exporter
fails on what Qt 6.12 writes, and a QSvgGenerator needs no rewriting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

PNG_SCALE = 2
MARGIN = 30.0
MAX_PNG_SIDE = 12_000  # pixels: a huge chart is scaled down rather than failing


def _area(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def _failed(path: Path) -> OSError:
    text = QCoreApplication.translate("LinkChart", "Could not write %1").replace("%1", str(path))
    return OSError(text)


def export_png(scene: QGraphicsScene, path: Path, scale: float = PNG_SCALE) -> QSize:
    rect = _area(scene)
    scale = min(scale, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
    size = QSize(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise _failed(path)
    return size


def export_svg(scene: QGraphicsScene, path: Path, title: str = "") -> None:
    rect = _area(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title or "link chart")
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
    if not path.exists():
        raise _failed(path)

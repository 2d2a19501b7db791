"""The links of a chart view as one pre-rendered picture, reused while the view moves.

At 5,000 nodes / 20,000 links, rasterising the links is most of a frame (about 50 ms
without antialiasing, 130 ms with it, whichever way they are handed to QPainter). The
view therefore paints the scene's link layers into a pixmap a little larger than the
viewport and blits it in ``drawBackground`` (the links are the lowest items of the
scene, so nothing else is painted under them):

* a pan at the same scale blits it at the new offset (pixel for pixel the same);
* while the view zooms, the picture is drawn scaled (briefly soft) as long as it covers
  the view and the scale has not changed by more than ``MAX_STRETCH``; otherwise it is
  painted again;
* once the motion has stopped, the picture is painted again at the exact scale with the
  view's render hints (full quality), and any change of the links (a drag, a filter, a
  highlight) paints it again.

The layer items skip their own painting in a viewport marked with :data:`DRAWN_BY_VIEW`;
exports render the scene without a viewport, so they draw every link themselves at
full quality.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from workbench.views.linkchart.link_layer import DRAWN_BY_VIEW, LinkLayer

MARGIN = 0.25  # of the viewport's width and height, painted beyond each side
MAX_STRETCH = 1.6  # while moving, a picture is drawn scaled up or down by at most this

__all__ = ["DRAWN_BY_VIEW", "LinkCache"]


@dataclass
class _Picture:
    pixmap: QPixmap
    scene_rect: QRectF  # the part of the chart it shows
    scale: tuple[float, float]  # the view's m11, m22 when it was painted
    revision: int  # the scene's links_revision it shows
    shown: tuple[int, ...]  # which of the layers were visible
    hints: QPainter.RenderHint


class LinkCache:
    """The pre-rendered links of one view (see the module's doc)."""

    def __init__(self) -> None:
        self.picture: _Picture | None = None
        self.renders = 0  # how many times the links were painted (tests, benchmarks)

    def clear(self) -> None:
        self.picture = None

    def draw(
        self,
        painter: QPainter,
        layers: list[LinkLayer],
        revision: int,
        viewport: QRect,
        background: QColor,
        *,
        moving: bool,
    ) -> None:
        """Draw ``layers`` through ``painter`` (in chart units, as in drawBackground)."""
        transform = painter.worldTransform()
        if transform.isRotating() or transform.m11() <= 0 or transform.m22() <= 0:
            # not a view this cache knows how to reuse
            self._paint_layers(painter, [layer for layer in layers if layer.isVisible()])
            return
        inverse, _ = transform.inverted()
        visible = inverse.mapRect(QRectF(viewport))
        hints = painter.renderHints()
        layers = [layer for layer in layers if layer.isVisible()]
        shown = tuple(id(layer) for layer in layers)
        picture = self.picture
        fits = (
            picture is not None
            and picture.shown == shown
            and _usable(picture, transform, visible, revision, hints, moving)
        )
        if picture is None or not fits:
            picture = self._render(
                layers, transform, inverse, viewport, revision, hints, background, painter
            )
            self.picture = picture
        target = transform.mapRect(picture.scene_rect)
        painter.save()
        painter.resetTransform()
        pixmap = picture.pixmap
        if _same_scale(picture.scale, transform):
            painter.drawPixmap(round(target.left()), round(target.top()), pixmap)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        painter.restore()

    def _render(
        self,
        layers: list[LinkLayer],
        transform: QTransform,
        inverse: QTransform,
        viewport: QRect,
        revision: int,
        hints: QPainter.RenderHint,
        background: QColor,
        like: QPainter,
    ) -> _Picture:
        dx, dy = round(viewport.width() * MARGIN), round(viewport.height() * MARGIN)
        area = viewport.adjusted(-dx, -dy, dx, dy)
        ratio = like.device().devicePixelRatioF() if like.device() is not None else 1.0
        pixmap = QPixmap(round(area.width() * ratio), round(area.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(background)
        scene_rect = inverse.mapRect(QRectF(area))
        painter = QPainter(pixmap)
        try:
            painter.setRenderHints(hints)
            painter.setTransform(transform * QTransform.fromTranslate(-area.left(), -area.top()))
            self._paint_layers(painter, layers, scene_rect)
        finally:
            painter.end()
        self.renders += 1
        return _Picture(
            pixmap,
            scene_rect,
            (transform.m11(), transform.m22()),
            revision,
            tuple(id(layer) for layer in layers),
            hints,
        )

    @staticmethod
    def _paint_layers(
        painter: QPainter, layers: list[LinkLayer], area: QRectF | None = None
    ) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        for layer in sorted(layers, key=lambda item: item.zValue()):
            layer.draw(painter, lod, area)


def _usable(
    picture: _Picture,
    transform: QTransform,
    visible: QRectF,
    revision: int,
    hints: QPainter.RenderHint,
    moving: bool,
) -> bool:
    if picture.revision != revision or not picture.scene_rect.contains(visible):
        return False
    if moving:  # rough is fine for a moment, but not stretched out of shape
        sx = transform.m11() / picture.scale[0]
        sy = transform.m22() / picture.scale[1]
        return all(1 / MAX_STRETCH <= s <= MAX_STRETCH for s in (sx, sy))
    return _same_scale(picture.scale, transform) and picture.hints == hints


def _same_scale(scale: tuple[float, float], transform: QTransform) -> bool:
    return abs(scale[0] - transform.m11()) <= 1e-9 * abs(scale[0]) and abs(
        scale[1] - transform.m22()
    ) <= 1e-9 * abs(scale[1])

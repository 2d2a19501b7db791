"""The window's first font: the CJK font shipped inside the package.

A locked-down workstation may have no Chinese font at all (Qt then draws boxes), or one
that differs from the machine the screenshots were checked on. The font in
``workbench/resources/fonts`` is registered with Qt and put first in the application
font's family list; the system's own families stay behind it as fallbacks.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workbench.resources import CJK_FONT, CJK_FONT_FAMILY, resource_path

log = logging.getLogger("workbench.views.app_font")


def install_app_font(app: QApplication) -> str | None:
    """Register the bundled CJK font and make it the application's first family.

    Returns the family now first, or None (logged) when the font could not be loaded:
    the window still works with whatever the system offers.
    """
    try:
        path = resource_path(*CJK_FONT)
    except OSError as exc:
        log.warning("the CJK font shipped with the workbench is missing: %s", exc)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("Qt could not load the CJK font %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = CJK_FONT_FAMILY if CJK_FONT_FAMILY in families else families[0]
    font = QFont(app.font())
    font.setFamilies([family, *(f for f in font.families() if f != family)])
    app.setFont(font)
    return family

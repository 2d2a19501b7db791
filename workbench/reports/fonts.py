"""The Chinese font of the package: the TrueType CJK font shipped with the workbench, embedded.

A procuratorate must read the file on any machine, so the font travels inside the PDF
(reportlab embeds TrueType subsets). The font comes from inside our own package
(``workbench/resources/fonts``), so the PDF never depends on what the workstation has
installed; an installed TrueType CJK font is the next choice. Without either (a damaged
installation), reportlab's built-in CID font STSong-Light is used with a warning: it is
*not* embedded, and a reader without Adobe's Asian font pack sees substitutes.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from workbench.resources import CJK_FONT, resource_path

log = logging.getLogger("workbench.reports.fonts")

FONT_NAME = "WorkbenchCJK"
CID_FALLBACK = "STSong-Light"

# The font inside our package, tried before anything installed (None: skip it).
BUNDLED: tuple[str, ...] | None = CJK_FONT

# Installed fonts, after the bundled one: (path, subfont index in a .ttc). TrueType
# outlines only: reportlab cannot embed CFF (OpenType .otf, Noto CJK) fonts.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)


@dataclass(frozen=True)
class FontChoice:
    name: str  # the registered reportlab font name
    path: str | None  # the TrueType file, None for the CID fallback
    embedded: bool
    warning: str | None


_lock = threading.Lock()
_chosen: FontChoice | None = None


def _try_truetype(path: str, index: int) -> FontChoice | None:
    try:
        font = TTFont(FONT_NAME, path, subfontIndex=index)
    except Exception as exc:  # a damaged or CFF font: try the next one
        log.info("font %s not usable: %s", path, exc)
        return None
    pdfmetrics.registerFont(font)
    return FontChoice(FONT_NAME, path, True, None)


def _bundled() -> list[tuple[str, int]]:
    if BUNDLED is None:
        return []
    try:
        return [(str(resource_path(*BUNDLED)), 0)]
    except OSError as exc:
        log.warning("the CJK font shipped with the workbench is missing: %s", exc)
        return []


def cjk_font() -> FontChoice:
    """Find and register the font once per process: ``WORKBENCH_PDF_FONT`` (a .ttf/.ttc
    path, optionally ``path#index``) first, then the bundled font, then installed ones."""
    global _chosen
    with _lock:
        if _chosen is not None:
            return _chosen
        wanted: list[tuple[str, int]] = []
        override = os.environ.get("WORKBENCH_PDF_FONT", "").strip()
        if override:
            name, _, number = override.partition("#")
            wanted.append((name, int(number) if number.isdigit() else 0))
        wanted += _bundled() + list(CANDIDATES)
        for path, subfont in wanted:
            if Path(path).is_file():
                choice = _try_truetype(path, subfont)
                if choice is not None:
                    _chosen = choice
                    return choice
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        warning = (
            "no TrueType CJK font found (the font shipped with the workbench is missing: "
            "reinstall it, install fonts-wqy-microhei or set WORKBENCH_PDF_FONT); "
            f"using the built-in {CID_FALLBACK}, which is not embedded in the PDF"
        )
        log.warning(warning)
        _chosen = FontChoice(CID_FALLBACK, None, False, warning)
        return _chosen

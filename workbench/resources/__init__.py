"""Run-time package data and the one way to reach it: translations (``i18n/``), the
jurisdiction profiles (``profiles/``), the CJK font (``fonts/``).

Everything here is read through :mod:`importlib.resources`, so it is found wherever the
package lives: a checkout, an installed wheel, a zip, or a frozen app (PyInstaller).
Read with ``files(...).joinpath(...)``; where a library needs a real file (Qt's
translator, reportlab's font loader, QFontDatabase) use :func:`resource_path`, which goes
through ``as_file``. Never ``str(files(...))``: that is a file path only by accident of
how the package was installed (it is how a frozen build once showed English menus).
"""

from __future__ import annotations

import atexit
import threading
from contextlib import ExitStack
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "workbench.resources"

# The CJK font shipped inside the package (see fonts/README.txt for source and licence).
CJK_FONT = ("fonts", "wqy-microhei.ttc")
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"

_lock = threading.Lock()
_extracted = ExitStack()
atexit.register(_extracted.close)
_paths: dict[tuple[str, ...], Path] = {}


def resource(*parts: str) -> Traversable:
    """The packaged file or folder ``parts`` (e.g. ``resource("i18n", "x.qm")``)."""
    return resources.files(PACKAGE).joinpath(*parts)


def resource_path(*parts: str) -> Path:
    """A real file-system path to the packaged file or folder ``parts``.

    Where the package is a plain folder this is the file itself; otherwise (a zip) the
    resource is copied out once and the copy is kept until the process exits. Raises
    FileNotFoundError when the package holds no such resource.
    """
    with _lock:
        path = _paths.get(parts)
        if path is None:
            wanted = resource(*parts)
            if not (wanted.is_file() or wanted.is_dir()):
                raise FileNotFoundError(f"{PACKAGE} holds no {'/'.join(parts)}")
            path = _extracted.enter_context(resources.as_file(wanted))
            _paths[parts] = path
        return path

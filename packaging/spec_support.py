"""What the PyInstaller specs (packaging/workbench.spec, packaging/windows/) share: which
distributions and data go in, and what is trimmed out. Imported by the specs, which run
inside PyInstaller in the build venv; kept here so that it is linted and readable.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

WINDOWS = sys.platform == "win32"
ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "packaging" / "entry.py"


def runtime_distributions(root: str = "workbench") -> dict[str, metadata.Distribution]:
    """``root`` and everything it needs at run time, as installed in this venv."""
    found: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        dist = metadata.distribution(name)
        found[name] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return found


def top_level_modules(dists: dict[str, metadata.Distribution]) -> list[str]:
    by_dist: dict[str, list[str]] = {}
    for module, owners in metadata.packages_distributions().items():
        for owner in owners:
            by_dist.setdefault(canonicalize_name(owner), []).append(module)
    modules = {m for name in dists for m in by_dist.get(name, []) if m.isidentifier()}
    return sorted(modules)


def hidden_imports(dists: dict[str, metadata.Distribution]) -> list[str]:
    """Every runtime distribution's top-level modules, and both entry modules."""
    return [*top_level_modules(dists), "workbench.app", "workbench.cli.main"]


def excludes(dists: dict[str, metadata.Distribution]) -> list[str]:
    """Modules never bundled even if something imports them optionally."""
    found = [
        "tkinter",
        "_tkinter",
        "turtledemo",
        "readline",
        "idlelib",
        "pydoc_data",
        "lib2to3",
        "ensurepip",
        "venv",
        "PyInstaller",
        "pytest",
        "_pytest",
        "pytestqt",
        "hypothesis",
        "mypy",
        "ruff",
        "importlinter",
        "grimp",
        "IPython",
        "matplotlib",
        "scipy",
        "pyarrow",
        "sqlite3.test",
        "unittest.mock",
        "numpy.tests",
        "numpy.f2py",
        "numpy.testing",
        "pandas.tests",
        "pandas.conftest",
        "networkx.tests",
        "reportlab.graphics.testshapes",
        "pyqtgraph.examples",
        "pyqtgraph.opengl",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtQuickWidgets",
        "PySide6.QtNetwork",
        "PySide6.QtTest",
        "PySide6.QtSql",
        "PySide6.QtDesigner",
        "PySide6.QtConcurrent",
        "PySide6.QtXml",
    ]
    # psycopg (PostgreSQL stores) only when the project really depends on it.
    for driver in ("psycopg", "psycopg2", "psycopg_binary", "psycopg_c", "psycopg_pool"):
        if canonicalize_name(driver) not in dists:
            found.append(driver)
    return found


def data_files(dists: dict[str, metadata.Distribution]) -> list[tuple[str, str]]:
    """The package data (translations, profiles, font; not the .ts sources), the
    migration scripts alembic reads as files, and each distribution's metadata."""
    from PyInstaller.utils.hooks import collect_data_files, copy_metadata

    datas = collect_data_files("workbench", excludes=["**/*.ts", "**/__pycache__/**"])
    datas += collect_data_files("workbench.store.migrations", include_py_files=True)
    for name in dists:
        datas += copy_metadata(name)
    return datas


# Qt plugins the window uses: the platforms (xcb; wayland; offscreen for --screenshot),
# input methods (ibus/compose: Chinese typing), image formats, icon engines, the desktop
# portal theme (file dialogs). Not the GTK theme: it would bring GTK, cairo and pango.
QT_PLUGIN_DIRS_KEPT = {
    "platforms",
    "platforminputcontexts",
    "imageformats",
    "iconengines",
    "platformthemes",
    "xcbglintegrations",
    "wayland-shell-integration",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "styles",
}
QT_PLUGINS_KEPT = {
    "platforms": re.compile(r"(lib)?q(xcb|wayland[-\w]*|offscreen|windows|cocoa)\.(so|dll|dylib)$"),
    "platformthemes": re.compile(r"(lib)?q(xdgdesktopportal|windowsvistastyle)\w*\.(so|dll)$"),
    "imageformats": re.compile(r"(lib)?q(svg|ico|jpeg|gif)\.(so|dll|dylib)$"),
}
# Qt's own translations: the languages the interface has (zh_CN; English is built in).
QT_TRANSLATIONS_KEPT = re.compile(r"qt(base)?_(zh_CN|en)\.qm$")
# The graphics stack and desktop services come from the workstation (Depends of the .deb):
# bundled copies from the build machine clash with the system's drivers and libxcb. So do
# the C++ runtime libraries: the system's GL driver may need a newer libstdc++ than ours,
# and the build machine's copy would raise the glibc the app needs to the build machine's.
SYSTEM_LIBRARIES = re.compile(
    r"lib(xcb[-\w]*|X11[-\w]*|Xau|Xdmcp|Xext|Xrender|xkbcommon[-\w]*|GL\w*|EGL|OpenGL|"
    r"fontconfig|freetype|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|"
    r"dbus-1|wayland-[-\w]+|drm|gbm|stdc\+\+|gcc_s)\.so(\.[\d.]+)?$"
)


def keep(dest: str, source: str) -> bool:
    """Whether a collected file goes into the app (the trimming rules above)."""
    parts = Path(dest).parts
    if "Qt" in parts and "plugins" in parts:
        kind = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) else ""
        if kind not in QT_PLUGIN_DIRS_KEPT:
            return False
        if kind in QT_PLUGINS_KEPT and not QT_PLUGINS_KEPT[kind].search(parts[-1]):
            return False
    if "translations" in parts and parts[-1].endswith(".qm") and "Qt" in parts:
        return bool(QT_TRANSLATIONS_KEPT.search(parts[-1]))
    # System libraries found on the build machine (not those shipped inside wheels).
    if not WINDOWS and SYSTEM_LIBRARIES.match(parts[-1]) and not _inside_venv(source):
        return False
    return not any(p in ("tests", "testing") for p in parts[:-1])


def _inside_venv(source: str) -> bool:
    return bool(source) and os.path.abspath(source).startswith(sys.prefix)


def needed(path: str) -> set[str]:
    """The shared libraries an ELF file links (its DT_NEEDED entries)."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")}


LIBRARY_DIRS = {"", "PySide6/Qt/lib"}  # where collected libraries sit (not plugins)


def prune_orphans(binaries: list[Any]) -> list[Any]:
    """Drop shared libraries that no kept binary links any more: collected for a plugin
    or module trimmed above (GTK for the GTK theme, QtNetwork's Kerberos, …)."""
    if WINDOWS or sys.platform == "darwin":
        return binaries
    libs = {
        Path(dest).name: src
        for dest, src, _kind in binaries
        if Path(dest).parent.as_posix().strip(".") in LIBRARY_DIRS and _library(Path(dest).name)
    }
    queue = [src for dest, src, _kind in binaries if Path(dest).name not in libs]
    wanted = {name for name in libs if name.startswith("libpython")}  # the bootloader's
    queue += [libs[name] for name in wanted]
    while queue:
        source = queue.pop()
        if not os.path.isfile(source):
            continue
        for name in needed(source):
            if name in libs and name not in wanted:
                wanted.add(name)
                queue.append(libs[name])
    dropped = sorted(set(libs) - wanted)
    print(f"spec: dropped libraries nothing links: {', '.join(dropped) or 'none'}")
    return [e for e in binaries if Path(e[0]).name not in libs or Path(e[0]).name in wanted]


def _library(dest: str) -> bool:
    """A shared library (``libfoo.so.1``), not a Python extension module."""
    return (
        dest.startswith("lib")
        and ".so" in dest
        and ".cpython-" not in dest
        and ".abi3." not in dest
    )


def trim(analysis: Any) -> None:
    """Apply :func:`keep` and :func:`prune_orphans` to an Analysis in place."""
    analysis.binaries = prune_orphans([e for e in analysis.binaries if keep(e[0], e[1])])
    analysis.datas = [e for e in analysis.datas if keep(e[0], e[1])]

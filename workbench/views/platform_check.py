"""Why Qt could not start its platform plugin, in one sentence a person can act on.

On Linux Qt's window system plugin (``xcb``) links system libraries that a stock desktop
may lack (since Qt 6.5 ``libxcb-cursor0``). Qt then aborts with "no Qt platform plugin
could be initialized" and the reason only in its debug output. This module finds the
plugin file, asks the dynamic linker (``ldd``, else ``dlopen``) which libraries are
missing and names them with the Debian/Ubuntu package to install.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

# Debian names a library package after the soname ("libxcb-cursor.so.0" → libxcb-cursor0);
# the exceptions we know of:
_PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libstdc++.so.6": "libstdc++6",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_DLOPEN_MISSING = re.compile(r"^(\S+\.so[.\d]*): cannot open shared object file")


@dataclass(frozen=True)
class PlatformDiagnosis:
    platform: str
    plugin: Path | None  # the plugin file, None when Qt ships no plugin of that name
    missing: tuple[str, ...]  # sonames the dynamic linker cannot find

    def message(self) -> str:
        """The one ``error:`` line (plus a hint) shown on stderr."""
        if self.missing:
            packages = " ".join(dict.fromkeys(debian_package(m) for m in self.missing))
            return (
                f"error: the window cannot start: Qt's {self.platform!r} platform plugin needs "
                f"{', '.join(self.missing)}, which this system does not have.\n"
                f"       On Debian, Ubuntu, UOS or Kylin install it: sudo apt install {packages}"
            )
        if self.platform == "xcb" and not os.environ.get("DISPLAY"):
            return (
                "error: the window cannot start: no X display (DISPLAY is not set). Run it "
                "in a desktop session, or save a screenshot instead: workbench gui --screenshot"
            )
        if self.plugin is None:
            return (
                f"error: the window cannot start: Qt has no {self.platform!r} platform plugin "
                "(check QT_QPA_PLATFORM)"
            )
        return (
            f"error: the window cannot start: Qt could not initialise its {self.platform!r} "
            "platform plugin (the log file has Qt's own messages)"
        )


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` by Debian's naming rule."""
    if soname in _PACKAGE_EXCEPTIONS:
        return _PACKAGE_EXCEPTIONS[soname]
    stem, _, version = soname.partition(".so.")
    name = stem.lower()
    if not version:
        return name
    major = version.split(".")[0]
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def requested_platform() -> str:
    """The platform Qt will try first: ``QT_QPA_PLATFORM``'s first entry, else the
    system's default (xcb on Linux, wayland in a Wayland-only session)."""
    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if wanted:
        return wanted
    if sys.platform.startswith("linux"):
        if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
            return "wayland"
        return "xcb"
    return {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "xcb")


def plugin_file(platform: str) -> Path | None:
    """The plugin file Qt tries: ``QT_QPA_PLATFORM_PLUGIN_PATH`` first, as Qt does, then
    the platforms folder of Qt's own plugins."""
    folders = [
        Path(p) for p in os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p
    ]
    folders.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    for folder in folders:
        for pattern in (f"libq{platform}.so", f"libq{platform}*.so", f"q{platform}.dll"):
            found = sorted(folder.glob(pattern))
            if found:
                return found[0]
    return None


def missing_libraries(plugin: Path) -> tuple[str, ...]:
    """Sonames ``plugin`` needs that the dynamic linker cannot find (all of them with
    ``ldd``; the first one only when falling back to ``dlopen``)."""
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            out = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = None
        if out is not None:
            return missing_from_ldd(out)
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        match = _DLOPEN_MISSING.match(str(exc))
        return (match.group(1),) if match else ()
    return ()


def missing_from_ldd(output: str) -> tuple[str, ...]:
    """The ``NAME => not found`` lines of ``ldd`` output, each name once, in order."""
    return tuple(dict.fromkeys(_NOT_FOUND.findall(output)))


def diagnose(platform: str | None = None) -> PlatformDiagnosis:
    platform = platform or requested_platform()
    plugin = plugin_file(platform)
    missing = missing_libraries(plugin) if plugin is not None else ()
    return PlatformDiagnosis(platform, plugin, missing)

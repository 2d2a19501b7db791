"""A window that cannot start its Qt platform plugin says why on stderr, naming the
missing system library and its Debian package, instead of dying with "Aborted".

The missing library is real: a small shared object built here with the C compiler links
``libwbgone.so.1``, which is then removed, and Qt is pointed at it as its xcb plugin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.views import platform_check
from workbench.views.platform_check import (
    PlatformDiagnosis,
    debian_package,
    diagnose,
    missing_from_ldd,
    missing_libraries,
)


def test_debian_package_names_follow_the_soname() -> None:
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert debian_package("libEGL.so.1") == "libegl1"
    assert debian_package("libdbus-1.so.3") == "libdbus-1-3"
    assert debian_package("libglib-2.0.so.0") == "libglib2.0-0"


def test_ldd_output_gives_each_missing_library_once() -> None:
    output = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibQt6Gui.so.6 => /opt/x/libQt6Gui.so.6 (0x00007f)\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-cursor.so.0 => not found\n"
    )
    assert missing_from_ldd(output) == ("libxcb-cursor.so.0", "libxcb-icccm.so.4")


def test_the_message_names_library_and_package() -> None:
    text = PlatformDiagnosis("xcb", Path("/p/libqxcb.so"), ("libxcb-cursor.so.0",)).message()
    assert text.startswith("error: ")
    assert "libxcb-cursor.so.0" in text and "sudo apt install libxcb-cursor0" in text


@pytest.fixture(scope="module")
def broken_plugin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """platforms/libqxcb.so linking libwbgone.so.1, which no longer exists."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build a library with a missing dependency")
    work = tmp_path_factory.mktemp("plugin")
    (work / "gone.c").write_text("int wb_gone(void) { return 1; }\n")
    (work / "plugin.c").write_text(
        "int wb_gone(void);\nint wb_plugin(void) { return wb_gone(); }\n"
    )
    gone = work / "libwbgone.so.1"
    subprocess.run(
        [
            cc,
            "-shared",
            "-fPIC",
            "-Wl,-soname,libwbgone.so.1",
            "-o",
            str(gone),
            str(work / "gone.c"),
        ],
        check=True,
    )
    platforms = work / "platforms"
    platforms.mkdir()
    plugin = platforms / "libqxcb.so"
    subprocess.run(
        [cc, "-shared", "-fPIC", "-o", str(plugin), str(work / "plugin.c"), str(gone)],
        check=True,
    )
    gone.unlink()
    return plugin


def test_ldd_names_the_missing_library_of_a_real_plugin(broken_plugin: Path) -> None:
    assert missing_libraries(broken_plugin) == ("libwbgone.so.1",)


def test_without_ldd_dlopen_names_it(broken_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check.shutil, "which", lambda _name: None)
    assert missing_libraries(broken_plugin) == ("libwbgone.so.1",)


def test_the_plugin_is_found_where_qt_is_told_to_look(
    broken_plugin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(broken_plugin.parent))
    found = diagnose("xcb")
    assert found.plugin == broken_plugin and found.missing == ("libwbgone.so.1",)


def run_window(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WORKBENCH_"))}
    base.pop("DISPLAY", None)
    base.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "workbench.app", "--lang", "en"],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_missing_library_is_named_on_stderr_instead_of_aborting(
    broken_plugin: Path, tmp_path: Path
) -> None:
    done = run_window(
        {
            "QT_QPA_PLATFORM": "xcb",
            "QT_QPA_PLATFORM_PLUGIN_PATH": str(broken_plugin.parent),
            "DISPLAY": ":97",
            "WORKBENCH_LOG_DIR": str(tmp_path),
        }
    )
    assert done.returncode == 1, done.stderr  # not SIGABRT (-6)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: the window cannot start")
    assert "libwbgone.so.1" in done.stderr and "sudo apt install libwbgone1" in done.stderr
    assert "Aborted" not in done.stderr and "core dumped" not in done.stderr


def test_no_display_is_said_plainly(tmp_path: Path) -> None:
    done = run_window({"QT_QPA_PLATFORM": "xcb", "WORKBENCH_LOG_DIR": str(tmp_path)})
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: the window cannot start")
    if "needs" not in done.stderr:  # this machine has every library the xcb plugin needs
        assert "no X display (DISPLAY is not set)" in done.stderr

"""``workbench gui --screenshot`` in a real subprocess: a PNG of the window, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import PASSPHRASE
from tests.views.conftest import CASE


def gui(db: Path, *args: str, passphrase: str = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "WORKBENCH_PASSPHRASE": passphrase,
        "WORKBENCH_USER": "tester",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "workbench", "gui", "--db", str(db), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("lang", "view"), [("zh_CN", "persons"), ("en", "overview")])
def test_screenshot_writes_a_png_of_the_window(
    demo_db: Path, tmp_path: Path, lang: str, view: str
) -> None:
    out = tmp_path / "shots" / f"{view}.png"
    done = gui(demo_db, "--lang", lang, "--case", CASE, "--view", view, "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # Qt's platform notes go to the log, not the terminal
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # not a blank window: many distinct colours (text, table grid, selection)
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 20


def test_screenshot_errors_use_the_cli_exit_codes(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    bad_view = gui(demo_db, "--case", CASE, "--view", "nonsense", "--screenshot", str(out))
    assert bad_view.returncode == 2
    assert bad_view.stderr.startswith("error:") and "nonsense" in bad_view.stderr
    bad_case = gui(demo_db, "--case", "NO-SUCH", "--screenshot", str(out))
    assert bad_case.returncode == 6  # answered as a case one is no member of (issue 13 #7)
    wrong = gui(demo_db, "--screenshot", str(out), passphrase="wrong")
    assert wrong.returncode == 3
    assert wrong.stderr.count("\n") == 1  # one line, no traceback
    assert not out.exists()


@pytest.mark.parametrize(("lang", "file_menu"), [("zh_CN", "文件(&F)"), ("en", "&File")])
def test_screenshot_json_reports_the_language_menus_and_font_drawn(
    demo_db: Path, tmp_path: Path, lang: str, file_menu: str
) -> None:
    """How a script (packaging/smoke.sh) knows the catalogue was really loaded: the menu
    titles read back from the window, not a PNG that exists."""
    out = tmp_path / f"{lang}.png"
    done = gui(demo_db, "--lang", lang, "--case", CASE, "--screenshot", str(out), "--json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["screenshot"] == str(out) and out.is_file()
    assert facts["language"] == lang
    assert facts["menus"][0] == file_menu
    assert facts["font_family"] == "WenQuanYi Micro Hei"  # the bundled font, first
    assert CASE in facts["title"]

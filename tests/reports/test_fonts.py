"""Font choice: an installed TrueType CJK font, else the built-in CID font with a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from workbench.reports.fonts import CANDIDATES, cjk_font

PROBE = """
import json, sys
import workbench.reports.fonts as fonts
fonts.CANDIDATES = ()
choice = fonts.cjk_font()
print(json.dumps([choice.name, choice.path, choice.embedded, choice.warning]))
"""


def test_an_installed_truetype_font_is_used_and_embedded() -> None:
    choice = cjk_font()
    if not any(os.path.isfile(path) for path, _ in CANDIDATES):
        assert not choice.embedded and choice.warning
        return
    assert choice.embedded and choice.warning is None
    assert choice.path is not None and os.path.isfile(choice.path)


def test_without_a_truetype_font_the_cid_font_is_used_with_a_warning() -> None:
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PDF_FONT"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    ).stdout
    name, path, embedded, warning = json.loads(out)
    assert (name, path, embedded) == ("STSong-Light", None, False)
    assert "not embedded" in warning


def test_a_chosen_font_file_comes_first() -> None:
    installed = next((p for p, _ in CANDIDATES if os.path.isfile(p)), None)
    if installed is None:
        return
    env = {**os.environ, "WORKBENCH_PDF_FONT": f"{installed}#0"}
    probe = PROBE.replace("fonts.CANDIDATES = ()", "fonts.CANDIDATES = (('/nonexistent.ttc', 0),)")
    _name, path, embedded, warning = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
        ).stdout
    )
    assert (path, embedded, warning) == (installed, True, None)

"""Font choice: the CJK font shipped inside the package first, then an installed TrueType
CJK font, else the built-in CID font with a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from workbench.reports.fonts import CANDIDATES, cjk_font
from workbench.resources import CJK_FONT, resource, resource_path

PROBE = """
import json, sys
import workbench.reports.fonts as fonts
fonts.BUNDLED = None
fonts.CANDIDATES = ()
choice = fonts.cjk_font()
print(json.dumps([choice.name, choice.path, choice.embedded, choice.warning]))
"""


def probe(code: str, env: dict[str, str]) -> list[object]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    result: list[object] = json.loads(out)
    return result


def test_the_bundled_font_is_used_and_embedded() -> None:
    if os.environ.get("WORKBENCH_PDF_FONT"):
        pytest.skip("WORKBENCH_PDF_FONT overrides the bundled font here")
    choice = cjk_font()
    assert choice.embedded and choice.warning is None
    assert choice.path == str(resource_path(*CJK_FONT))


def test_the_bundled_font_is_package_data_with_its_licence() -> None:
    font = resource(*CJK_FONT)
    assert font.read_bytes()[:4] == b"ttcf"  # a TrueType collection (glyf outlines)
    licence = resource("fonts", "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "Apache-2.0" in resource("fonts", "README.txt").read_text(encoding="utf-8")


def test_without_the_bundled_font_an_installed_one_is_next() -> None:
    installed = next((p for p, _ in CANDIDATES if os.path.isfile(p)), None)
    if installed is None:
        pytest.skip("no TrueType CJK font installed (scripts/setup.sh installs one)")
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PDF_FONT"}
    _name, path, embedded, warning = probe(PROBE.replace("fonts.CANDIDATES = ()\n", ""), env)
    assert (path, embedded, warning) == (installed, True, None)


def test_without_a_truetype_font_the_cid_font_is_used_with_a_warning() -> None:
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PDF_FONT"}
    name, path, embedded, warning = probe(PROBE, env)
    assert (name, path, embedded) == ("STSong-Light", None, False)
    assert isinstance(warning, str) and "not embedded" in warning


def test_a_chosen_font_file_comes_first() -> None:
    installed = next((p for p, _ in CANDIDATES if os.path.isfile(p)), None)
    if installed is None:
        pytest.skip("no TrueType CJK font installed (scripts/setup.sh installs one)")
    env = {**os.environ, "WORKBENCH_PDF_FONT": f"{installed}#0"}
    probe_code = PROBE.replace("fonts.BUNDLED = None", "").replace(
        "fonts.CANDIDATES = ()", "fonts.CANDIDATES = (('/nonexistent.ttc', 0),)"
    )
    _name, path, embedded, warning = probe(probe_code, env)
    assert (path, embedded, warning) == (installed, True, None)

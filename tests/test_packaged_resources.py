"""Package data is reached through importlib.resources, so it is found wherever the
package lives — here from a zip, where no resource is a plain file, as in a frozen app.

``str(importlib.resources.files(...))`` happens to be a folder in a checkout and is
nothing on disk in a zip (or, depending on the freezer, in a frozen app): the translations
then silently fail to load and the window shows English with ``--lang zh_CN``. These
tests run the real loaders (Qt's translator, reportlab's font, the jurisdiction profile,
alembic's migrations) against ``workbench`` imported from a zip in a fresh interpreter.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, os, sys
import workbench
assert ".zip" in workbench.__file__, workbench.__file__

from PySide6.QtCore import QCoreApplication
from workbench.views.i18n import install_translators, current_language
app = QCoreApplication([])
language = install_translators("zh_CN", app)
file_menu = QCoreApplication.translate("MainWindow", "&File")

from workbench.reports.fonts import cjk_font
font = cjk_font()

from workbench.domain.profile import load_profile
profile = load_profile()

from workbench.store.migrate import head_revision
head = head_revision()

print(json.dumps({
    "language": language, "current": current_language(), "file_menu": file_menu,
    "font_path": font.path, "font_embedded": font.embedded,
    "font_exists": bool(font.path) and os.path.isfile(font.path),
    "profile": profile.id, "head": head,
}))
"""


def zip_package(target: Path) -> Path:
    """The workbench package (sources and data, no caches) as a zip importable by path."""
    archive = target / "workbench.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((ROOT / "workbench").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT).as_posix())
    return archive


@pytest.fixture(scope="module")
def zipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("zipped")
    archive = zip_package(folder)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WORKBENCH_PDF_FONT", "PYTHONPATH", "LANG", "LANGUAGE")
    }
    env.update({"PYTHONPATH": str(archive), "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=folder,  # not the checkout: `workbench` must come from the zip
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    result["archive"] = str(archive)
    return result


def test_translations_load_from_a_zipped_package(zipped: dict[str, object]) -> None:
    assert zipped["language"] == zipped["current"] == "zh_CN"
    assert zipped["file_menu"] == "文件(&F)"


def test_the_bundled_font_is_copied_out_of_a_zip_for_reportlab(
    zipped: dict[str, object],
) -> None:
    assert zipped["font_embedded"] is True and zipped["font_exists"] is True
    path = str(zipped["font_path"])
    assert path.endswith("wqy-microhei.ttc")
    assert not path.startswith(str(zipped["archive"]))  # a real file, not a zip member


def test_profiles_and_migrations_load_from_a_zipped_package(zipped: dict[str, object]) -> None:
    from workbench.store.migrate import head_revision

    assert zipped["profile"] == "prc-2016"
    assert zipped["head"] == head_revision()


def _str_of_files(tree: ast.AST) -> list[int]:
    """Lines calling ``str(files(...))`` / ``str(resources.files(...))`` (also via joinpath)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
            inner = node.args[0] if node.args else None
            while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
                if inner.func.attr == "files":
                    break
                inner = inner.func.value if isinstance(inner.func.value, ast.Call) else None
            if isinstance(inner, ast.Call):
                func = inner.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "files":
                    lines.append(node.lineno)
    return lines


def test_no_resource_is_reached_through_str_of_files() -> None:
    """The pattern that broke the frozen build stays out of the code base."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "workbench").rglob("*.py"))
        for line in _str_of_files(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
    # the check itself sees the old line
    assert _str_of_files(ast.parse('x = str(resources.files("workbench.resources"))')) == [1]
    assert _str_of_files(ast.parse('x = str(files("a").joinpath("b"))')) == [1]

"""What the PyInstaller specs bundle (packaging/spec_support.py): the runtime closure of
the installed project — so a dependency added to pyproject.toml is frozen without editing
the spec — and the trimming rules. The frozen build itself is checked by `make smoke`."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def support() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "spec_support", ROOT / "packaging" / "spec_support.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_support"] = module
    spec.loader.exec_module(module)
    return module


def declared(group: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {canonicalize_name(Requirement(t).name) for t in texts}


def test_every_declared_dependency_is_bundled_and_no_developer_tool(support: ModuleType) -> None:
    dists = support.runtime_distributions()
    assert declared() <= set(dists)  # a new dependency needs no edit of the spec
    assert not (declared("dev") | declared("package")) & set(dists)
    modules = support.hidden_imports(dists)
    for module in ("workbench", "sqlcipher3", "PySide6", "reportlab", "workbench.app"):
        assert module in modules


def test_postgres_drivers_stay_out_unless_depended_on(support: ModuleType) -> None:
    dists = support.runtime_distributions()
    excluded = support.excludes(dists)
    for driver in ("psycopg", "psycopg2"):
        assert (driver in excluded) == (canonicalize_name(driver) not in dists)
    assert "pytest" in excluded and "tkinter" in excluded


@pytest.mark.parametrize(
    ("dest", "source", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", "", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", "", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", "", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "", True),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "", True),
        ("PySide6/Qt/translations/qtbase_de.qm", "", False),
        ("pandas/tests/io/data/x.csv", "", False),
        ("workbench/resources/i18n/workbench_zh_CN.qm", "", True),
        ("libxcb-cursor.so.0", "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0", False),
        ("libfontconfig.so.1", "/lib/x86_64-linux-gnu/libfontconfig.so.1", False),
        ("libssl.so.3", "/usr/lib/x86_64-linux-gnu/libssl.so.3", True),
        ("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", False),
        (
            "libxcb-9065bb12.so.1.1.0",
            f"{sys.prefix}/lib/pillow.libs/libxcb-9065bb12.so.1.1.0",
            True,
        ),
    ],
)
def test_trimming_rules(support: ModuleType, dest: str, source: str, kept: bool) -> None:
    if sys.platform == "win32":
        pytest.skip("Linux layout")
    assert support.keep(dest, source) is kept

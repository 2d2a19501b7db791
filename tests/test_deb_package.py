"""`make deb`'s builder (packaging/build_deb.py) on a small stand-in for the frozen app:
the UOS layout under /opt/apps/<appid>/, the control fields, no maintainer scripts, the
sums file, and the check that refuses a bundled binary linking an undeclared system
library. The real app goes through the same code in `make deb` (CI) and smoke.sh."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import workbench

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_deb", ROOT / "packaging/build_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_deb"] = module
    spec.loader.exec_module(module)
    return module


def compile_library(folder: Path, *link: str, code: str = "int wb_x(void) { return 0; }\n") -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build a stand-in library")
    source = folder / "x.c"
    source.write_text(code)
    out = folder / "_internal" / "libwbx.so"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(out), str(source), *link], check=True)
    source.unlink()
    return out


def stand_in_app(folder: Path) -> Path:
    app = folder / "workbench"
    app.mkdir()
    for name in ("workbench", "workbench-gui"):
        (app / name).write_text("#!/bin/sh\necho frozen\n")
        (app / name).chmod(0o755)
    return app


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("deb")
    app = stand_in_app(folder)
    compile_library(app)  # links libc only: covered by libc6
    deb = load_builder().build(app, folder / "dist", folder / "work")
    return deb, folder / "dist"


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def test_the_package_is_named_by_the_appid_and_version(built: tuple[Path, Path]) -> None:
    deb, _ = built
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert deb.name == f"{workbench.APP_ID}_{workbench.__version__}_{arch}.deb"
    assert dpkg_deb("-f", str(deb), "Package").strip() == workbench.APP_ID
    assert dpkg_deb("-f", str(deb), "Version").strip() == workbench.__version__


def test_depends_declare_the_xcb_runtime(built: tuple[Path, Path]) -> None:
    depends = [d.strip() for d in dpkg_deb("-f", str(built[0]), "Depends").split(",")]
    for needed in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libegl1"):
        assert needed in depends


def test_everything_lives_under_opt_apps_and_no_script_runs(built: tuple[Path, Path]) -> None:
    deb, _ = built
    listing = [line.split()[-1] for line in dpkg_deb("-c", str(deb)).splitlines()]
    base = f"./opt/apps/{workbench.APP_ID}/"
    assert all(path.startswith(base) or base.startswith(path) for path in listing)
    for wanted in (
        "files/workbench",
        "files/workbench-gui",
        f"entries/applications/{workbench.APP_ID}.desktop",
        f"entries/icons/hicolor/48x48/apps/{workbench.APP_ID}.png",
        f"entries/icons/hicolor/scalable/apps/{workbench.APP_ID}.svg",
        "info",
    ):
        assert base + wanted in listing
    control_members = dpkg_deb("-I", str(deb))
    for script in ("preinst", "postinst", "prerm", "postrm", "config", "triggers"):
        assert f" {script}" not in control_members


def test_info_desktop_entry_and_sums(built: tuple[Path, Path], tmp_path: Path) -> None:
    deb, dist = built
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    base = tmp_path / "opt/apps" / workbench.APP_ID
    info = json.loads((base / "info").read_text(encoding="utf-8"))
    assert info["appid"] == workbench.APP_ID and info["version"] == workbench.__version__
    assert isinstance(info["arch"], list) and isinstance(info["permissions"], dict)
    desktop = (base / "entries/applications" / f"{workbench.APP_ID}.desktop").read_text("utf-8")
    assert f"Exec=/opt/apps/{workbench.APP_ID}/files/workbench-gui %f" in desktop
    assert f"Icon={workbench.APP_ID}" in desktop and "@" not in desktop
    assert "Name[zh_CN]=专案组工作台" in desktop
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(base / "entries/applications")], check=True)
    assert (base / "files/workbench").stat().st_mode & 0o777 == 0o755
    digest = hashlib.sha256(deb.read_bytes()).hexdigest()
    assert (dist / "SHA256SUMS").read_text() == f"{digest}  {deb.name}\n"


def test_an_undeclared_system_library_is_refused(tmp_path: Path) -> None:
    app = stand_in_app(tmp_path)
    uses_zlib = "const char *zlibVersion(void);\nconst char *wb_x(void) { return zlibVersion(); }\n"
    compile_library(app, "-l:libz.so.1", code=uses_zlib)  # zlib1g is not a declared Depends
    builder = load_builder()
    with pytest.raises(builder.PackagingError, match="zlib1g"):
        builder.build(app, tmp_path / "dist", tmp_path / "work")
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.deb"))


def test_a_folder_without_the_frozen_app_is_refused(tmp_path: Path) -> None:
    builder = load_builder()
    with pytest.raises(builder.PackagingError, match="make package"):
        builder.build(tmp_path, tmp_path / "dist", tmp_path / "work")

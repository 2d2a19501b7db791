"""`make deb`: the frozen app (dist/workbench/) as a Debian package laid out the UOS way.

    dist/<appid>_<version>_<arch>.deb      and dist/SHA256SUMS beside it

Everything lives under /opt/apps/<appid>/ (UOS / deepin application packaging rules,
followed by Kylin too):

    files/                                   the PyInstaller folder (workbench, workbench-gui)
    entries/applications/<appid>.desktop     from resources/workbench.desktop.in
    entries/icons/hicolor/<N>x<N>/apps/<appid>.png, scalable/apps/<appid>.svg
    info                                     JSON: appid, name, version, arch, permissions

No maintainer scripts: installing changes nothing outside /opt/apps/<appid>/ (the UOS
desktop links entries/ into its menus itself). Depends come from packaging/deb/depends,
checked against what the bundled binaries really link (ldd + dpkg -S on this machine).

Standard library only: runs with any Python 3.12 (`python3 packaging/build_deb.py`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAME = "Task Force Workbench"
NAME_ZH = "专案组工作台"
SUMMARY = "encrypted case files for narcotics task forces"
DESCRIPTION = """\
 Task Force Workbench holds a task force's case files (suspects, vehicles, seized
 drugs, cash, locations, events and their links) in one encrypted SQLCipher database,
 keeps a hash-chained audit trail of every edit, draws timelines and exports the
 prosecution package as PDF. Interface in Simplified Chinese and English.
 .
 Self-contained: Python and its libraries are inside /opt/apps/APPID/files; the
 command line is /opt/apps/APPID/files/workbench, the window workbench-gui."""


class PackagingError(Exception):
    """Something the .deb cannot be built without; the message says what to do."""


def project_value(name: str) -> str:
    """``__version__`` or ``APP_ID`` from workbench/__init__.py (read, not imported)."""
    text = (ROOT / "workbench" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(rf'^{name}\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise PackagingError(f"workbench/__init__.py defines no {name}")
    return match.group(1)


def read_depends(path: Path) -> list[str]:
    """Depends entries (``a | b`` alternatives kept as written), comments dropped."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


# -- the tree ---------------------------------------------------------------------------


def stage(app_dir: Path, root: Path, appid: str, version: str, arch: str) -> Path:
    """Lay out /opt/apps/<appid>/ under ``root``; returns that folder."""
    if root.exists():
        shutil.rmtree(root)
    base = root / "opt" / "apps" / appid
    shutil.copytree(app_dir, base / "files", symlinks=True)
    entries = base / "entries"
    (entries / "applications").mkdir(parents=True)
    exec_path = f"/opt/apps/{appid}/files/workbench-gui"
    desktop = (RESOURCES / "workbench.desktop.in").read_text(encoding="utf-8")
    desktop = desktop.replace("@EXEC@", exec_path).replace("@ICON@", appid)
    desktop = desktop.replace("@APPID@", appid)
    if "@" in desktop:
        raise PackagingError("resources/workbench.desktop.in has an unfilled @NAME@ marker")
    (entries / "applications" / f"{appid}.desktop").write_text(desktop, encoding="utf-8")
    icons = entries / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps" / f"{appid}.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(RESOURCES / "icons" / f"workbench-{size}.png", target)
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(
        RESOURCES / "icons" / "workbench.svg", icons / "scalable" / "apps" / f"{appid}.svg"
    )
    info = {
        "appid": appid,
        "name": NAME,
        "name_zh_CN": NAME_ZH,
        "version": version,
        "arch": [arch],
        "permissions": {
            "autostart": False,
            "notification": False,
            "trayicon": False,
            "clipboard": True,
            "account": False,
            "bluetooth": False,
            "camera": False,
            "audio_record": False,
            "installed_apps": False,
        },
    }
    (base / "info").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", "utf-8")
    normalise_modes(root)
    return base


def normalise_modes(root: Path) -> None:
    """Directories 0755, executables 0755, everything else 0644 (owner root at build)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


# -- which system packages the bundled binaries link -------------------------------------


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return sorted(found)


def direct_needs(elf: Path) -> set[str]:
    """The sonames ``elf`` itself links (DT_NEEDED), not what those link in turn: a
    system library's own dependencies are its package's business."""
    out = subprocess.run(["objdump", "-p", str(elf)], capture_output=True, text=True).stdout
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")}


def system_libraries(files_dir: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(system library path → bundled files linking it directly, missing soname → files).

    Resolved as the app runs: PyInstaller's bootloader puts its _internal folder on the
    library path, so bundled copies win over the system's.
    """
    internal = files_dir / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    linked: dict[str, set[str]] = {}
    missing: dict[str, set[str]] = {}
    for elf in elf_files(files_dir):
        out = subprocess.run(
            ["ldd", str(elf)], capture_output=True, text=True, env=env, check=False
        ).stdout
        resolved = {}
        for line in out.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if arrow:
                resolved[name] = rest.split(" (")[0].strip()
        who = str(elf.relative_to(files_dir))
        for name in direct_needs(elf):
            target = resolved.get(name, "")
            if target == "not found":
                missing.setdefault(name, set()).add(who)
            elif target and not Path(target).resolve().is_relative_to(files_dir.resolve()):
                linked.setdefault(target, set()).add(who)
    return linked, missing


def owning_package(path: str) -> str | None:
    """The installed Debian package that owns ``path`` (following /lib → /usr/lib)."""
    candidates = {path, str(Path(path).resolve())}
    candidates |= {c.replace("/usr/lib/", "/lib/", 1) for c in list(candidates)}
    candidates |= {c.replace("/lib/", "/usr/lib/", 1) for c in list(candidates)}
    for candidate in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return None


def check_depends(files_dir: Path, depends: list[str]) -> list[str]:
    """Fail when a bundled binary links a system library that no Depends entry covers;
    returns notes (unowned libraries, libraries missing on this build machine)."""
    declared = {alt.strip().split()[0] for entry in depends for alt in entry.split("|")}
    linked, missing = system_libraries(files_dir)
    undeclared: dict[str, list[str]] = {}
    notes = []
    for library, users in sorted(linked.items()):
        package = owning_package(library)
        if package is None:
            notes.append(f"{library} (used by {min(users)}) belongs to no Debian package")
        elif package.split(":")[0] not in declared:
            undeclared.setdefault(package, []).append(f"{library} (used by {min(users)})")
    for soname, users in sorted(missing.items()):
        notes.append(f"{soname} not installed on this build machine (used by {min(users)})")
    if undeclared:
        lines = [f"  {pkg}: {'; '.join(libs)}" for pkg, libs in sorted(undeclared.items())]
        raise PackagingError(
            "bundled binaries link system libraries of packages missing from "
            "packaging/deb/depends (add them, or bundle the library):\n" + "\n".join(lines)
        )
    return notes


# -- control, md5sums, the archive ------------------------------------------------------


def write_control(root: Path, appid: str, version: str, arch: str, depends: list[str]) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    size_kib = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    control = (
        f"Package: {appid}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Task Force Workbench project <workbench@localhost>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {NAME} — {SUMMARY}\n"
        f"{DESCRIPTION.replace('APPID', appid)}\n"
    )
    (debian / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root)
        if relative.parts[0] != "DEBIAN":
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    for path in debian.iterdir():
        path.chmod(0o644)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(app_dir: Path, dist: Path, work: Path, *, check: bool = True) -> Path:
    if not (app_dir / "workbench").is_file() or not (app_dir / "workbench-gui").is_file():
        raise PackagingError(f"{app_dir} holds no frozen app: run 'make package' first")
    appid, version, arch = project_value("APP_ID"), project_value("__version__"), architecture()
    if appid != appid.lower() or not re.fullmatch(r"[a-z0-9]+(\.[a-z0-9-]+){2,}", appid):
        raise PackagingError(f"APP_ID {appid!r} is not a lower-case reverse-domain name")
    depends = read_depends(ROOT / "packaging" / "deb" / "depends")
    root = work / "root"
    base = stage(app_dir, root, appid, version, arch)
    if check:
        for note in check_depends(base / "files", depends):
            print(f"deb: note: {note}", file=sys.stderr)
    write_control(root, appid, version, arch, depends)
    dist.mkdir(parents=True, exist_ok=True)
    deb = dist / f"{appid}_{version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    # xz: every dpkg reads it (UOS 20 / Debian 10's dpkg predates zstd).
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (dist / "SHA256SUMS").write_text(f"{sha256(deb)}  {deb.name}\n", encoding="utf-8")
    shutil.rmtree(root)
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--app", type=Path, default=ROOT / "dist" / "workbench")
    p.add_argument("--dist", type=Path, default=ROOT / "dist")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    p.add_argument("--no-check", action="store_true", help="skip the ldd/dpkg check of the Depends")
    args = p.parse_args(argv)
    try:
        deb = build(args.app, args.dist, args.work, check=not args.no_check)
    except PackagingError as exc:
        print(f"deb: error: {exc}", file=sys.stderr)
        return 1
    print(f"deb: {deb} ({deb.stat().st_size / 1e6:.1f} MB); sums in {deb.parent / 'SHA256SUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# `make package`: the frozen one-folder app in dist/workbench/ (PyInstaller).
#
# Built from a clean, non-editable build venv (build/package-venv) made from
# constraints.txt, never from the developer's .venv: what is bundled is exactly what the
# pinned runtime dependencies install, plus PyInstaller itself (the `package` extra).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_VENV=${BUILD_VENV:-build/package-venv}
DIST=${DIST:-dist}
PYTHON=${PYTHON:-}

find_python() {
    for candidate in "$PYTHON" .venv/bin/python python3 python3.12 python3.13; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
        # The venv's own interpreter: a venv made from another venv's python is a venv of
        # the base interpreter (sys._base_executable), which is what we want.
        if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
            "$candidate" -c 'import sys; print(getattr(sys, "_base_executable", sys.executable))'
            return 0
        fi
    done
    echo "package: error: Python 3.12 or newer is required" >&2
    return 1
}

# PyInstaller needs objdump (binutils) and ldd on Linux to find shared libraries.
if [ "$(uname)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null
    else
        echo "package: error: PyInstaller needs objdump: install binutils" >&2
        exit 1
    fi
fi

stamp="$BUILD_VENV/.installed"
if [ ! -x "$BUILD_VENV/bin/python" ]; then
    py=$(find_python)
    echo "package: build venv $BUILD_VENV from $("$py" --version)"
    "$py" -m venv "$BUILD_VENV"
    "$BUILD_VENV/bin/python" -m pip install --quiet --upgrade pip
fi
if [ ! -f "$stamp" ] || [ constraints.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$BUILD_VENV/bin/python" -m pip install --quiet -c constraints.txt ".[package]"
    touch "$stamp"
fi
# The project itself, non-editable and fresh every build: its wheel is what is frozen
# (so pyproject's package-data decides which data files exist, as for any install).
"$BUILD_VENV/bin/python" -m pip install --quiet --no-deps --force-reinstall --no-cache-dir .
# Nothing of the developer tools may sneak in through the build venv.
if "$BUILD_VENV/bin/python" -m pip show --quiet pytest mypy ruff 2>/dev/null; then
    echo "package: error: $BUILD_VENV holds developer tools; delete it and build again" >&2
    exit 1
fi

start=$(date +%s)
# Run from build/ so that the checkout's workbench/ is not importable by accident: the
# analysis must see the installed (non-editable) copy.
(
    cd build
    "../$BUILD_VENV/bin/pyinstaller" --noconfirm --log-level WARN \
        --distpath "../$DIST" --workpath pyinstaller ../packaging/workbench.spec
)
echo "package: built $DIST/workbench in $(($(date +%s) - start)) s," \
    "$(du -sm "$DIST/workbench" | cut -f1) MB"

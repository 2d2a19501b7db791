#!/usr/bin/env bash
# Set up a workstation or CI machine: Python check, virtualenv, pinned packages, and
# the system packages the workbench needs (a CJK font; PDF tools for looking at output).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}

find_python() {
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 \
        "$HOME/.pyenv/versions/3.12"*/bin/python3 "$HOME/.pyenv/versions/3.13"*/bin/python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
        if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
    if ! PY=$(find_python); then
        echo "error: Python 3.12 or newer is required (found $(python3 --version 2>&1))." >&2
        echo "       PySide6 6.12 crashes under Python 3.11 ('Fatal Python error: none_dealloc')." >&2
        echo "       With pyenv: 'pyenv install 3.12' — .python-version selects it here." >&2
        exit 1
    fi
    echo "setup: using $("$PY" --version) at $(command -v "$PY" || echo "$PY")"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
fi
echo "setup: $("$VENV/bin/python" --version) in $VENV"

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ constraints.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[dev]"
    touch "$stamp"
fi

# System packages: a CJK font for the window and the PDF, poppler/qpdf to inspect PDFs,
# and the libraries Qt's offscreen platform loads.
need=()
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need+=(fonts-wqy-microhei fontconfig)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# PostgreSQL's server (initdb, pg_ctl): the test suite and `make server-demo` start a
# throwaway cluster with it (the app itself needs only a reachable server).
{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } \
    || need+=(postgresql)
ldconfig -p 2>/dev/null | grep -q libEGL.so.1 || need+=(libegl1)
ldconfig -p 2>/dev/null | grep -q libxkbcommon.so.0 || need+=(libxkbcommon0)
ldconfig -p 2>/dev/null | grep -q libfontconfig.so.1 || need+=(libfontconfig1)
ldconfig -p 2>/dev/null | grep -q libGL.so.1 || need+=(libgl1)
ldconfig -p 2>/dev/null | grep -q libdbus-1.so.3 || need+=(libdbus-1-3)
# What Qt's xcb platform (a real window on an X11 desktop) links beyond that: since Qt 6.5
# libxcb-cursor0, and the xcb-util set. Without them `make run` aborts at the first window.
for lib in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
    libxcb-image.so.0:libxcb-image0 libxcb-keysyms.so.1:libxcb-keysyms1 \
    libxcb-randr.so.0:libxcb-randr0 libxcb-render-util.so.0:libxcb-render-util0 \
    libxcb-shape.so.0:libxcb-shape0 libxcb-xinerama.so.0:libxcb-xinerama0 \
    libxcb-xkb.so.1:libxcb-xkb1 libxcb-util.so.1:libxcb-util1 \
    libxkbcommon-x11.so.0:libxkbcommon-x11-0 libX11-xcb.so.1:libx11-xcb1; do
    ldconfig -p 2>/dev/null | grep -q "${lib%%:*}" || need+=("${lib##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${need[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
    else
        echo "setup: warning: please install ${need[*]} (Chinese text needs a CJK font)" >&2
    fi
fi

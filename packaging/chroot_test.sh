#!/usr/bin/env bash
# Install the .deb on a clean Debian root and run the installed app there: the check that
# its Depends are enough on a machine that has never seen Python or Qt.
#
#   packaging/chroot_test.sh ROOT [DEB]
#
# ROOT: a clean root made with `debootstrap --variant=minbase bookworm ROOT` (needs root;
# `apt-get install debootstrap`). The root is changed (the package and its dependencies
# are installed): make a fresh one per run. DEB defaults to the one in dist/.
#
# Steps: `dpkg -i` (which stops on the missing dependencies, as on any clean machine),
# `apt-get -f install` (brings exactly the declared Depends), packaging/smoke.sh through
# `chroot` against /opt/apps/<appid>/files, then the window on a real X server (Xvfb on
# the host, its socket bound into the root) with the xcb platform, then the same with
# libxcb-cursor0 removed: the app must name the missing library and exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(realpath "$1")
DEB=$(realpath "${2:-$(ls dist/*.deb | head -1)}")
APPID=$(dpkg-deb -f "$DEB" Package)
APP=/opt/apps/$APPID/files
DISPLAY_NUMBER=${DISPLAY_NUMBER:-77}

mounted=()
cleanup() {
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for fs in proc dev tmp/.X11-unix; do
    mkdir -p "$ROOT/$fs"
done
mount -t proc proc "$ROOT/proc" && mounted+=("$ROOT/proc")
mount --bind /dev "$ROOT/dev" && mounted+=("$ROOT/dev")
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

echo "chroot: dpkg -i $(basename "$DEB") on a clean root (expected to stop on Depends)"
cp "$DEB" "$ROOT/tmp/app.deb"
chroot "$ROOT" dpkg -i /tmp/app.deb >/dev/null 2>&1 || true
chroot "$ROOT" dpkg -s "$APPID" 2>/dev/null | grep '^Status' || true
echo "chroot: apt-get -f install (the declared Depends)"
chroot "$ROOT" apt-get update -qq
DEBIAN_FRONTEND=noninteractive chroot "$ROOT" apt-get -f install -y -qq --no-install-recommends >/dev/null
chroot "$ROOT" dpkg -s "$APPID" | grep '^Status'
echo "chroot: installed $(chroot "$ROOT" du -sh /opt/apps/"$APPID" | cut -f1) in /opt/apps/$APPID;" \
    "$(chroot "$ROOT" dpkg-query -W -f '${binary:Package}\n' | wc -l) packages on the root"

echo "chroot: smoke test of the installed app"
rm -rf "$ROOT/tmp/smoke"
SMOKE_RUN="chroot $ROOT" SMOKE_DIR="$ROOT/tmp/smoke" SMOKE_APP_DIR=/tmp/smoke \
    bash packaging/smoke.sh "$APP"

echo "chroot: the window on a real X server (Xvfb :$DISPLAY_NUMBER, xcb platform)"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1024x700x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.1; done
mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix" && mounted+=("$ROOT/tmp/.X11-unix")
xcb() {
    chroot "$ROOT" env DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb \
        WORKBENCH_PASSPHRASE=smoke-passphrase WORKBENCH_USER=smoke WORKBENCH_LOG_DIR=/tmp/smoke/log \
        "$APP/workbench-gui" --db /tmp/smoke/smoke.db --case PDS-2019-001 --lang zh_CN \
        --screenshot /tmp/smoke/xcb.png --json
}
if xcb >"$ROOT/tmp/smoke/xcb.json" 2>"$ROOT/tmp/smoke/xcb.err" &&
    grep -q '"platform": "xcb"' "$ROOT/tmp/smoke/xcb.json"; then
    echo "chroot: xcb window ok ($ROOT/tmp/smoke/xcb.png)"
else
    echo "chroot: FAILED: xcb window: $(cat "$ROOT/tmp/smoke/xcb.err")"
    exit 1
fi

echo "chroot: libxcb-cursor0 removed: the first start must name it"
chroot "$ROOT" dpkg -r --force-depends libxcb-cursor0 >/dev/null 2>&1
set +e
xcb >/dev/null 2>"$ROOT/tmp/smoke/no-cursor.err"
code=$?
set -e
cat "$ROOT/tmp/smoke/no-cursor.err"
DEBIAN_FRONTEND=noninteractive chroot "$ROOT" apt-get install -y -qq libxcb-cursor0 >/dev/null
if [ "$code" = 1 ] && grep -q "libxcb-cursor.so.0" "$ROOT/tmp/smoke/no-cursor.err" &&
    grep -q "apt install libxcb-cursor0" "$ROOT/tmp/smoke/no-cursor.err"; then
    echo "chroot: missing library named, exit $code"
else
    echo "chroot: FAILED: exit $code, message above"
    exit 1
fi
echo "chroot: all done"

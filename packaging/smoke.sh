#!/usr/bin/env bash
# The frozen app's smoke test: runs the built executables the way a workstation would and
# checks what they produce against the demo's published figures (DESIGN.md).
#
#   packaging/smoke.sh [APP_DIR]        APP_DIR: the folder holding `workbench` and
#                                       `workbench-gui` (default dist/workbench)
#
# For an installed .deb inside a chroot: SMOKE_RUN="chroot ROOT" runs each command there,
# APP_DIR is the path inside it (/opt/apps/<appid>/files), SMOKE_DIR a folder on the host
# that the chroot sees as SMOKE_APP_DIR (e.g. SMOKE_DIR=ROOT/tmp/smoke SMOKE_APP_DIR=/tmp/smoke).
#
# Checks: demo; cases; case show --json (the three demo cases' figures); export-pdf in
# Chinese (every font embedded, Chinese text extractable, qpdf --check); gui --screenshot
# --json from both executables in zh_CN and en (the Chinese catalogue really loaded: the
# menu titles read back, the bundled CJK font first); audit verify. Needs python3 (for
# JSON), pdffonts/pdftotext (poppler-utils) and qpdf on the host.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_DIR=${1:-dist/workbench}
SMOKE_DIR=${SMOKE_DIR:-$(mktemp -d /tmp/workbench-smoke.XXXXXX)}
SMOKE_APP_DIR=${SMOKE_APP_DIR:-$SMOKE_DIR}
read -r -a RUN <<<"${SMOKE_RUN:-}"
mkdir -p "$SMOKE_DIR"
export WORKBENCH_PASSPHRASE=${WORKBENCH_PASSPHRASE:-smoke-passphrase}
export WORKBENCH_USER=${WORKBENCH_USER:-smoke}
export WORKBENCH_LOG_DIR=$SMOKE_APP_DIR/log
export QT_QPA_PLATFORM=offscreen
DB=$SMOKE_APP_DIR/smoke.db
passed=0
failed=0

step() { printf 'smoke: %-52s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; passed=$((passed + 1)); }
fail() {
    echo "FAILED: $1"
    failed=$((failed + 1))
}
wb() { "${RUN[@]}" "$APP_DIR/workbench" "$@"; }
wb_gui() { "${RUN[@]}" "$APP_DIR/workbench-gui" "$@"; }
# check FILE PYTHON-EXPRESSION-ON-data DESCRIPTION
check_json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(" ".join(sys.argv[2].split()), {"data": data}) else 1)
PY
}

step "version"
if version=$(wb --version 2>&1); then ok "$version"; else fail "$version"; fi

step "demo"
start=$(date +%s%N)
if wb demo --db "$DB" --force >"$SMOKE_DIR/demo.txt" 2>"$SMOKE_DIR/demo.err"; then
    ok "$(( ($(date +%s%N) - start) / 1000000 )) ms"
else fail "$(cat "$SMOKE_DIR/demo.err")"; fi

step "cases --json"
if wb cases --db "$DB" --json >"$SMOKE_DIR/cases.json" 2>"$SMOKE_DIR/cases.err" &&
    check_json "$SMOKE_DIR/cases.json" \
        'sorted(c["code"] for c in data) == ["PDS-2019-001", "PDS-2019-002", "PDS-2019-003"]'; then
    ok
else fail "expected the three demo cases: $(cat "$SMOKE_DIR/cases.json" "$SMOKE_DIR/cases.err")"; fi

# The demo's figures as DESIGN.md gives them (from the newspaper article).
declare -A FIGURES=(
    [PDS-2019-001]='data["counts"]["suspects"] == 25 and data["counts"]["arrested"] == 25 and data["counts"]["vehicles"] == 10
        and data["drug_totals_g"] == {"methamphetamine": "26000"}
        and data["cash_total_cny"] == "2060000.00" and data["level"] == "ministry_target"'
    [PDS-2019-002]='data["counts"]["persons"] == 16 and data["counts"]["arrested"] == 15
        and data["counts"]["vehicles"] == 3
        and data["drug_totals_g"] == {"methamphetamine": "10000"}
        and data["cash_total_cny"] == "1500000.00" and data["level"] == "ministry_target"'
    [PDS-2019-003]='data["counts"]["persons"] == 10 and data["counts"]["suspects"] == 2
        and data["measures"].get("compulsory_isolation") == 2
        and data["measures"].get("criminal_detention") == 2
        and data["measures"].get("administrative_detention") == 6'
)
for code in PDS-2019-001 PDS-2019-002 PDS-2019-003; do
    step "case show $code --json"
    out=$SMOKE_DIR/$code.json
    if wb case show --db "$DB" "$code" --json >"$out" 2>"$SMOKE_DIR/$code.err" &&
        check_json "$out" "${FIGURES[$code]}"; then
        ok
    else fail "figures differ from the demo: $(head -c 600 "$out") $(cat "$SMOKE_DIR/$code.err")"; fi
done

step "export-pdf --lang zh_CN"
pdf=$SMOKE_DIR/PDS-2019-001.pdf
if wb export-pdf --db "$DB" --case PDS-2019-001 --out "$SMOKE_APP_DIR/PDS-2019-001.pdf" \
    --lang zh_CN >"$SMOKE_DIR/pdf.txt" 2>"$SMOKE_DIR/pdf.err"; then
    fonts=$(pdffonts "$pdf" | tail -n +3)
    text=$(pdftotext -l 3 "$pdf" -)
    if [ -z "$fonts" ]; then
        fail "no fonts in the PDF"
    elif echo "$fonts" | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit !bad }'; then
        fail "a font is not embedded: $fonts"
    elif ! echo "$fonts" | grep -q WenQuanYiMicroHei; then
        fail "the bundled CJK font is not the one used: $fonts"
    elif ! grep -q "移送审查起诉材料" <<<"$text" || ! grep -q "库某、李某等人制造、贩卖毒品案" <<<"$text"; then
        fail "Chinese text not extractable: $(head -c 300 <<<"$text")"
    elif ! qpdf --check "$pdf" >/dev/null 2>&1; then
        fail "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -2)"
    else
        ok "$(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages, fonts embedded"
    fi
else fail "$(cat "$SMOKE_DIR/pdf.err")"; fi

# shot NAME LANG MENU EXECUTABLE...: the window offscreen; the catalogue and font checked
# from what the window reports (--json), the PNG checked for being a picture.
shot() {
    local name=$1 lang=$2 menu=$3
    shift 3
    step "$name --lang $lang --screenshot"
    local png=$SMOKE_DIR/$name-$lang.png json=$SMOKE_DIR/$name-$lang.json
    if "$@" --db "$DB" --case PDS-2019-001 --view overview --lang "$lang" \
        --screenshot "$SMOKE_APP_DIR/$name-$lang.png" --json >"$json" 2>"$SMOKE_DIR/$name.err" &&
        check_json "$json" "data['language'] == '$lang' and '$menu' in data['menus']
            and data['font_family'] == 'WenQuanYi Micro Hei'" &&
        [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
        [ "$(stat -c %s "$png")" -gt 20000 ]; then
        ok "menus $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["menus"]))' "$json")"
    else fail "$(cat "$json" "$SMOKE_DIR/$name.err" 2>/dev/null | head -c 800)"; fi
}
shot gui zh_CN "文件(&F)" wb gui
shot gui en "&File" wb gui
shot workbench-gui zh_CN "文件(&F)" wb_gui

step "audit verify --json"
if wb audit verify --db "$DB" --json >"$SMOKE_DIR/audit.json" 2>"$SMOKE_DIR/audit.err" &&
    check_json "$SMOKE_DIR/audit.json" 'data.get("ok") is True'; then
    ok
else fail "$(cat "$SMOKE_DIR/audit.json" "$SMOKE_DIR/audit.err")"; fi

echo "smoke: outputs in $SMOKE_DIR"
echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]

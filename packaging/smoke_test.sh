#!/usr/bin/env bash
# Prove the built app runs on its own: copy dist/kms-planner away from the source tree and run
# it with an empty environment (no PYTHONPATH, no virtualenv, no HOME config, no display).
# Usage: bash packaging/smoke_test.sh [path/to/dist/kms-planner]
set -euo pipefail
if [ $# -gt 0 ]; then bundle=$(cd "$1" && pwd); fi   # a path relative to where it was called from
cd "$(dirname "$0")/.."
bundle="${bundle:-$PWD/dist/kms-planner}"
[ -x "$bundle/kms-planner" ] || { echo "smoke_test: no $bundle/kms-planner; run packaging/build.sh" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -a "$bundle" "$tmp/app"
cd "$tmp"   # away from the source tree: nothing may be imported from it
app="$tmp/app/kms-planner"
run() { env -i HOME="$tmp" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 timeout 120 "$@"; }
passed=0
skipped=0
fail() { echo "smoke_test: FAIL: $*" >&2; echo "smoke_test: $passed passed, 1 failed"; exit 1; }

out=$(run "$app" --version) || fail "--version exited $?"
[[ "$out" == "kms-planner "* ]] || fail "--version printed: $out"
echo "ok  --version: $out"
passed=$((passed + 1))

sample="$tmp/app/_internal/resources/samples/growing-saas.kmsplan"
[ -f "$sample" ] || fail "the samples are not bundled ($sample)"
out=$(run "$app" quote "$sample" --format json 2>"$tmp/err") || fail "quote exited $?: $(cat "$tmp/err")"
grep -q '"cheapest"' <<<"$out" || fail "quote printed no cheapest option"
echo "ok  quote growing-saas.kmsplan (bundled sample, bundled price catalog)"
passed=$((passed + 1))

code=0
run "$app" quote "$tmp/missing.kmsplan" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "quote of a missing file exited $code, expected 2"
! grep -q Traceback "$tmp/err" || fail "quote of a missing file printed a traceback"
echo "ok  refused input exits 2 without a traceback"
passed=$((passed + 1))

# Exports: the workbook (openpyxl), the chart (pyqtgraph exporters, QtSvg) and the handout (QPdfWriter).
if run "$app" export "$sample" --xlsx "$tmp/plan.xlsx" --png "$tmp/chart.png" --svg "$tmp/chart.svg" \
     --pdf "$tmp/handout.pdf" >"$tmp/out" 2>&1; then
  for f in plan.xlsx chart.png chart.svg handout.pdf; do [ -s "$tmp/$f" ] || fail "export wrote no $f"; done
  [ "$(head -c 2 "$tmp/plan.xlsx")" = PK ] || fail "the workbook is not a zip (xlsx) file"
  [ "$(head -c 4 "$tmp/handout.pdf")" = %PDF ] || fail "the handout is not a PDF"
  grep -q "<svg" "$tmp/chart.svg" || fail "the chart SVG has no <svg>"
  echo "ok  export: workbook, PNG and SVG chart, PDF handout"
  passed=$((passed + 1))
elif grep -q "No module named 'desktop.export_cli'" "$tmp/out"; then
  echo "skip export: this build has no desktop/export_cli.py yet"
  skipped=$((skipped + 1))
else
  cat "$tmp/out" >&2
  fail "export failed"
fi

# The GUI: --screenshot opens the main window offscreen, saves it and exits.
if run "$app" --screenshot "$tmp/shot.png" >"$tmp/out" 2>&1; then
  [ -s "$tmp/shot.png" ] || fail "--screenshot wrote no PNG"
  [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "--screenshot did not write a PNG"
  echo "ok  --screenshot: $(stat -c %s "$tmp/shot.png") bytes"
passed=$((passed + 1))
  if [ -n "${SMOKE_SHOT_DIR:-}" ]; then cp "$tmp/shot.png" "$SMOKE_SHOT_DIR/frozen-screenshot.png"; fi
elif grep -q "No module named 'desktop.app'" "$tmp/out"; then
  echo "skip --screenshot: this build has no desktop/app.py yet"
  skipped=$((skipped + 1))
else
  cat "$tmp/out" >&2
  fail "--screenshot failed"
fi
# A real X11 window (the xcb platform plugin and the desktop's own X libraries), when Xvfb is here.
if command -v xvfb-run >/dev/null 2>&1 && command -v xwininfo >/dev/null 2>&1; then
  cat >"$tmp/x11.sh" <<'X11'
env -i HOME="$1" PATH=/usr/bin:/bin DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" LANG=C.UTF-8 \
  QT_QPA_PLATFORM=xcb "$2" >"$1/x11.log" 2>&1 &
app=$!
for _ in $(seq 60); do
  if xwininfo -root -tree | grep -q -- "— KMS Cost Planner\": (\"kms-planner\""; then kill $app; exit 0; fi
  kill -0 $app 2>/dev/null || break
  sleep 0.5
done
kill $app 2>/dev/null
exit 1
X11
  if timeout 90 xvfb-run -a -s "-screen 0 1440x900x24" bash "$tmp/x11.sh" "$tmp" "$app"; then
    echo "ok  X11: the main window opened on an X server (xcb)"
    passed=$((passed + 1))
  else
    cat "$tmp/x11.log" >&2
    fail "the main window did not open on an X server"
  fi
else
  echo "skip X11: no xvfb-run or xwininfo here"
  skipped=$((skipped + 1))
fi

echo "The standalone app works without the source tree."
echo "smoke_test: $passed passed, 0 failed$([ "$skipped" = 0 ] || echo ", $skipped skipped")"

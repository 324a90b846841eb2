#!/usr/bin/env bash
# Build the standalone one-folder app: dist/kms-planner/kms-planner (no Python needed to run it).
# Usage: bash packaging/build.sh   (then: dist/kms-planner/kms-planner --version)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

# PyInstaller comes with the project's `package` extra.
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
  "$PY" -m pip install -q -e '.[package]'
fi
# On Linux PyInstaller reads binaries with objdump (binutils).
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null
  else
    echo "build.sh: PyInstaller needs objdump: install binutils" >&2
    exit 1
  fi
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/kms-planner.spec
app=dist/kms-planner/kms-planner
[ -x "$app" ] || { echo "build.sh: $app was not built" >&2; exit 1; }

size=$(du -sh dist/kms-planner | cut -f1)
files=$(find dist/kms-planner -type f | wc -l)
echo "Built $app in $(( $(date +%s) - start )) s: bundle $size ($files files) in dist/kms-planner/"

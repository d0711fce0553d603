#!/usr/bin/env bash
# Sizes and start-up times of the Linux builds beside the source tree.
#   bash benchmarks/installer_bench.sh [RUNS]
# Builds dist/duban, the .deb (xz, as shipped) and the portable zip when they are missing (REBUILD=1
# forces it), then times `extract SAMPLE --json` and `--screenshot OUT.png` (offscreen) RUNS times
# (default 5) for the bundle and for `python3 main.py`. "first" is the first run; with DROP_CACHES=1
# (root only; it empties the page cache of the whole machine) it is a true cold start. "median" is of
# the runs after it. Data goes to a throw-away folder; a run taking over 120 s counts as failed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-5}
PY=${PYTHON:-python3}
DIST=$ROOT/dist
cd "$ROOT"

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }

if [ "${REBUILD:-0}" = 1 ] || [ ! -x "$DIST/duban/duban" ]; then
  build_start=$(date +%s.%N)
  REBUILD=0 bash installers/build_linux.sh >/dev/null
  echo "PyInstaller build: $(elapsed "$build_start" "$(date +%s.%N)") s"
fi
VERSION=$("$PY" -c 'import app; print(app.__version__)')
DEB=$DIST/duban-desk_${VERSION}_$(dpkg --print-architecture).deb
ZIP=$DIST/duban-desk-$VERSION-portable-linux-$(uname -m).zip
[ -f "$DEB" ] || bash installers/build_deb.sh >/dev/null
[ -f "$ZIP" ] || bash installers/build_portable.sh >/dev/null

echo "bundle dist/duban: $(du -sh "$DIST/duban" | cut -f1)"
echo ".deb $(basename "$DEB"): $(du -h "$DEB" | cut -f1)"
echo "portable $(basename "$ZIP"): $(du -h "$ZIP" | cut -f1)"

SAMPLE=$(ls resources/samples/*.txt | head -1)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export DUBAN_DATA_DIR=$TMP/data QT_QPA_PLATFORM=offscreen LANG=C.UTF-8

drop_caches() {
  if [ "${DROP_CACHES:-0}" = 1 ] && sync && { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
    echo dropped
  else
    echo kept
  fi
}

seconds() {  # seconds one command takes, its output discarded
  local start end
  start=$(date +%s.%N)
  timeout 120 "$@" >/dev/null 2>&1 || { echo "失败：$*" >&2; exit 1; }
  end=$(date +%s.%N)
  elapsed "$start" "$end"
}

measure() {  # label, command...: first run, then the median of RUNS runs
  local label=$1 caches first times median
  shift
  caches=$(drop_caches)
  first=$(seconds "$@")
  times=$(for _ in $(seq "$RUNS"); do seconds "$@"; done | sort -n)
  median=$(echo "$times" | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%-28s first %6.2f s (caches %s)   median of %d %6.2f s\n' "$label" "$first" "$caches" "$RUNS" "$median"
}

measure "bundle extract" "$DIST/duban/duban" extract "$SAMPLE" --json
measure "source extract" "$PY" main.py extract "$SAMPLE" --json
measure "bundle --screenshot" "$DIST/duban/duban" --screenshot "$TMP/shot.png"
measure "source --screenshot" "$PY" main.py --screenshot "$TMP/shot.png"

#!/usr/bin/env bash
# Zips the one-folder bundle as a portable program: unzip anywhere, run, the data stays beside it.
#   bash installers/build_portable.sh      → dist/duban-desk-<version>-portable-linux-<machine>.zip
# The marker file portable.txt beside the program switches app/paths.py to a `data` folder there.
# Builds the bundle first unless DIST_DIR/duban exists and REBUILD is not 1 (as build_deb.sh).
# Environment: PYTHON, DIST_DIR, WORK_DIR as for build_linux.sh; ZIP_LEVEL (0 = store only … 9, the default).
set -euo pipefail
source "$(dirname "$0")/common.sh"
ensure_bundle
command -v zip >/dev/null || { echo "错误：缺少 zip（请安装 zip）" >&2; exit 2; }

NAME=duban-desk-$(project_field version)-portable-linux-$(uname -m)
STAGE=$WORK_DIR/portable
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -a "$BUNDLE" "$STAGE/duban-desk"
cp "$ROOT/installers/portable.txt" "$STAGE/duban-desk/portable.txt"

OUT=$DIST_DIR/$NAME.zip
rm -f "$OUT"
(cd "$STAGE" && zip -q -r -y -"${ZIP_LEVEL:-9}" "$OUT" duban-desk)  # -y keeps the bundle's library links as links
echo "$OUT"

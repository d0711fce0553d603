#!/usr/bin/env bash
# Builds the one-folder bundle dist/duban/ with the current Python (no virtual environment assumed).
#   bash installers/build_linux.sh
# Environment: PYTHON (default python3), DIST_DIR (default dist), WORK_DIR (default build/pyinstaller).
# Installs PyInstaller for that Python when it is missing (the "build" extra of pyproject.toml).
set -euo pipefail
source "$(dirname "$0")/common.sh"

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "安装 PyInstaller……" >&2
  # the requirement as pinned in the "build" extra, e.g. pyinstaller>=6.5,<7
  "$PY" -m pip install -q "$("$PY" -c 'import sys, tomllib
extras = tomllib.load(open(sys.argv[1], "rb"))["project"]["optional-dependencies"]["build"]
print(next(r for r in extras if r.lower().startswith("pyinstaller")))' "$ROOT/pyproject.toml")"
fi
command -v objdump >/dev/null || { echo "错误：缺少 objdump（请安装 binutils）" >&2; exit 2; }

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$WORK_DIR" "$ROOT/installers/duban.spec"
echo "$DIST_DIR/duban"

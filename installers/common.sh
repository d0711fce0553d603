# Shared by the Linux build scripts (sourced, not run): folders, the Python, the version, the bundle.
# Environment: PYTHON (default python3), DIST_DIR (default dist), WORK_DIR (default build/pyinstaller).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PYTHON:-python3}
DIST_DIR=${DIST_DIR:-$ROOT/dist}
WORK_DIR=${WORK_DIR:-$ROOT/build/pyinstaller}
BUNDLE=$DIST_DIR/duban

project_field() {  # a [project] value of pyproject.toml, e.g. `project_field version`
  "$PY" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"][sys.argv[2]])' \
    "$ROOT/pyproject.toml" "$1"
}

ensure_bundle() {  # build dist/duban unless it is there (REBUILD=1 forces a new build)
  if [ "${REBUILD:-0}" = 1 ] || [ ! -x "$BUNDLE/duban" ]; then
    PYTHON=$PY DIST_DIR=$DIST_DIR WORK_DIR=$WORK_DIR bash "$ROOT/installers/build_linux.sh" >/dev/null
  fi
}

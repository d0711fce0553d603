#!/usr/bin/env bash
# Installs what the program and its tests need on a Debian/Ubuntu machine:
# the system libraries Qt needs (when run as root, or with sudo), then a virtual environment in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 \
libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 xvfb xauth poppler-utils poppler-data \
fonts-wqy-microhei binutils zip unzip"
# With Debian's own Python, `python3 -m venv` needs python3.X-venv, and PyInstaller (the "build" extra, used by
# the installer tests) needs the shared library libpython3.X.
PY=${PYTHON:-python3}
case "$(command -v "$PY")" in
  /usr/bin/*)
    PYVER=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    SYSTEM_PACKAGES="$SYSTEM_PACKAGES libpython$PYVER python$PYVER-venv" ;;
esac

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $SYSTEM_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "安装系统库:$missing" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${1:-run}
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  if [ "${1:-run}" = "test" ]; then
    .venv/bin/python -m pip install -q -e ".[test,build]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi

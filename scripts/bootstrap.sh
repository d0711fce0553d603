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

# Progress goes to standard error, one Chinese line a step (standard output belongs to main.py's commands);
# the tools' own output is kept in a log and shown only when a step fails. Nothing is printed when all is there.
say() { echo "督办台安装：$*" >&2; }
LOG=$(mktemp "${TMPDIR:-/tmp}/duban-install.XXXXXX")
trap 'rm -f "$LOG"' EXIT
quietly() {  # quietly COMMAND...: run it with its output in the log; on failure show the log and stop
  if ! "$@" >"$LOG" 2>&1; then
    cat "$LOG" >&2
    say "失败：$*（输出见上方）"
    exit 1
  fi
}

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $SYSTEM_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    say "安装 Qt 等需要的系统库（apt-get，约 1 分钟）:$missing"
    quietly $SUDO apt-get update -qq
    quietly $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "创建 Python 虚拟环境 .venv（$("$PY" --version 2>&1)）"
  quietly "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${1:-run}
if [ ! -f "$stamp" ]; then
  say "更新 pip"
  quietly .venv/bin/python -m pip install -q --upgrade pip
  if [ "${1:-run}" = "test" ]; then
    say "安装 Python 依赖和测试、打包工具（PySide6、reportlab、pytest、PyInstaller……；首次需几分钟）"
    quietly .venv/bin/python -m pip install -q -e ".[test,build]"
  else
    say "安装 Python 依赖（PySide6、reportlab、pdfplumber……；首次需几分钟）"
    quietly .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
  say "完成。以后启动不再重复安装。"
fi

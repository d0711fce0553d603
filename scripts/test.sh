#!/usr/bin/env bash
# Installs everything, then runs the whole test suite (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
exec .venv/bin/python -m pytest -q "$@"

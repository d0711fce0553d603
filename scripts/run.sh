#!/usr/bin/env bash
# Installs everything, then starts 督办台 (extra arguments go to main.py, e.g. --db PATH or a subcommand).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh run
exec .venv/bin/python main.py "$@"

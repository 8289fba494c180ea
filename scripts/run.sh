#!/usr/bin/env bash
# The one command to try vitals: installs what is missing (scripts/setup.sh), builds both
# executables in release, and starts the dashboard with ARGS (`scripts/run.sh agent`,
# `scripts/run.sh --theme nord`, ...). The build's messages go to .build/setup.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
if ! ./scripts/setup.sh > .build/setup.log 2>&1; then
  tail -n 30 .build/setup.log >&2
  echo "run: setup failed; the whole log is in .build/setup.log" >&2
  exit 1
fi
exec .build/release/vitals "$@"

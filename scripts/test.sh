#!/usr/bin/env bash
# The project's test command: builds everything (the vitals binary too, which the end-to-end
# tests run inside tmux) and runs every test. Warnings are errors in our own targets.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build

#!/usr/bin/env bash
# The project's test command: builds everything (both executables too, which the end-to-end
# tests run inside tmux) and runs every test. Warnings are errors in our own targets.
#
# Two runs: the end-to-end tests wait on tmux synchronously and hold Swift's cooperative threads
# (two on this 2-core machine) while they do, which starved the async tests (the agent's server,
# vitals attach's client) beside them. So the async tests run first, then the tmux ones alone.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build --skip EndToEndTests
swift test --skip-build --filter EndToEndTests

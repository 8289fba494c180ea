#!/usr/bin/env bash
# The project's test command: the same set-up as scripts/run.sh (what is missing installed, both
# executables built in release) plus what the tests need, a smoke test of that release build,
# then every test.
#
# Two test runs: the end-to-end tests wait on tmux synchronously and hold Swift's cooperative
# threads (two on this 2-core machine) while they do, which starved the async tests (the agent's
# server, vitals attach's client) beside them. So the async tests run first, then the tmux ones alone.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --tests
./scripts/smoke.sh
swift build --build-tests
swift test --skip-build --skip EndToEndTests
swift test --skip-build --filter EndToEndTests

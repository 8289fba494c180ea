#!/usr/bin/env bash
# The project's test command: the same set-up as scripts/run.sh (what is missing installed, both
# executables built in release) plus what the tests need, a smoke test of that release build,
# then every test.
#
# One test run. Tests that wait (on tmux, an agent, a retry) wait with `await`, so they never hold
# one of the cooperative pool's threads (two on a 2-core machine) from the tests beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --tests
./scripts/smoke.sh
# A target importing a module it does not declare builds here by luck of order and fails on a
# clean clone: refused at once.
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build

#!/usr/bin/env bash
# The collector benchmark: cost of one tick with the machine's processes and with 1,000 and
# 10,000 extra idle processes (spawned by the benchmark, killed after). Allocations are counted by
# ordo-one/malloc-interposer, preloaded here. With strace installed, it also counts every syscall
# of a process-only run for the syscalls-per-process figure.
#   scripts/bench-collectors.sh [--extra 0,1000,10000] [--ticks 30]
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
swift build -c release --product collector-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
LD_PRELOAD="$bin/libMallocInterposerSwift.so" "$bin/collector-bench" "$@"
if command -v strace >/dev/null; then
  echo
  echo "all syscalls of 20 process-collector ticks with 1,000 extra processes (strace -c):"
  strace -f -c -o /tmp/vitals-bench-strace.txt "$bin/collector-bench" --extra 1000 --ticks 20 >/dev/null
  head -25 /tmp/vitals-bench-strace.txt
fi

#!/usr/bin/env bash
# Fuzzes every parser (Sources/FuzzTargets) under libFuzzer, from the toolchain's
# libclang_rt.fuzzer: SECONDS each (default 300), or only the TARGETs named.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
#
# Builds vitals-fuzz with coverage instrumentation into .build-fuzz (FUZZING_BUILD=1). Each target's
# corpus grows in .build-fuzz/corpus/TARGET across runs, starting from its seeds. A crash stops the
# run with the input saved as .build-fuzz/crashes/TARGET-crash-*: fix the parser, then keep the
# input as a regression case in Tests/FuzzCorpus/TARGET/ (replayed by every test run).
#
# Prints a line per target: executions, executions per second, coverage (libFuzzer's `cov`, edges
# reached, and `ft`, features), corpus size, and whether it crashed. Exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
out=.build-fuzz
FUZZING_BUILD=1 swift build --build-path "$out" --product vitals-fuzz 2>&1 | grep -E "error|warning: [^']|Compiling|Build" | grep -v "^\[" || true
bin="$out/debug/vitals-fuzz"
[ -x "$bin" ] || { echo "fuzz: the build failed" >&2; exit 1; }
targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <("$bin" list)
mkdir -p "$out/crashes"

crashed=0
total=0
printf '%-18s %12s %10s %8s %8s %8s %s\n' target executions exec/s cov ft corpus result
for target in "${targets[@]}"; do
  corpus="$out/corpus/$target"
  seeds=$(mktemp -d)
  mkdir -p "$corpus"
  "$bin" seeds "$target" "$seeds"
  log="$out/$target.log"
  result=ok
  # -rss_limit_mb: a parser that grows without bound is a finding too; -timeout: so is a hang.
  if ! "$bin" run "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" "$corpus" "$seeds" > "$log" 2>&1; then
    result="CRASH ($(ls -t "$out/crashes/$target-"* 2>/dev/null | head -1))"
    crashed=1
  fi
  rm -rf "$seeds"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  size=$(ls "$corpus" | wc -l)
  total=$((total + ${runs:-0}))
  printf '%-18s %12s %10s %8s %8s %8s %s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$size" "$result"
done
echo "fuzz: ${#targets[@]} targets, $total executions, ${seconds} s each"
if [ $crashed = 1 ]; then
  echo "fuzz: a target crashed; its log is in $out/TARGET.log and the input in $out/crashes/" >&2
  exit 1
fi

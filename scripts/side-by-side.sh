#!/bin/bash
# The side-by-side comparison, as ../shared/bench/README.md describes it: in one run, one monitor after
# another, beside the same 1,000 extra processes (spawn-procs.sh), at 200x50 with a 1 s refresh.
#
#   scripts/side-by-side.sh SECONDS ROUNDS TEMPLATE [OUTDIR]
#
# First ROUNDS rounds of 3 s (vitals, btop, htop in turn) for first frames polled every 5 ms, then
# SECONDS of each under tui-cost.sh. TEMPLATE is a HOME directory for vitals whose
# .local/state/vitals holds a history file recorded just before (copied for each run), so the
# first frame draws stored history. btop runs with update_ms = 1000 (a HOME of its own is made),
# htop with -d 10. Needs btop, htop and tmux; uses the release build in .build/release.
# Prints tui-cost.sh's RESULT line for each and the first frames; everything is kept in OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?seconds}; rounds=${2:?rounds}; template=${3:?template HOME}
out=${4:-$(mktemp -d)}
mkdir -p "$out/btophome/.config/btop"
printf 'update_ms = 1000\n' > "$out/btophome/.config/btop/btop.conf"
bench=${BENCH_DIR:-../shared/bench}
[ -f "$bench/tui-cost.sh" ] || { echo "$0: needs the bench harness (tui-cost.sh, spawn-procs.sh) in $bench; set BENCH_DIR" >&2; exit 2; }
vitals=$PWD/.build/release/vitals
bash "$bench/spawn-procs.sh" 1000 $((3 * secs + 40 * rounds + 300)) > "$out/spawn"
trap 'bash "$bench/spawn-procs.sh" stop "$(sed -n "s/^pids_file=//p" "$out/spawn")" >/dev/null 2>&1 || true' EXIT
sleep 5
run() { # NAME SECONDS RESULT-FILE
    case $1 in
        vitals) HOME_TEMPLATE=$template COLS=200 ROWS=50 FF_POLL_MS=5 WARMUP=1 bash "$bench/tui-cost.sh" vitals "$2" -- "$vitals" > "$3" 2>&1 ;;
        btop) HOME_TEMPLATE=$out/btophome COLS=200 ROWS=50 FF_POLL_MS=5 WARMUP=1 bash "$bench/tui-cost.sh" btop "$2" -- btop > "$3" 2>&1 ;;
        htop) COLS=200 ROWS=50 FF_POLL_MS=5 WARMUP=1 bash "$bench/tui-cost.sh" htop "$2" -- htop -d 10 > "$3" 2>&1 ;;
    esac
}
for _ in $(seq "$rounds"); do
    for name in vitals btop htop; do
        run "$name" 3 "$out/round.txt"
        echo "$name $(sed -n 's/.*first_frame_ms=\([0-9]*\).*/\1/p' "$out/round.txt" | head -1)" >> "$out/first-frames"
        sleep 0.5
    done
done
for name in vitals btop htop; do
    echo "$name: processes $(ls /proc | grep -c '^[0-9]')" >> "$out/processes"
    run "$name" "$secs" "$out/$name.txt"
done
for name in vitals btop htop; do
    grep '^RESULT' "$out/$name.txt"
    echo "first frames ($name): $(sed -n "s/^$name //p" "$out/first-frames" | sort -n | tr '\n' ' ')"
done
echo "kept in $out"

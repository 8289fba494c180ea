#!/bin/bash
# Memory and CPU of terminal monitors side by side, as the system pays for them: each command in
# turn under ../shared/bench/tui-cost.sh at 200x50 with a 1 s refresh, first on the host as it is,
# then beside 1,000 extra idle processes (spawn-procs.sh). Near the end of each run it reads the
# monitor's /proc/PID/status (VmHWM, VmRSS) and /proc/PID/smaps_rollup (Pss, Anonymous).
#
#   scripts/memory-side-by-side.sh SECONDS NAME=COMMAND [NAME=COMMAND...]
#
# NAME is a label; COMMAND runs as given (through `env`, so `VAR=1 path` works). The monitor is
# found as the newest process whose command line starts with COMMAND's program. btop is given
# update_ms = 1000 (a HOME of its own); vitals runs with a fresh, empty HOME (its history file is
# created there). Prints one table row per command and load; artefacts stay in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?seconds}; shift
[ $# -ge 1 ] || { echo "usage: $0 SECONDS NAME=COMMAND..." >&2; exit 2; }
bench=${BENCH_DIR:-../shared/bench}
[ -f "$bench/tui-cost.sh" ] || { echo "$0: needs the bench harness (tui-cost.sh, spawn-procs.sh) in $bench; set BENCH_DIR" >&2; exit 2; }
out=$(mktemp -d)
mkdir -p "$out/btophome/.config/btop"
printf 'update_ms = 1000\n' > "$out/btophome/.config/btop/btop.conf"
kb() { awk -v k="$1:" '$1 == k { print $2 }' "$2"; }

measure() { # LOAD NAME COMMAND
    local load=$1 name=$2 command=$3 program home=""
    program=$(for word in $command; do case $word in *=*) ;; *) echo "$word"; break ;; esac; done)
    [ "$(basename "$program")" = btop ] && home=$out/btophome
    HOME_TEMPLATE=$home COLS=200 ROWS=50 WARMUP=3 OUTDIR="$out/$name.$load" \
        bash "$bench/tui-cost.sh" "$name" "$secs" -- env $command > "$out/$name.$load.txt" 2>&1 &
    local runner=$! pid=""
    sleep $((secs - 2))
    pid=$(pgrep -n -f "^$program" || true)
    if [ -n "$pid" ]; then
        cp "/proc/$pid/status" "$out/$name.$load.status"; cp "/proc/$pid/smaps_rollup" "$out/$name.$load.smaps"
    fi
    wait "$runner" || true
    local cpu
    cpu=$(sed -n 's/^cpu_pct=//p' "$out/$name.$load/result.env" 2>/dev/null || echo "?")
    if [ -z "$pid" ]; then
        printf '%-12s %-6s %6s %s\n' "$name" "$load" "$cpu" "(the process was not found)"
        return
    fi
    printf '%-12s %-6s %6s %8s %8s %8s %8s\n' "$name" "$load" "$cpu" \
        "$(kb VmHWM "$out/$name.$load.status")" "$(kb VmRSS "$out/$name.$load.status")" \
        "$(kb Pss "$out/$name.$load.smaps")" "$(kb Anonymous "$out/$name.$load.smaps")"
}

printf '%-12s %-6s %6s %8s %8s %8s %8s\n' name load "cpu%" "VmHWM kB" "RSS kB" "PSS kB" "anon kB"
for entry in "$@"; do measure base "${entry%%=*}" "${entry#*=}"; done
bash "$bench/spawn-procs.sh" 1000 $(( (secs + 5) * $# + 60 )) > "$out/spawn"
trap 'bash "$bench/spawn-procs.sh" stop "$(sed -n "s/^pids_file=//p" "$out/spawn")" >/dev/null 2>&1 || true' EXIT
sleep 5
for entry in "$@"; do measure +1000 "${entry%%=*}" "${entry#*=}"; done
echo "kept in $out"

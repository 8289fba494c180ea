#!/bin/bash
# Regenerates link/vitals.order, the order in which the release link places `vitals`' functions
# (see scripts/link-order.py for why). Needs valgrind, perf, tmux and python3; takes about eight
# minutes.
#
#   scripts/link-order.sh            record a session, write link/vitals.order
#
# It runs the release `vitals` twice under callgrind at 200x50 beside 1,000 idle processes:
# once with instrumentation switched on only after start-up for the functions every tick runs, and
# once whole (start-up with the first run's history file, then every key of the help screen's
# common ones, then ticks) for every function that runs. Then, four rounds: link with that order,
# run the real binary for 20 s with VITALS_TRACE_PAGES=1 (its code pages dropped at every tick)
# under `perf record -e page-faults`, and put the functions that faulted first
# (scripts/fault-names.py): callgrind's slow run misses code that runs on intervals of its own and
# the runtime's slow paths. Rebuild afterwards (`swift build -c release --product vitals`).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'tmux kill-session -t link-order 2>/dev/null || true; [ -f "$work/spawn" ] && bash ../shared/bench/spawn-procs.sh stop "$(sed -n "s/^pids_file=//p" "$work/spawn")" >/dev/null 2>&1 || true' EXIT
swift build -c release --product vitals
bin=.build/release/vitals
strip -g -o "$work/vitals" "$bin"   # valgrind cannot read this toolchain's DWARF 5 names index
bash ../shared/bench/spawn-procs.sh 1000 900 > "$work/spawn"

record() { # OUT INSTR-AT-START KEYS...
    local out=$1 atstart=$2; shift 2
    mkdir -p "$work/state"
    tmux new -d -s link-order -x 200 -y 50 \
        "XDG_STATE_HOME=$work/state valgrind --tool=callgrind --demangle=no --instr-atstart=$atstart --callgrind-out-file=$out $work/vitals 2>$work/valgrind.log"
    sleep 45
    [ "$atstart" = no ] && callgrind_control -i on >/dev/null
    for key in "$@"; do tmux send-keys -t link-order "$key"; sleep 1.5; done
    sleep 75
    tmux send-keys -t link-order q
    while tmux has-session -t link-order 2>/dev/null; do sleep 1; done
}
# The steady run first: it leaves a history file in $work/state, so the whole run's start-up draws
# its first frame from stored history, as a user's does (`StartupSnapshot`), not the waiting frame.
record "$work/steady.out" no
record "$work/all.out" yes c m p i n u '?' Escape t t + + - - m 2 2 / s l e Escape space space p p p p 1 1 f f k Escape

names() { # CALLGRIND-OUT: the mangled names of the functions run inside the binary, first seen first
    python3 - "$1" "$work/vitals" <<'PY'
import re, sys
obs, fns, current, seen = {}, {}, None, []
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\n")
    m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
    if m:
        if m.group(3): obs[m.group(2)] = m.group(3)
        if m.group(1) == "ob": current = obs.get(m.group(2))
        continue
    m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
    if m:
        if m.group(3): fns[m.group(2)] = m.group(3)
        if m.group(1) == "fn" and current == sys.argv[2]: seen.append(fns[m.group(2)])
print("\n".join(dict.fromkeys(seen)))
PY
}
names "$work/all.out" > "$work/all.txt"
names "$work/steady.out" > "$work/steady.txt"
# The link map: each function's section and its size (the same whatever the order).
link_with_map() {
    rm -f "$bin"
    # Mangled names in the map, as the order file and nm have them.
    swift build -c release --product vitals -Xlinker -Map="$work/vitals.map" -Xlinker --no-demangle >/dev/null
}
link_with_map
python3 scripts/link-order.py "$work/vitals.map" "$work/steady.txt" "$work/all.txt" > link/vitals.order

trace() { # OUT: the functions that faulted in 20 s of ticks
    local state
    state=$(mktemp -d -p "$work")
    tmux new -d -s link-order -x 200 -y 50 "XDG_STATE_HOME=$state VITALS_TRACE_PAGES=1 exec $bin"
    sleep 8
    local pid
    pid=$(tmux list-panes -t link-order -F '#{pane_pid}')
    cat "/proc/$pid/maps" > "$work/maps"
    perf record -q -e page-faults -c 1 -d -p "$pid" -o "$work/perf.data" -- sleep 20 2>/dev/null
    tmux kill-session -t link-order
    perf script -i "$work/perf.data" -F tid,time,addr 2>/dev/null > "$work/faults.raw"
    nm -n "$bin" > "$work/nm"
    python3 scripts/fault-names.py "$work/nm" "$work/maps" "$work/faults.raw" > "$1"
}
: > "$work/faults.txt"
for round in 1 2 3 4; do
    link_with_map
    trace "$work/round.txt"
    cat "$work/faults.txt" "$work/round.txt" | awk '!seen[$0]++' > "$work/merged.txt"
    mv "$work/merged.txt" "$work/faults.txt"
    python3 scripts/link-order.py "$work/vitals.map" "$work/steady.txt" "$work/all.txt" "$work/faults.txt" > link/vitals.order
    echo "round $round: $(wc -l < "$work/round.txt") functions faulted"
done
rm -f "$bin"
swift build -c release --product vitals >/dev/null
echo "link/vitals.order: $(wc -l < link/vitals.order) names ($(wc -l < "$work/faults.txt") faulted, $(wc -l < "$work/steady.txt") run every tick under callgrind, $(wc -l < "$work/all.txt") in all)"

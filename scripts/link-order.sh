#!/bin/bash
# Regenerates link/vitals.order, the order in which the release link places `vitals`' functions
# (see scripts/link-order.py for why). Needs valgrind, tmux and python3; takes about five minutes.
#
#   scripts/link-order.sh            record a session, write link/vitals.order
#
# It runs the release `vitals` twice under callgrind at 200x50 beside 1,000 idle processes:
# once whole (start-up, then every key of the help screen's common ones, then ticks) for every
# function that runs, and once with instrumentation switched on only after start-up for the
# functions every tick runs. Rebuild afterwards (`swift build -c release --product vitals`).
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
record "$work/all.out" yes c m p i n u '?' Escape t t + + - - m 2 2 / s l e Escape space space p p p p 1 1 f f k Escape
record "$work/steady.out" no

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
rm -f "$bin"
swift build -c release --product vitals -Xlinker -Map="$work/vitals.map" >/dev/null
python3 scripts/link-order.py "$work/vitals.map" "$work/steady.txt" "$work/all.txt" > link/vitals.order
rm -f "$bin"
swift build -c release --product vitals >/dev/null
echo "link/vitals.order: $(wc -l < link/vitals.order) names ($(wc -l < "$work/steady.txt") run every tick, $(wc -l < "$work/all.txt") in all)"

#!/usr/bin/env bash
# The agent's streams under load: a release agent on loopback, then `vitals bench stream` with
# CLIENTS clients for SECONDS each:
#   1. /api/system/ws (one message each): CLIENTS reading clients;
#   2. the same with 5 of them that stop reading after their first message (compare with 1);
#   3. /api/v1/stream (a frame a tick): CLIENTS reading clients.
# Each run reports collection-to-arrival latency (p50, p99, max over every client and tick), ticks
# lost, /metrics scrape latency during the run, and whether client CLIENTS+1 is refused; the agent's
# CPU time and memory after each run.
#
#   scripts/bench-stream.sh [SECONDS] [CLIENTS]        (defaults 30 and 100)
#
# Uses the release build (.build/release/vitals, vitals-agent).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
clients=${2:-100}
vitals=$PWD/.build/release/vitals
[ -x "$vitals" ] && [ -x .build/release/vitals-agent ] || { echo "$0: build the release executables first (scripts/setup.sh)" >&2; exit 2; }
out=$(mktemp -d)
agent=""
trap 'kill ${agent:-} 2>/dev/null || true; rm -rf "$out"' EXIT
printf 'server:\n  max_stream_clients: %s\n  stream_max_lag: 10s\n' "$clients" > "$out/config.yaml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$vitals" agent --listen 127.0.0.1:$port --data-dir "$out/data" --config "$out/config.yaml" > "$out/agent.log" 2>&1 &
agent=$!
until curl -sf http://127.0.0.1:$port/readyz > /dev/null; do sleep 0.1; done
sleep 2
pid=$(pgrep -f "vitals-agent agent --listen 127.0.0.1:$port" | head -1)
pid=${pid:-$agent}
report() {
    local ticks; ticks=$(getconf CLK_TCK)
    awk -v t="$ticks" '{ printf "agent: %.1f s of CPU so far, ", ($14 + $15) / t }' /proc/$pid/stat
    awk '/^Rss:/ { r=$2 } /^Pss:/ { p=$2 } /^Anonymous:/ { a=$2 } END { printf "RSS %.1f MB, PSS %.1f MB, anonymous %.1f MB\n", r/1024, p/1024, a/1024 }' /proc/$pid/smaps_rollup
}
echo "== /api/system/ws, $clients clients"
"$vitals" bench stream --url ws://127.0.0.1:$port/api/system/ws --clients "$clients" --seconds "$secs"
report
# The clients of one run are gone before the next begins (the agent holds at most $clients).
settle() {
    for _ in $(seq 100); do
        [ "$(ss -Htn state established "( sport = :$port )" | wc -l)" -le 1 ] && return
        sleep 0.2
    done
}
settle
echo "== /api/system/ws, $clients clients of which 5 stop reading"
"$vitals" bench stream --url ws://127.0.0.1:$port/api/system/ws --clients "$clients" --slow 5 --seconds "$secs"
report
settle
echo "== /api/v1/stream, $clients clients"
"$vitals" bench stream --url ws://127.0.0.1:$port/api/v1/stream --clients "$clients" --seconds "$secs"
report
if grep -q "Fatal\|crashed" "$out/agent.log"; then echo "the agent failed:"; tail -20 "$out/agent.log"; exit 1; fi

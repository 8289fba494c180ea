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
. scripts/lib/release-agent.sh
printf 'server:\n  max_stream_clients: %s\n  stream_max_lag: 10s\n' "$clients" > "$out/config.yaml"
start_release_agent --config "$out/config.yaml"
sleep 2
report() {
    local ticks; ticks=$(getconf CLK_TCK)
    awk -v t="$ticks" '{ printf "agent: %.1f s of CPU so far, ", ($14 + $15) / t }' /proc/$pid/stat
    memory
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

#!/usr/bin/env bash
# What following a container runtime costs: a runtime serving COUNT containers
# (scripts/fake-engine.py, Docker's shapes), then
#   1. `vitals agent` reading it for SECONDS: the containers collector's time per tick (median and
#      max of vitals_collector_duration_seconds{collector="containers"}, scraped each second), and
#      how long after the agent's start the containers were in /metrics;
#   2. the dashboard's memory and CPU without and with the runtime (scripts/memory-side-by-side.sh).
#
#   scripts/bench-containers.sh [SECONDS] [COUNT]        (defaults 60 and 50)
#
# Uses the release build (.build/release/vitals, vitals-agent).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
count=${2:-50}
vitals=$PWD/.build/release/vitals
[ -x "$vitals" ] && [ -x .build/release/vitals-agent ] || { echo "$0: build the release executables first (scripts/setup.sh)" >&2; exit 2; }
out=$(mktemp -d)
sock=$out/engine.sock
python3 scripts/fake-engine.py "$sock" "$count" &
engine=$!
agent=""
trap 'kill $engine ${agent:-} 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
printf 'containers:\n  socket: %s\n' "$sock" > "$out/config.yaml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
"$vitals" agent --listen 127.0.0.1:$port --data-dir "$out/data" --config "$out/config.yaml" > "$out/agent.log" 2>&1 &
agent=$!
until curl -sf http://127.0.0.1:$port/metrics | grep -q "^vitals_containers $count"; do sleep 0.05; done
listed=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
for _ in $(seq "$secs"); do
  curl -sf http://127.0.0.1:$port/metrics | awk '/^vitals_collector_duration_seconds\{collector="containers"\}/ { print $2 }'
  sleep 1
done > "$out/durations"
python3 - "$out/durations" "$count" "$listed" <<'PY'
import statistics, sys
values = sorted(float(v) * 1e6 for v in open(sys.argv[1]) if v.strip())
print(f"containers collector, {sys.argv[2]} containers: median {statistics.median(values):.1f} us, max {values[-1]:.1f} us a tick "
      f"over {len(values)} ticks; in /metrics {sys.argv[3]} s after the agent's start")
PY
kill $agent; agent=""
bash scripts/memory-side-by-side.sh "$secs" without="$vitals" with="VITALS_CONTAINERS_SOCKET=$sock $vitals"

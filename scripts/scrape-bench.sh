#!/usr/bin/env bash
# Side-by-side cost of a /metrics scrape: `vitals agent` against node_exporter (Debian's
# prometheus-node-exporter), in one run. For each: N sequential scrapes with curl (latency p50 and
# p99), bytes and samples per scrape, CPU seconds the exporter spent per 100 scrapes (from
# /proc/PID/stat), and RSS once idle after them.
#
#   scripts/scrape-bench.sh [N]        (default 200; needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
. scripts/beside-node-exporter.sh
hz=$(getconf CLK_TCK)

# The rate limit off: this measures scrapes back to back from one address.
VITALS_SERVER_RATE_LIMIT=0 "$vitals" agent --listen 127.0.0.1:19291 --data-dir "$dir/data" 2>"$dir/agent.log" &
agent=$!
"$exporter" --web.listen-address=127.0.0.1:19292 2>"$dir/ne.log" &
ne=$!
sleep 3

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

measure() {  # name pid url
  local name=$1 pid=$2 url=$3
  curl -s "$url" -o "$dir/$name.txt"
  local bytes samples
  bytes=$(wc -c <"$dir/$name.txt")
  samples=$(grep -vc '^#' "$dir/$name.txt")
  local before after
  before=$(cpu_ticks "$pid")
  for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done >"$dir/$name.times"
  after=$(cpu_ticks "$pid")
  sleep 2
  local p50 p99
  p50=$(sort -n "$dir/$name.times" | awk -v n="$n" 'NR == int(n * 0.50 + 0.5) {printf "%.2f", $1 * 1000}')
  p99=$(sort -n "$dir/$name.times" | awk -v n="$n" 'NR == int(n * 0.99 + 0.5) {printf "%.2f", $1 * 1000}')
  local cpu100
  cpu100=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.3f", t / hz * 100 / n}')
  echo "$name: p50_ms=$p50 p99_ms=$p99 bytes=$bytes samples=$samples cpu_s_per_100=$cpu100 rss_kb=$(rss_kb "$pid")"
}

measure vitals "$agent" http://127.0.0.1:19291/metrics
measure node_exporter "$ne" http://127.0.0.1:19292/metrics

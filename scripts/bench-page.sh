#!/usr/bin/env bash
# The web page's cost: what a first visit transfers (the page's files, then the data it loads
# before the stream), and the release agent's memory before and after serving the page REQUESTS
# times (every file each time, as a browser without a cache would).
#
#   scripts/bench-page.sh [REQUESTS]        (default 200)
#
# Uses the release build (.build/release/vitals, vitals-agent).
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}
. scripts/lib/release-agent.sh
start_release_agent
sleep 5
base=http://127.0.0.1:$port
# The page's files as a browser finds them: what the page names, then what each module imports.
files="/ $(curl -s $base/ | { grep -o '"assets/[a-z.]*"' || true; } | tr -d '"' | sed 's|^|/|' | sort -u | tr '\n' ' ')"
for _ in 1 2 3; do
    modules=$(for f in $files; do curl -s "$base$f" | { grep -o 'from "\./[a-z]*\.js"' || true; } | sed 's|from "\./|/assets/|; s|"||'; done)
    files=$(echo $files $modules | tr ' ' '\n' | sort -u | tr '\n' ' ')
done
total=0
for f in $files; do
    n=$(curl -s -o /dev/null -w '%{size_download} %{size_header}' "$base$f" | awk '{ print $1 + $2 }')
    total=$((total + n))
done
echo "page: $(echo $files | wc -w) files, $total bytes with their headers"
data=0
for q in "/api/v1/alerts" \
    "/api/v1/series?name=vitals_cpu_utilization_ratio&range=1h&points=720&fields=mean" \
    "/api/v1/series?name=vitals_memory_used_ratio&range=1h&points=720&fields=mean" \
    "/api/v1/series?name=vitals_network_receive_bytes_per_second&range=1h&points=720&fields=mean&match=device%21%3D%22lo%22" \
    "/api/v1/series?name=vitals_network_transmit_bytes_per_second&range=1h&points=720&fields=mean&match=device%21%3D%22lo%22" \
    "/api/v1/series?name=vitals_disk_read_bytes_per_second&range=1h&points=720&fields=mean" \
    "/api/v1/series?name=vitals_disk_written_bytes_per_second&range=1h&points=720&fields=mean"; do
    n=$(curl -s -o /dev/null -w '%{size_download} %{size_header}' "$base$q" | awk '{ print $1 + $2 }')
    data=$((data + n))
done
echo "data before the stream: $data bytes (alerts and six series of an hour; the agent has run seconds)"
echo "agent before: $(memory)"
start=$(date +%s.%N)
for _ in $(seq "$requests"); do
    for f in $files; do curl -s -o /dev/null "$base$f"; done
done
end=$(date +%s.%N)
echo "served the page $requests times ($(echo $files | wc -w) files each) in $(echo "$end - $start" | bc) s (curl's process start included)"
echo "agent after:  $(memory)"

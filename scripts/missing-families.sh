#!/usr/bin/env bash
# The metric families node_exporter serves on this machine that `vitals agent` does not, leaving
# out the Go runtime's own (go_*, promhttp_*) and node_exporter's build info. Dashboard 1860 reads
# node_exporter's names, so every name it uses and vitals lacks is in this list.
#
#   scripts/missing-families.sh        (needs a release build and prometheus-node-exporter)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/beside-node-exporter.sh
"$vitals" agent --listen 127.0.0.1:19293 --no-history-file 2>/dev/null &
"$exporter" --web.listen-address=127.0.0.1:19294 2>/dev/null &
sleep 7
families() { curl -s "$1" | awk '/^# TYPE / {print $3}' | sort -u; }
families http://127.0.0.1:19293/metrics >"$dir/vitals"
families http://127.0.0.1:19294/metrics | grep -Ev '^(go_|promhttp_|node_exporter_build_info)' >"$dir/ne"
comm -23 "$dir/ne" "$dir/vitals" >"$dir/missing"
echo "node_exporter families: $(wc -l <"$dir/ne"); vitals serves $(comm -12 "$dir/ne" "$dir/vitals" | wc -l) of them; missing $(wc -l <"$dir/missing"):"
cat "$dir/missing"

#!/usr/bin/env bash
# Times `vitals config check` on configuration files of growing size, to show that reading one
# is linear in its nodes: N keys under `dashboard:` (each unknown, so each is also reported) and
# N list items under `collectors.skip_interfaces`, for each N given (default 1000 10000 80000).
#
#   scripts/config-bench.sh [BINARY] [N ...]     BINARY defaults to .build/release/vitals
#
# Prints one line per file: keys, bytes, wall seconds and peak RSS (best of 3 runs). Files over
# 1 MiB (80,000 keys) are refused by size before they are parsed (ConfigLoader.maxFileBytes).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/vitals}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 80000)
work=$(mktemp -d /tmp/vitals-config-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

printf '%-8s %-12s %9s %10s %10s\n' shape keys bytes seconds maxrss_kb
for n in "${sizes[@]}"; do
  for shape in keys list; do
    file="$work/$shape-$n.yaml"
    if [ $shape = keys ]; then
      { echo "dashboard:"; seq 0 $((n - 1)) | sed 's/.*/  unknown_setting_&: &/'; } > "$file"
    else
      { echo "collectors:"; echo "  skip_interfaces:"; seq 0 $((n - 1)) | sed 's/.*/    - veth&/'; } > "$file"
    fi
    best=""
    best_rss=""
    for _ in 1 2 3; do
      # config check exits 1 when it reports problems; the time is what is measured here.
      /usr/bin/time -f '%e %M' -o "$work/time" "$bin" config check "$file" > /dev/null 2>&1 || true
      read -r seconds rss < <(tail -n 1 "$work/time")
      if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; best_rss=$rss; fi
    done
    printf '%-8s %-12s %9s %10s %10s\n' "$shape" "$n" "$(stat -c %s "$file")" "$best" "$best_rss"
  done
done

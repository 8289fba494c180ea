# Sourced by the scripts that run `vitals agent` beside node_exporter: sets $vitals (the release
# build), $exporter and a scratch $dir that goes, with every background job, on exit.
vitals=.build/release/vitals
exporter=$(command -v prometheus-node-exporter || command -v node_exporter || true)
[ -x "$vitals" ] || { echo "build first: swift build -c release" >&2; exit 1; }
[ -n "$exporter" ] || { echo "install prometheus-node-exporter" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$dir"' EXIT

# Sourced by the bench scripts: a release `vitals agent` on a free loopback port.
#
#   start_release_agent [ARGS...]   starts it with ARGS (say --config FILE), waits until it is
#                                   ready, and sets:
#     vitals  the release `vitals`      port  its port      pid  the agent's process
#     out     a scratch directory, removed (and the agent killed) when the script exits
#   memory                          prints its RSS, PSS and anonymous memory (smaps_rollup)
vitals=$PWD/.build/release/vitals
[ -x "$vitals" ] && [ -x .build/release/vitals-agent ] || { echo "$0: build the release executables first (scripts/setup.sh)" >&2; exit 2; }
out=$(mktemp -d)
agent=""
trap 'kill ${agent:-} 2>/dev/null || true; rm -rf "$out"' EXIT

start_release_agent() {
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    # The benchmarks measure the agent serving, not its rate limit (one address makes every request).
    VITALS_SERVER_RATE_LIMIT=${VITALS_SERVER_RATE_LIMIT:-0} "$vitals" agent --listen 127.0.0.1:$port --data-dir "$out/data" "$@" > "$out/agent.log" 2>&1 &
    agent=$!
    until curl -sf http://127.0.0.1:$port/readyz > /dev/null; do sleep 0.1; done
    # `vitals agent` hands over to vitals-agent (exec): the same process, found by its arguments.
    pid=$(pgrep -f "vitals-agent agent --listen 127.0.0.1:$port" | head -1)
    pid=${pid:-$agent}
}

memory() {
    awk '/^Rss:/ { r=$2 } /^Pss:/ { p=$2 } /^Anonymous:/ { a=$2 } END { printf "RSS %.1f MB, PSS %.1f MB, anonymous %.1f MB\n", r/1024, p/1024, a/1024 }' /proc/$pid/smaps_rollup
}

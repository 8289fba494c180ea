#!/usr/bin/env bash
# The agent's OpenAPI document against the agent itself: schemathesis (from PyPI, pinned, in a
# virtual environment under .build/) generates requests from /api/v1/openapi.json, valid and
# invalid, every check on (no 5xx, every answer matching its schema and documented status, invalid
# input refused, valid input accepted, undeclared methods 405, the key enforced), then walks the
# links (a silence made, then ended).
#
#   scripts/schemathesis.sh [AGENT-BINARY] [EXAMPLES]   default .build/debug/vitals-agent, 100
#
# The agent runs with an API key and without a rate limit (the fuzzer is one address making
# thousands of requests; 429 is documented on every limited path all the same). Exits non-zero
# when schemathesis finds anything.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/vitals-agent}")
examples=${2:-100}
venv=.build/schemathesis-venv
if ! [ -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'schemathesis==4.32.5'
fi
work=$(mktemp -d)
agent=""
trap 'kill ${agent:-} 2>/dev/null || true; rm -rf "$work"' EXIT
key=schemathesis-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$key" > "$work/key"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
VITALS_SERVER_RATE_LIMIT=0 "$binary" agent --listen "127.0.0.1:$port" --data-dir "$work/data" --api-key-file "$work/key" > "$work/agent.log" 2>&1 &
agent=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.1; done
# One worker: hypothesis' lambda introspection is not thread-safe under Python 3.11 (runtime
# errors in the tool itself with two).
status=0
# From the scratch directory: schemathesis keeps a cache where it runs.
here=$PWD
(cd "$work" && "$here/$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/v1/openapi.json" --checks all \
    -H "Authorization: Bearer $key" --max-examples "$examples" --workers 1 --seed 1 > "$work/report" 2>&1) || status=$?
grep -E "^(Failures|Errors|  ❌|  🚫|Test cases|  [0-9]+ generated)|passed|failures? in|errors? in" "$work/report" || true
tail -3 "$work/report"
if [ "$status" -ne 0 ]; then
    cat "$work/report"
    echo "schemathesis: the agent and its OpenAPI document disagree (above)" >&2
    exit 1
fi
if ! kill -0 "$agent" 2>/dev/null; then
    cat "$work/agent.log"
    echo "schemathesis: the agent died under the fuzzer" >&2
    exit 1
fi
echo "schemathesis: no failure"

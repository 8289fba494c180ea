#!/usr/bin/env bash
# Smoke test of the release build users run (scripts/setup.sh builds it): both executables' --version,
# the dashboard's first frame inside tmux and `q`, and `vitals agent` (handed over to vitals-agent)
# answering /metrics. Needs tmux. Exits non-zero on any failure, saying which.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release
work=$(mktemp -d /tmp/vitals-smoke-XXXXXX)
session="vitals-smoke-$$"
agent_pid=
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; exit 1; }

version=$("$bin/vitals" --version) || fail "vitals --version failed"
agent_version=$("$bin/vitals-agent" --version) || fail "vitals-agent --version failed"
[ "$version" = "$agent_version" ] || fail "versions differ: vitals $version, vitals-agent $agent_version"
echo "smoke: version $version"

# The dashboard: a first frame with the panes, then q ends it and the session closes.
tmux new-session -d -s "$session" -x 120 -y 40 \
  "env HOME=$work XDG_STATE_HOME=$work/state TERM=tmux-256color $bin/vitals; echo exit=\$? > $work/exit; sleep 30"
frame=""
for _ in $(seq 100); do
  frame=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
  case "$frame" in *"CPU"*"Memory"*"Processes"*) break ;; esac
  sleep 0.1
done
case "$frame" in *"CPU"*"Memory"*"Processes"*) ;; *) fail "no dashboard frame in 10 s; the screen held: $frame" ;; esac
tmux send-keys -t "$session" q
for _ in $(seq 50); do [ -s "$work/exit" ] && break; sleep 0.1; done
[ "$(cat "$work/exit" 2>/dev/null)" = "exit=0" ] || fail "q did not end the dashboard cleanly ($(cat "$work/exit" 2>/dev/null || echo 'still running'))"
echo "smoke: dashboard drew its first frame and quit on q"

# The agent: `vitals agent` hands over to vitals-agent; /metrics answers with node_exporter's names.
port=$(( 20000 + RANDOM % 20000 ))
HOME=$work XDG_STATE_HOME=$work/state "$bin/vitals" agent --listen "127.0.0.1:$port" --no-history-file > "$work/agent.log" 2>&1 &
agent_pid=$!
metrics=""
for _ in $(seq 100); do
  if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    printf 'GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
    metrics=$(cat <&3 || true)
    exec 3>&-
    case "$metrics" in *"node_cpu_seconds_total"*) break ;; esac
  fi
  sleep 0.1
done
case "$metrics" in
  "HTTP/1.1 200"*"node_cpu_seconds_total"*) ;;
  *) fail "vitals agent did not answer /metrics in 10 s; its log: $(cat "$work/agent.log")" ;;
esac
echo "smoke: vitals agent answered /metrics on 127.0.0.1:$port"

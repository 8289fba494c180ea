#!/usr/bin/env python3
"""Does one client flooding the API slow another client's /metrics scrape? With the rate limit on
(the defaults, 20 requests a second with bursts of 40, per address) and off, side by side.

    scripts/bench-ratelimit.py [AGENT-BINARY] [--seconds S] [--flooders N]

Starts AGENT-BINARY (default .build/release/vitals-agent) as `agent` on a free loopback port, once
with the default limit and once with `server.rate_limit: 0`. In each run a scraper at 127.0.0.2
asks /metrics ten times a second, first for S seconds alone, then for S seconds while N threads at
127.0.0.1 ask /api/v1/snapshot (the heaviest answer, ~85 KB) as fast as they can on kept-alive
connections. Prints the scraper's p50, p99 and max for each phase, the flood's answers by status,
and the agent's CPU time. One loopback host, so the flood and the agent share its cores.
"""
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from loopback import free_port  # noqa: E402


def percentiles(values):
    if not values:
        return ("-", "-", "-")
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{statistics.median(ordered):.1f}", f"{p99:.1f}", f"{ordered[-1]:.1f}")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def scrape(port, seconds, out, failures):
    conn = None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0))
            conn.request("GET", "/metrics")
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                out.append((time.monotonic() - started) * 1000)
            else:
                failures.append(response.status)
        except OSError:
            failures.append(0)
            conn = None
        time.sleep(max(0, 0.1 - (time.monotonic() - started)))


def flood(port, stop, counts, lock):
    conn = None
    while not stop.is_set():
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=("127.0.0.1", 0))
            conn.request("GET", "/api/v1/snapshot")
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except OSError:
            status = 0
            conn = None
        with lock:
            counts[status] = counts.get(status, 0) + 1


def run(binary, limited, seconds, flooders):
    state = tempfile.mkdtemp(prefix="vitals-ratelimit-")
    port = free_port()
    env = dict(os.environ, HOME=state, XDG_STATE_HOME=state)
    if not limited:
        env["VITALS_SERVER_RATE_LIMIT"] = "0"
    agent = subprocess.Popen([binary, "agent", "--listen", f"127.0.0.1:{port}", "--no-history-file"], env=env,
                             stdout=subprocess.DEVNULL, stderr=open(os.path.join(state, "agent.log"), "w"))
    try:
        for _ in range(200):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            sys.exit("bench-ratelimit: the agent did not become ready")
        quiet, quiet_failed = [], []
        scrape(port, seconds, quiet, quiet_failed)
        stop, lock, counts = threading.Event(), threading.Lock(), {}
        threads = [threading.Thread(target=flood, args=(port, stop, counts, lock), daemon=True) for _ in range(flooders)]
        cpu_before = cpu_seconds(agent.pid)
        for t in threads:
            t.start()
        loaded, loaded_failed = [], []
        scrape(port, seconds, loaded, loaded_failed)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        cpu = cpu_seconds(agent.pid) - cpu_before
        return quiet, quiet_failed, loaded, loaded_failed, counts, cpu
    finally:
        agent.terminate()
        agent.wait(timeout=30)


def main():
    args = sys.argv[1:]
    seconds, flooders = 15.0, 8
    if "--seconds" in args:
        i = args.index("--seconds")
        seconds = float(args[i + 1])
        del args[i:i + 2]
    if "--flooders" in args:
        i = args.index("--flooders")
        flooders = int(args[i + 1])
        del args[i:i + 2]
    binary = args[0] if args else ".build/release/vitals-agent"
    print(f"{flooders} flooders at 127.0.0.1 asking /api/v1/snapshot; a scraper at 127.0.0.2 asking /metrics 10/s; {seconds:.0f} s a phase")
    print(f"{'rate limit':<22} {'phase':<8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'n':>5} {'failed':>6}   flood answers          agent CPU")
    for limited in (True, False):
        quiet, qf, loaded, lf, counts, cpu = run(binary, limited, seconds, flooders)
        name = "20/s, bursts of 40" if limited else "off"
        for phase, values, failed in (("alone", quiet, qf), ("flooded", loaded, lf)):
            p50, p99, mx = percentiles(values)
            extra = ""
            if phase == "flooded":
                answers = ", ".join(f"{status or 'error'}: {n}" for status, n in sorted(counts.items()))
                extra = f"   {answers:<22} {cpu:.1f} s in {seconds:.0f} s"
            print(f"{name:<22} {phase:<8} {p50:>7} {p99:>7} {mx:>7} {len(values):>5} {len(failed):>6}{extra}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Grafana dashboard 1860 ("Node Exporter Full") against vitals and node_exporter on this host.

Starts the release `vitals agent`, Debian's prometheus-node-exporter and a Prometheus scraping
both every second, waits, then runs every panel query of the dashboard (its `expr` fields, with
$node, $job and Grafana's intervals filled in) once per exporter, and lists the queries that
return data for node_exporter but not for vitals.

    scripts/dashboard-parity.py DASHBOARD.json [--wait SECONDS]

The dashboard is not in the repository: fetch it from grafana.com (id 1860) or from
rfmoz/grafana-dashboards' prometheus/node-exporter-full.json (Apache-2.0).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from loopback import free_port  # noqa: E402


def queries(dashboard):
    out = []

    def walk(panel):
        for target in panel.get("targets") or []:
            if target.get("expr"):
                out.append((panel.get("title", "?"), target["expr"]))
        for child in panel.get("panels") or []:
            walk(child)

    for panel in dashboard.get("panels", []):
        walk(panel)
    return out


def fill(expr, job, instance):
    for name, value in [("$__rate_interval", "1m"), ("$__interval_ms", "15000"), ("$__interval", "15s"),
                        ("$__range_s", "300"), ("$__range", "5m"), ("${node}", instance), ("$node", instance),
                        ("${job}", job), ("$job", job), ("$nodename", ".*")]:
        expr = expr.replace(name, value)
    return expr


def has_data(prom, expr):
    url = f"http://127.0.0.1:{prom}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            doc = json.load(answer)
    except Exception:
        return False
    result = doc.get("data", {}).get("result")
    return bool(result) if isinstance(result, list) else result is not None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dashboard")
    parser.add_argument("--wait", type=float, default=70)
    parser.add_argument("--all", action="store_true", help="also list the queries with data for neither")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    vitals = os.path.join(root, ".build/release/vitals")
    exporter = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
    if not os.access(vitals, os.X_OK) or not exporter or not shutil.which("prometheus"):
        sys.exit("needs the release build, prometheus-node-exporter and prometheus")
    scratch = tempfile.mkdtemp()
    vport, nport, pport = free_port(), free_port(), free_port()
    config = f"""global:
  scrape_interval: 1s
scrape_configs:
  - job_name: vitals
    static_configs: [{{targets: ['127.0.0.1:{vport}']}}]
  - job_name: node
    static_configs: [{{targets: ['127.0.0.1:{nport}']}}]
"""
    with open(os.path.join(scratch, "prometheus.yml"), "w") as f:
        f.write(config)
    processes = [
        subprocess.Popen([vitals, "agent", "--listen", f"127.0.0.1:{vport}", "--no-history-file"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([exporter, f"--web.listen-address=127.0.0.1:{nport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(["prometheus", f"--config.file={scratch}/prometheus.yml", f"--storage.tsdb.path={scratch}/tsdb",
                          f"--web.listen-address=127.0.0.1:{pport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        time.sleep(args.wait)
        with open(args.dashboard) as f:
            dashboard = json.load(f)
        missing = []
        nothing = []
        both = 0
        all_queries = queries(dashboard)
        for title, expr in all_queries:
            node = has_data(pport, fill(expr, "node", f"127.0.0.1:{nport}"))
            ours = has_data(pport, fill(expr, "vitals", f"127.0.0.1:{vport}"))
            if node and not ours:
                missing.append((title, expr))
            elif node and ours:
                both += 1
            elif not node and not ours:
                nothing.append((title, expr))
        ours_only = len(all_queries) - both - len(nothing) - len(missing)
        print(f"{len(all_queries)} queries: {both} return data for both, {len(nothing)} for neither (no such device or state here), "
              f"{ours_only} for vitals only, {len(missing)} for node_exporter only")
        for title, expr in missing:
            print(f"  {title}: {expr}")
        if args.all:
            print("for neither:")
            for title, expr in nothing:
                print(f"  {title}: {expr}")
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()

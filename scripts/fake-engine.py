#!/usr/bin/env python3
"""A container runtime's Engine API on a unix socket, for benches: COUNT containers in Docker's
shapes (list, each record, /version), and an /events stream that stays open and idle.

    scripts/fake-engine.py SOCKET COUNT

Stops on SIGTERM. The answers follow Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/.
"""
import json
import os
import socketserver
import sys
import time
from http.server import BaseHTTPRequestHandler

path, count = sys.argv[1], int(sys.argv[2])
containers = []
for i in range(count):
    cid = f"{i:064x}"
    state = "exited" if i % 10 == 9 else "running"
    containers.append({
        "Id": cid, "Names": [f"/app-{i}"], "Image": f"app/service-{i % 7}:1.{i}", "Created": 1796600000 + i,
        "State": state, "Status": "Exited (1) 4 minutes ago" if state == "exited" else ("Up 2 hours (healthy)" if i % 3 == 0 else "Up 2 hours"),
        "Labels": {"com.example.team": "ops"}, "Ports": [], "Mounts": [], "NetworkSettings": {"Networks": {}},
    })
records = {c["Id"]: {
    "Id": c["Id"], "Name": c["Names"][0], "Created": "2026-12-06T23:00:00.123456789Z", "RestartCount": 1,
    "Config": {"Image": c["Image"], "Labels": c["Labels"]},
    "State": {"Status": c["State"], "Running": c["State"] == "running", "Paused": False, "Restarting": False, "Dead": False,
              "ExitCode": 1 if c["State"] == "exited" else 0, "StartedAt": "2026-12-07T05:00:00.5Z",
              "FinishedAt": "2026-12-07T05:36:00Z" if c["State"] == "exited" else "0001-01-01T00:00:00Z",
              **({"Health": {"Status": "healthy", "FailingStreak": 0, "Log": []}} if "healthy" in c["Status"] else {})},
} for c in containers}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        route = self.path.split("?")[0]
        if route == "/version":
            self.answer(200, {"Components": [{"Name": "Engine", "Version": "27.1.1"}], "Version": "27.1.1"})
        elif route == "/containers/json":
            self.answer(200, containers)
        elif route.startswith("/containers/") and route.endswith("/json"):
            record = records.get(route.split("/")[2])
            self.answer(200 if record else 404, record or {"message": "no such container"})
        elif route == "/events":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.flush()
            while True:
                time.sleep(3600)
        else:
            self.answer(404, {"message": "page not found"})


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


if os.path.exists(path):
    os.unlink(path)
with Server(path, Handler) as server:
    server.serve_forever()

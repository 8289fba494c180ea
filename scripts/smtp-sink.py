#!/usr/bin/env python3
"""A real SMTP server on loopback for vitals' mail tests: aiosmtpd (PyPI), with STARTTLS or
implicit TLS on a certificate the test made, optional AUTH, every accepted message written whole.

    smtp-sink.py --out DIR [--mode starttls|tls|plain] [--cert PEM --key PEM]
                 [--user NAME --password TEXT]

Prints "ready PORT" once it accepts connections, then runs until SIGTERM or SIGINT, or for
--seconds at most (600), so that a test that died leaves nothing behind for long. Each message becomes DIR/N.eml (the bytes as received) and DIR/N.json (the
envelope: sender, recipients, whether the session was over TLS, the authenticated user).
"""
import argparse
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from loopback import free_port  # noqa: E402


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.out, str(n))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        envelope_facts = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "user": session.auth_data if isinstance(session.auth_data, str) else None,
        }
        with open(base + ".json", "w") as f:
            json.dump(envelope_facts, f)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", choices=["starttls", "tls", "plain"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()

    context = None
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = args.user is not None and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login.decode())

    kwargs = {}
    if args.user:
        kwargs["authenticator"] = authenticate
        kwargs["auth_require_tls"] = args.mode == "starttls"
    if args.mode == "starttls":
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    elif args.mode == "tls":
        kwargs["ssl_context"] = context

    port = free_port()
    controller = Controller(Sink(args.out), hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"ready {port}", flush=True)
    try:
        stop.wait(args.seconds)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

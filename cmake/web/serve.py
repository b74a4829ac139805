#!/usr/bin/env python3
"""Serves build-web/site for a browser: http://127.0.0.1:8080/ by default,
--host 0.0.0.0 so a phone on the same network can open it (the URL to type
on the phone is printed). Python's own server, with the MIME types a web app
needs (.wasm must be application/wasm for streaming compilation, and the
manifest application/manifest+json)."""
import argparse
import functools
import http.server
import os
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
        ".data": "application/octet-stream",
        ".png": "image/png",
        ".html": "text/html; charset=utf-8",
    }

    def end_headers(self):
        # The service worker script is checked for a new version at each start.
        if self.path.endswith("sw.js"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("UNKNOT_SERVE_QUIET") != "1":
            super().log_message(fmt, *args)


def lan_address():
    """The machine's address on its network (for the phone), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent (UDP connect)
            return s.getsockname()[0]
    except OSError:
        return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_site = os.path.join(os.environ.get("UNKNOT_WEB_DIR", os.path.join(here, "..", "..", "build-web")), "site")
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--site", default=default_site)
    a = p.parse_args()
    if not os.path.isfile(os.path.join(a.site, "index.html")):
        sys.exit(f"serve: {a.site}/index.html is missing: run bash cmake/quickstart.sh web-build")
    server = http.server.ThreadingHTTPServer((a.host, a.port), functools.partial(Handler, directory=a.site))
    port = server.server_address[1]
    shown = "127.0.0.1" if a.host in ("0.0.0.0", "") else a.host
    print(f"Unknot is served at http://{shown}:{port}/", flush=True)
    if a.host in ("0.0.0.0", ""):
        lan = lan_address()
        if lan:
            print(f"On a phone on the same network, open http://{lan}:{port}/", flush=True)
        print("(A phone's browser allows the service worker, the wake lock and installing only on https or "
              "localhost: see docs/web.md, \"On a phone\".)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

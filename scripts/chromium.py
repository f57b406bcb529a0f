"""Debian's headless Chromium, and a plain static server.

Shared by the maintainer scripts in this folder and by the browser tests.
Playwright drives the system's Chromium (`executable_path`); it never
downloads a browser of its own. render_cover.py runs Chromium from its
command line, as it needs only what builds the book, not Playwright.
"""

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium")
# The widths and colour modes a reader sees the book at.
WIDTHS = {"desktop": 1280, "phone": 390}
MODES = ["light", "dark"]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium():
    if CHROMIUM is None:
        raise SystemExit("Chromium is not installed: on Debian, `apt-get install chromium`")
    return CHROMIUM


def launch(playwright):
    """A headless Chromium with a fresh profile (Playwright gives each launch its own)."""
    return playwright.chromium.launch(executable_path=require_chromium(), headless=True, args=FLAGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found_page = None  # a file of the served folder, sent for every missing path

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found_page is None:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / self.not_found_page).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def static_server(directory, not_found_page=None):
    """Serve `directory` as a plain static server on 127.0.0.1; yields its base URL.

    With `not_found_page` (a path in `directory`), a missing path is answered
    with that page and status 404, as GitHub Pages and Read the Docs answer.
    """
    handler_class = type("Handler", (_QuietHandler,), {"not_found_page": not_found_page})
    handler = functools.partial(handler_class, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()

"""Debian's headless Chromium, driven by Playwright, and a plain static server.

Shared by the maintainer scripts in this folder and by the browser tests.
Playwright drives the system's Chromium (`executable_path`); it never
downloads a browser of its own.
"""

import contextlib
import functools
import http.server
import shutil
import threading

CHROMIUM = shutil.which("chromium")
# The widths and colour modes a reader sees the book at.
WIDTHS = {"desktop": 1280, "phone": 390}
MODES = ["light", "dark"]
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium():
    if CHROMIUM is None:
        raise SystemExit("Chromium is not installed: on Debian, `apt-get install chromium`")
    return CHROMIUM


def launch(playwright):
    """A headless Chromium with a fresh profile (Playwright gives each launch its own)."""
    require_chromium()
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def static_server(directory):
    """Serve `directory` as a plain static server on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()

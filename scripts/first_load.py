"""How many bytes a first view of the book's front page fetches, in Chromium.

    .venv/bin/python scripts/first_load.py [BUILD_DIR] [--list]

Serves BUILD_DIR (default _build/html) from a plain static server on
127.0.0.1, opens index.html in a fresh headless Chromium (empty cache), waits
until the network is idle and adds up the bodies of every response, as
served (uncompressed). The first word printed is the total in bytes; --list
adds one line per file fetched.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from chromium import launch, static_server


def first_view(browser, url):
    """Every file a first view of `url` fetches, as (url, bytes), in a fresh, empty cache."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    fetched = [(response.url, len(response.body())) for response in responses]
    context.close()
    return fetched


def main(arguments):
    listing = "--list" in arguments
    build_dir = Path(next((a for a in arguments if a != "--list"), "_build/html"))
    if not (build_dir / "index.html").exists():
        sys.exit(f"{build_dir}/index.html not found: run `make html` first")
    with sync_playwright() as playwright, static_server(build_dir) as base_url:
        browser = launch(playwright)
        fetched = first_view(browser, base_url + "index.html")
        browser.close()
    total = sum(size for _, size in fetched)
    print(f"{total} bytes fetched by a first view of the front page ({len(fetched)} files, empty cache)")
    if listing:
        for url, size in sorted(fetched, key=lambda item: -item[1]):
            print(f"{size:>10}  {url.removeprefix(base_url)}")


if __name__ == "__main__":
    main(sys.argv[1:])

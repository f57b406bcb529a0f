"""Screenshots of the HTML book to look at: front page, a fact and the glossary,
at desktop and phone widths, in light and dark mode.

    .venv/bin/python scripts/screenshots.py [BUILD_DIR] [OUT_DIR]

BUILD_DIR defaults to _build/html, OUT_DIR to _build/screenshots.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from chromium import MODES, WIDTHS, launch

PAGES = {"front": "index.html", "fact": "chapters/02-glastonbury.html", "glossary": "people.html"}


def main(build_dir=Path("_build/html"), out_dir=Path("_build/screenshots")):
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for mode in MODES:
            for width_name, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto((build_dir / path).resolve().as_uri())
                    page.wait_for_load_state("networkidle")
                    target = out_dir / f"{name}-{width_name}-{mode}.png"
                    page.screenshot(path=target, full_page=True)
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main(*map(Path, sys.argv[1:3]))

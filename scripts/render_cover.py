#!/usr/bin/env python3
"""Render the EPUB's cover, _themes/ereader/static/cover.svg, to cover.jpg
beside it, and the web edition's social card (the 1200x630 picture a link to
the book shows in a chat or a social network) to _web/social-card.jpg: the
cover beside the title.

Run it after editing the SVG: `.venv/bin/python scripts/render_cover.py`.
Headless Chromium draws the SVG (with the machine's fonts, so the JPEGs are kept
in the repository); Pillow saves each as a JPEG whose comment holds the SVG's
SHA-256, which every build compares with the SVG's (book_core.checks), to stop
at a cover left unrendered.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from chromium import FLAGS, require_chromium

BOOK = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BOOK / "_ext"))
from book_core import checks  # noqa: E402

SOURCE, COVER, SOCIAL_CARD = (BOOK / path for path in (checks.COVER_DRAWING, checks.COVER_PICTURE, checks.SOCIAL_CARD))
COVER_SIZE = (1600, 2400)  # the SVG's width and height; 2:3, as e-book stores ask
SOCIAL_CARD_SIZE = (1200, 630)  # what Open Graph and Twitter's large card show
JPEG_QUALITY = 90

# The social card: the cover at full height, and beside it the title in the
# cover's own type and colours, large enough to read in a link's preview.
SOCIAL_CARD_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: 1200px; height: 630px; overflow: hidden; }}
  body {{ display: flex; align-items: center; gap: 56px;
          background: radial-gradient(circle at 30% 40%, #2c2f57, #0d1024 80%);
          font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; color: #f6efe0; }}
  img {{ height: 630px; box-shadow: 8px 0 32px #0008; }}
  h1 {{ margin: 0; font-size: 96px; font-weight: normal; letter-spacing: 3px; line-height: 1.05; }}
  p {{ margin: 28px 0 0; font-size: 44px; }}
  em {{ color: #e8bd57; }}
</style></head><body>
  <img src="{cover}" alt="">
  <div><h1>A Star<br>Is Born</h1><p>Eight Facts from<br><em>The Road to Stardom</em></p></div>
</body></html>
"""


def render(page, size, target, tmp):
    shot = tmp / f"{target.stem}.png"
    subprocess.run(
        [
            require_chromium(),
            "--headless",
            *FLAGS,
            "--hide-scrollbars",
            f"--user-data-dir={tmp / 'profile'}",
            "--force-device-scale-factor=1",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    image = Image.open(shot).convert("RGB")
    if image.size != size:
        sys.exit(f"render_cover: the browser drew {image.size} for {target.name}, expected {size}")
    image.save(target, quality=JPEG_QUALITY, optimize=True, comment=checks.drawing_mark(BOOK))
    print(f"wrote {target.relative_to(BOOK)} ({target.stat().st_size // 1024} KiB)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        render(SOURCE, COVER_SIZE, COVER, tmp)
        card_page = tmp / "social-card.html"
        card_page.write_text(SOCIAL_CARD_PAGE.format(cover=SOURCE.as_uri()), encoding="utf-8")
        render(card_page, SOCIAL_CARD_SIZE, SOCIAL_CARD, tmp)


if __name__ == "__main__":
    main()

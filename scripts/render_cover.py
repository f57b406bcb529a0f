#!/usr/bin/env python3
"""Render the EPUB's cover, _epub/cover.svg, to _epub/cover.jpg.

Run it after editing the SVG: `.venv/bin/python scripts/render_cover.py`.
Headless Chromium draws the SVG (with the machine's fonts, so the JPEG is kept
in the repository); Pillow saves it as a JPEG whose comment holds the SVG's
SHA-256, which the tests compare with the SVG to catch a cover left unrendered.
"""

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from chromium import FLAGS, require_chromium

BOOK = Path(__file__).resolve().parent.parent
SOURCE = BOOK / "_epub/cover.svg"
TARGET = BOOK / "_epub/cover.jpg"
SIZE = (1600, 2400)  # the SVG's width and height; 2:3, as e-book stores ask
JPEG_QUALITY = 90


def screenshot(svg, png, profile):
    subprocess.run(
        [require_chromium(), "--headless", *FLAGS, "--hide-scrollbars", f"--user-data-dir={profile}",
         "--force-device-scale-factor=1", f"--window-size={SIZE[0]},{SIZE[1]}", f"--screenshot={png}",
         svg.as_uri()],
        check=True, capture_output=True,
    )


def main():
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "cover.png"
        screenshot(SOURCE, shot, Path(tmp) / "profile")
        image = Image.open(shot).convert("RGB")
    if image.size != SIZE:
        sys.exit(f"render_cover: the browser drew {image.size}, expected {SIZE}")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    image.save(TARGET, quality=JPEG_QUALITY, optimize=True, comment=f"sha256:{digest}")
    print(f"wrote {TARGET.relative_to(BOOK)} ({TARGET.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

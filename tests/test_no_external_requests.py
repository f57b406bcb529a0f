"""Opening any page of the HTML book asks no other host for anything."""

import re

REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
# Attributes through which a page loads something, as opposed to links a reader follows.
LOADING = [
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("link", "href"),
]


def test_pages_load_nothing_from_another_host(html_pages):
    remote = []
    for page, soup in html_pages.items():
        for tag_name, attribute in LOADING:
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                if tag_name == "link" and not {
                    "stylesheet",
                    "preload",
                    "icon",
                    "modulepreload",
                    "prefetch",
                    "dns-prefetch",
                    "preconnect",
                    "manifest",
                } & set(tag.get("rel", [])):
                    continue
                if REMOTE.match(tag[attribute]):
                    remote.append((page, str(tag)[:120]))
        for style in soup.find_all("style"):
            remote += [(page, url) for url in CSS_URL.findall(style.get_text()) if REMOTE.match("".join(url))]
    assert remote == []


def test_stylesheets_load_nothing_from_another_host(html_dir):
    remote = []
    for css in html_dir.rglob("*.css"):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match[1] or match[2]
            if REMOTE.match(url):
                remote.append((css.relative_to(html_dir).as_posix(), url))
    assert remote == []

"""The EPUB suits e-readers: Sphinx's epub theme and the book's e-reader
stylesheet, relative sizes, the reader's own colours and typeface, no scripts."""

import re

from book import BOOK
from epub import NS

ABSOLUTE_UNITS = re.compile(r"\d(?:px|pt|pc|cm|mm|in)\b")
COLOUR = re.compile(r"(?:^|[;{\s])(?:color|background(?:-color)?)\s*:(?!\s*(?:inherit|transparent)\b)[^;]+", re.M)


def stylesheets(epub, name):
    return [
        epub.resolve(name, link.get("href"))[0]
        for link in epub.xml(name).iterfind(".//xhtml:link[@rel='stylesheet']", NS)
    ]


def test_pages_use_the_epub_theme_and_the_reader_stylesheet_only(epub):
    for name in epub.spine:
        assert stylesheets(epub, name) == ["_static/pygments.css", "_static/epub.css", "_static/reader.css"], name


def test_the_reader_stylesheet_uses_relative_sizes_and_the_readers_colours_and_typeface(epub):
    css = re.sub(r"/\*.*?\*/", "", epub.files["_static/reader.css"].decode(), flags=re.S)
    assert ABSOLUTE_UNITS.findall(css) == []
    assert COLOUR.findall(css) == []
    assert "font-family" not in css


def test_no_scripts(epub):
    assert [name for name in epub.files if name.endswith(".js")] == []
    for name in epub.documents():
        assert epub.xml(name).findall(".//xhtml:script", NS) == [], name


def test_every_document_states_its_language(epub):
    for name in epub.documents():
        assert epub.xml(name).get("lang") == "en", name


def test_the_epubs_own_files_stay_out_of_the_html(epub, html_dir):
    own = {path.name for path in (BOOK / "_themes/ereader/static").iterdir()}
    assert {"reader.css", "cover.jpg"} <= own
    assert {f"_static/{name}" for name in own} & set(epub.files)
    assert {path.name for path in html_dir.rglob("*") if path.name in own} == set()

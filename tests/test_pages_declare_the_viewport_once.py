"""Every page declares the viewport once: each HTML page and each EPUB
document in the reading order has exactly one <meta name="viewport">, and
no other EPUB document has more."""

from bs4 import BeautifulSoup


def viewports(page):
    return len(page.select('head meta[name="viewport"]'))


def test_each_html_page_declares_the_viewport_once(html_pages):
    assert {name: viewports(page) for name, page in html_pages.items() if viewports(page) != 1} == {}


def test_each_epub_document_declares_the_viewport_at_most_once(epub):
    counts = {name: viewports(BeautifulSoup(epub.files[name], "html.parser")) for name in epub.documents()}
    assert {name: count for name, count in counts.items() if count > 1} == {}
    assert {name: counts[name] for name in epub.spine if counts[name] != 1} == {}

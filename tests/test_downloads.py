"""The HTML book offers the EPUB and the PDF of the same `make all`, and no
download link at all after a bare `make html`."""

import pytest
from bs4 import BeautifulSoup

from book import copy_book, link_target, make


def parsed_pages(html_dir):
    return {path.relative_to(html_dir).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in html_dir.rglob("*.html") if "_static" not in path.parts}


@pytest.fixture(scope="module")
def made_all(tmp_path_factory):
    book = copy_book(tmp_path_factory.mktemp("all") / "book")
    result = make(book, "all")
    assert result.returncode == 0, result.stdout + result.stderr
    return book / "_build"


def download_links(page):
    return [link for link in page.select("a[href]") if "downloads/" in link["href"]]


def test_every_page_and_the_front_page_offer_both_files(made_all):
    pages = parsed_pages(made_all / "html")
    for name, page in pages.items():
        sidebar = page.select("nav.edition-downloads a")
        assert len(sidebar) == 2, name
    front = pages["index.html"].select("article p.edition-downloads a")
    assert len(front) == 2


def test_download_links_reach_the_files_this_build_wrote(made_all):
    written = {"EPUB": next((made_all / "epub").glob("*.epub")), "PDF": next((made_all / "pdf").glob("*.pdf"))}
    for name, page in parsed_pages(made_all / "html").items():
        for link in download_links(page):
            target, _ = link_target(name, link["href"])
            fmt = next(fmt for fmt in written if f"({fmt}, " in link.get_text())
            assert (made_all / "html" / target).read_bytes() == written[fmt].read_bytes(), (name, link["href"])
            size_kb = round(written[fmt].stat().st_size / 1024)
            assert f"({fmt}, {size_kb} KB)" in link.get_text()


def test_bare_make_html_has_no_download_links(tmp_path):
    book = copy_book(tmp_path / "book")
    result = make(book, "html")
    assert result.returncode == 0, result.stderr
    html = book / "_build" / "html"
    assert not (html / "downloads").exists()
    assert {name: download_links(page) for name, page in parsed_pages(html).items() if download_links(page)} == {}

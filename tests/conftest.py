"""Shared fixtures: the book's facts, and one real build of each edition per test session."""

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from book import build_edition, build_pdf, read_facts
from epub import Epub, build_epub


@pytest.fixture(scope="session")
def facts():
    return read_facts()


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("html"), "html")


@pytest.fixture(scope="session")
def html_pages(html_dir):
    """Every page of the built book, parsed, keyed by its path relative to the build."""
    pages = sorted(path for path in html_dir.rglob("*.html") if "_static" not in path.relative_to(html_dir).parts)
    return {
        path.relative_to(html_dir).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in pages
    }


@pytest.fixture(scope="session")
def epub(tmp_path_factory):
    """The EPUB edition, built once at a fixed SOURCE_DATE_EPOCH."""
    return Epub(build_epub(tmp_path_factory.mktemp("epub")))


@pytest.fixture(scope="session")
def pdf_file(tmp_path_factory):
    """The print edition, built once with SOURCE_DATE_EPOCH set."""
    return build_pdf(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def pdf(pdf_file):
    return PdfReader(pdf_file)


@pytest.fixture(scope="session")
def print_page(pdf_file):
    """The HTML page WeasyPrint typeset, parsed: it says what each link's target is."""
    return BeautifulSoup((pdf_file.parent / "index.html").read_text(encoding="utf-8"), "html.parser")

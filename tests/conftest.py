"""Shared fixtures: the book's facts, and the book built once per test session
as `make all` builds it, which the tests read as readers get it (and, for the
tests of reproducible editions, built a second time elsewhere); both builds
run in the background from the session's start (background.py)."""

import zipfile

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from background import background_builds, built, in_background, waits_for_a_build  # noqa: F401  (an autouse fixture)
from book import copy_book, make, parsed_pages, read_facts, start_make
from epub import Epub

pytest_plugins = ["browser", "web_edition"]


def pytest_collection_modifyitems(items):
    """The tests that wait for no background build run first, while the builds go on (a stable sort)."""
    items.sort(key=waits_for_a_build)


@pytest.fixture(scope="session")
def facts():
    return read_facts()


@in_background("published", order=0)
@in_background("published_again", order=2)
def make_all(folder):
    """The build folder of `make all`, run in a copy of the book in `folder` at a fixed SOURCE_DATE_EPOCH."""
    book = copy_book(folder / "book")
    result = make(book, "all")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    return book / "_build"


@pytest.fixture(scope="session")
def published(request):
    """The book as readers get it: the build folder of `make all`."""
    return built(request, "published")


@pytest.fixture(scope="session")
def published_again(request):
    """A second `make all`, in another copy of the book in another folder: what reproducible editions equal."""
    return built(request, "published_again")


@pytest.fixture(scope="session")
def html_dir(published):
    return published / "html"


@pytest.fixture(scope="session")
def html_pages(html_dir):
    """Every page of the built book, parsed, keyed by its path relative to the build."""
    return parsed_pages(html_dir)


@pytest.fixture(scope="session")
def epub(published):
    (path,) = (published / "epub").glob("*.epub")
    return Epub(path)


@pytest.fixture(scope="session")
def pdf_file(published):
    (path,) = (published / "pdf").glob("*.pdf")
    return path


@pytest.fixture(scope="session")
def pdf(pdf_file):
    return PdfReader(pdf_file)


@pytest.fixture(scope="session")
def print_page(pdf_file):
    """The HTML page WeasyPrint typeset, parsed: it says what each link's target is."""
    return BeautifulSoup((pdf_file.parent / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def epub_dir(epub, tmp_path_factory):
    """The EPUB's files unpacked, as a reading system reads them."""
    folder = tmp_path_factory.mktemp("epub")
    zipfile.ZipFile(epub.path).extractall(folder)
    return folder


@in_background("html_built_twice_at_once")
def build_html_twice_at_once(folder):
    """The book and the output of two `make html` started together in a copy of it, over a staging
    folder that an interrupted build left half written."""
    book = copy_book(folder / "book")
    (book / "_build" / "html.new" / "chapters").mkdir(parents=True)
    (book / "_build" / "html.new" / "chapters" / "stale.html").write_text("left by an interrupted build")
    runs = [start_make(book, "html") for _ in range(2)]
    outputs = []
    for run in runs:
        stdout, stderr = run.communicate()
        assert run.returncode == 0, stdout + stderr
        outputs.append(stdout)
    return book, outputs


@pytest.fixture
def html_built_twice_at_once(request):
    return built(request, "html_built_twice_at_once")

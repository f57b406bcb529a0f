"""The HTML book offers the EPUB and the PDF of the same `make all`, and no
download link at all after a bare `make html` (conftest.py's
`html_built_twice_at_once`, in a fresh copy), nor after a chapter is edited
since the EPUB and the PDF were built (in a copy of the session's `make all`),
even when the edit keeps an older time than theirs, as a restored backup does.
A build into another folder than make's default one offers them whatever
that one holds (`make serve`'s preview, say), and the output of make written
beside the sources as it runs changes nothing of what the HTML offers. A
build that saw the book change after it began, before it had read it all,
writes no digest beside its edition, which no HTML build then offers."""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from book import READ_AT_TOP, append, chapter, copy_book, link_target, make, start_make
from html_edition.downloads import (
    DIGEST_FILE,
    book_digest,
    book_file_digests,
    take_book_digest,
    take_file_digests,
    write_digest,
)


def digest(book, read_at_top=READ_AT_TOP):
    return book_digest(book_file_digests(book, book / "_build"), read_at_top)


def download_links(page):
    return [link for link in page.select("a[href]") if "downloads/" in link["href"]]


def test_every_page_and_the_front_page_offer_both_files(html_pages):
    for name, page in html_pages.items():
        assert len(page.select("nav.edition-downloads a")) == 2, name
    assert len(html_pages["index.html"].select("article p.edition-downloads a")) == 2


def test_download_links_reach_the_files_this_build_wrote(published, html_pages):
    written = {"EPUB": next((published / "epub").glob("*.epub")), "PDF": next((published / "pdf").glob("*.pdf"))}
    for name, page in html_pages.items():
        for link in download_links(page):
            target, _ = link_target(name, link["href"])
            fmt = next(fmt for fmt in written if f"({fmt}, " in link.get_text())
            assert (published / "html" / target).read_bytes() == written[fmt].read_bytes(), (name, link["href"])
            assert f"({fmt}, {round(written[fmt].stat().st_size / 1024)} KB)" in link.get_text()


def assert_no_download_offered(html):
    assert not (html / "downloads").exists()
    pages = {
        path.relative_to(html): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in html.rglob("*.html")
        if "_static" not in path.parts
    }
    assert {name: download_links(page) for name, page in pages.items() if download_links(page)} == {}


def test_bare_make_html_has_no_download_links(html_built_twice_at_once):
    book, _outputs = html_built_twice_at_once
    assert_no_download_offered(book / "_build" / "html")


@pytest.fixture(scope="module")
def edited_after_make_all(published, tmp_path_factory):
    """A copy of the book with the session's `make all` in its _build, then a chapter edited under the time it
    had before (as a backup restored), and `make html` run."""
    book = copy_book(tmp_path_factory.mktemp("edited") / "book")
    shutil.copytree(published, book / "_build", symlinks=True)
    fourth = chapter(book, "04")
    before = fourth.stat()
    append(fourth, "\nOne sentence more.\n")
    os.utime(fourth, ns=(before.st_atime_ns, before.st_mtime_ns))
    return book, make(book, "html")


def test_after_an_edit_make_html_offers_no_edition_older_than_the_sources(edited_after_make_all):
    book, result = edited_after_make_all
    assert result.returncode == 0, result.stdout + result.stderr
    assert (book / "_build" / "epub").is_dir() and (book / "_build" / "pdf").is_dir()
    assert_no_download_offered(book / "_build" / "html")


def test_a_build_into_another_folder_offers_them_whatever_makes_default_folder_holds(published, tmp_path):
    book = copy_book(tmp_path / "book")
    shutil.copytree(published, book / "out", symlinks=True)
    (book / "out.lock").touch()  # as out's builds leave it
    (book / "_build" / "serve").mkdir(parents=True)
    (book / "_build" / "serve" / "index.html").write_text("A page of make serve's preview.", encoding="utf-8")
    result = make(book, "html", "BUILDDIR=out")
    assert result.returncode == 0, result.stderr
    front = BeautifulSoup((book / "out" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(front.select("article p.edition-downloads a")) == 2


def test_a_folder_named_as_the_maintainers_commands_is_part_of_the_book_below_its_top(tmp_path):
    book = copy_book(tmp_path / "book")
    made_from = digest(book)
    (book / "scripts" / "notes.txt").write_text("Not read by a build.\n", encoding="utf-8")
    assert digest(book) == made_from
    (book / "images" / "scripts").mkdir(parents=True)
    (book / "images" / "scripts" / "take.png").write_bytes(b"a picture a chapter may show")
    assert digest(book) != made_from


def test_output_written_beside_the_sources_as_the_build_runs_is_not_part_of_the_book(tmp_path):
    book = copy_book(tmp_path / "book")
    made_from = digest(book)
    (book / "build.log").write_text("Running Sphinx v9.0.4\n", encoding="utf-8")
    (book / "build-output.txt").write_text("Running Sphinx v9.0.4\n", encoding="utf-8")
    assert digest(book) == made_from
    (book / "notes").mkdir()
    (book / "notes" / "takes.log").write_text("Take 1: kept.\n", encoding="utf-8")  # a file a build may include
    assert digest(book) != made_from
    made_from = digest(book)
    (book / "takes.txt").write_text("Take 1: kept.\n", encoding="utf-8")  # included by a source, the build says
    assert digest(book) == made_from
    assert digest(book, READ_AT_TOP | {"takes.txt"}) != made_from


def test_make_all_with_its_output_written_beside_the_sources_offers_both_files(published, tmp_path):
    book = copy_book(tmp_path / "book")
    shutil.copytree(published, book / "_build", symlinks=True)
    with (book / "build-output.txt").open("w") as output:  # make all > build-output.txt
        assert start_make(book, "all", stdout=output, stderr=output).wait() == 0
    front = BeautifulSoup((book / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(front.select("article p.edition-downloads a")) == 2


def test_an_epub_or_pdf_build_that_saw_the_book_change_as_it_ran_fails_and_writes_no_digest(tmp_path, caplog):
    """Its edition may hold the edit or not: were its digest the one taken as it began, a build after the edit was
    undone would offer it as the book's. A folder built into before loses the digest it held."""
    book = copy_book(tmp_path / "book")
    outdir = book / "_build" / "pdf.new"
    outdir.mkdir(parents=True)
    build = SimpleNamespace(srcdir=book, outdir=outdir, builder=SimpleNamespace(name="pdf"))
    sources = {"index", "people"}
    read = SimpleNamespace(srcdir=book, found_docs=sources, doc2path=lambda doc: book / f"{doc}.md", dependencies={})
    for edit in (None, "\nAn edit saved as the build ran.\n"):
        take_file_digests(build)
        take_book_digest(build, read)
        if edit:
            append(chapter(book, "03"), edit)
        write_digest(build, None)
    assert not (outdir / DIGEST_FILE).exists()
    assert "the book changed while this build ran" in caplog.text


def test_a_link_to_a_build_folder_elsewhere_is_no_part_of_the_book(tmp_path):
    """A build folder named by a link in the book holds its lock beside the folder it leads to (build_edition.py)."""
    book = copy_book(tmp_path / "book")
    before = digest(book)
    elsewhere = tmp_path / "builds"
    (elsewhere / "pdf").mkdir(parents=True)
    (elsewhere / "pdf" / "book.pdf").write_bytes(b"%PDF")
    Path(f"{elsewhere}.lock").touch()
    (book / "_fast").symlink_to(elsewhere)
    assert digest(book) == before

"""The EPUB carries the page numbers of the print edition of the same build.

For every page of the PDF there is a page break marker in the EPUB
(epub:type pagebreak, role doc-pagebreak, labelled with the page number), and
it sits at the place that page begins, to the block: just before the first
block (heading, paragraph, glossary term) that begins on the page, so that
the page's text before the marker is the end of a block the page before
began; a later page of the index, before the first letter's heading it
holds. A page on which no block the EPUB carries begins (a blank page, the
colophon, the printed contents, a page inside one long block) has its marker
together with the next page's, with no text between. The navigation
document's page list reaches every marker, in page order, with no page
missing or repeated, and the package names the print edition as the source
of its page breaks."""

import json
import shutil
import subprocess
import sys

import pytest

from background import built, in_background
from book import BOOK, READ_AT_TOP, copy_book, make, sphinx_build
from epub import EPUB_TYPE, NS
from html_edition.downloads import DIGEST_FILE, book_digest, book_file_digests
from pdf import normal, text_runs

MM = 72 / 25.4
# The print edition's text area (print.css: margins 20 mm at the top, 22 mm at
# the bottom); running heads and page numbers are printed outside it.
TOP_MARGIN, BOTTOM_MARGIN = 20 * MM, 22 * MM
# Where a printed line is compared with the EPUB's text: enough letters to tell it from any other.
LINE_LENGTH = 40
TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "pre"}


def lines(pdf_page, name):
    """The text lines of a PDF page's text area, top to bottom, as the EPUB has them: letters and digits only.
    The index (the EPUB's document `name`) is set in two columns, which the page's middle parts, on a left page
    and on a right: its lines are the left column's, then the right's."""
    width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
    columns = 2 if name.startswith("genindex") else 1
    rows = {}
    for x, y, text in text_runs(pdf_page):
        if BOTTOM_MARGIN <= y <= height - TOP_MARGIN:
            rows.setdefault((min(int(x * columns / width), columns - 1), -round(y)), []).append((x, text))
    printed = [normal("".join(text for _x, text in sorted(row))) for _place, row in sorted(rows.items())]
    return [line for line in printed if line]


@pytest.fixture(scope="module")
def markers(epub):
    """(document name, element) of each page break marker, in reading order."""
    return [
        (name, element)
        for name in epub.spine
        for element in epub.xml(name).iterfind(f".//xhtml:*[@{{{NS['epub']}}}type='pagebreak']", NS)
    ]


def text_after(element):
    return normal("".join(element.xpath("following::text()")))


def text_before(element):
    return normal("".join(element.xpath("preceding::text()[not(ancestor::xhtml:head)]", namespaces=NS)))


def local(element):
    return element.tag.rpartition("}")[2]


def test_the_package_names_the_print_edition_as_the_source_of_its_page_breaks(epub):
    (source,) = epub.meta("pageBreakSource")
    assert "print edition" in source


def test_each_marker_is_labelled_with_its_page_number(markers):
    for _name, marker in markers:
        label = marker.get("aria-label")
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert label and marker.get("id") == f"page-{label}", marker.attrib
        assert not "".join(marker.itertext()), "a marker prints nothing"


def test_the_page_list_reaches_every_page_of_the_pdf_in_order(epub, pdf, markers):
    pages = [str(number) for number in range(1, len(pdf.pages) + 1)]
    page_list = epub.nav("page-list")
    assert [text for text, _href in page_list] == pages
    assert [marker.get("aria-label") for _name, marker in markers] == pages
    for (text, href), (name, marker) in zip(page_list, markers, strict=True):
        assert epub.resolve(epub.nav_name, href) == (name, marker.get("id")), text
    nav = epub.xml(epub.nav_name).find(".//xhtml:nav[@epub:type='page-list']", NS)
    assert nav.get("role") == "doc-pagelist"


def begins_there(marker, printed):
    """Whether the page whose lines are `printed` begins a block at `marker`: the line after it begins
    the EPUB's text after it, and the lines before it end the block before it, begun on an earlier page."""
    after = text_after(marker)
    previous = marker.xpath(
        "preceding::*[" + " or ".join(f"self::xhtml:{tag}" for tag in TEXT_BLOCKS) + "][1]", namespaces=NS
    )
    block_before = normal("".join(previous[0].itertext())) if previous else ""
    for place, line in enumerate(printed):
        head = "".join(printed[:place])
        if after.startswith(line[:LINE_LENGTH]) and (
            not head or len(head) < len(block_before) and block_before.endswith(head)
        ):
            return True
    return False


def test_each_marker_sits_where_its_page_begins_a_block(epub, pdf, markers, facts):
    """Just before the first block that begins on its page; or, where the page begins no block
    the EPUB has, together with the next page's marker, after all of the page's text."""
    carried = "".join(normal("".join(epub.xml(name).itertext())) for name in epub.spine)
    misplaced, begun = [], []
    for index, (name, marker) in enumerate(markers):
        printed = lines(pdf.pages[index], name)
        if begins_there(marker, printed):
            begun.append(index + 1)
            continue
        after, following = text_after(marker), markers[index + 1] if index + 1 < len(markers) else None
        with_the_next = following and following[0] == name and text_after(following[1]) == after
        closes_document = not normal("".join(marker.xpath("following::text()[ancestor::xhtml:body]", namespaces=NS)))
        page_text = "".join(printed)
        if not (with_the_next or closes_document) or (page_text in carried and page_text not in text_before(marker)):
            misplaced.append((index + 1, name, printed[:1], after[:40]))
    assert misplaced == [], "page, document, the page's first line, the EPUB's text after its marker:\n" + "\n".join(
        map(str, misplaced)
    )
    # Each fact begins a page, and so does the glossary: those pages at least are marked where they begin.
    assert len(begun) > len(facts) + 1, begun


def test_a_later_page_of_the_index_is_marked_before_its_first_letter(pdf, markers):
    """The index, which each edition writes itself, has no blocks in common: a page after its first that
    holds a letter's heading is marked before the first such heading, not at the index's end."""
    letters = []
    for number, (name, marker) in enumerate(markers, 1):
        following = marker.getnext()
        if name.startswith("genindex") and following is not None and local(following) == "h2":
            letters.append((number, following.get("id").lower(), lines(pdf.pages[number - 1], name)))
    assert letters, "no page of the index is marked before a letter's heading"
    assert all(letter in printed for _number, letter, printed in letters), letters


def test_each_marker_stands_between_blocks(markers):
    """No marker splits a block's text: in a heading, a paragraph or a term it comes before any text."""
    for name, marker in markers:
        parent = marker.getparent()
        if local(parent) in TEXT_BLOCKS:
            ahead = (parent.text or "") + "".join(
                "".join(sibling.itertext()) + (sibling.tail or "") for sibling in marker.itersiblings(preceding=True)
            )
            assert not ahead.strip(), (name, marker.get("id"), ahead)


def test_the_epub_without_a_page_map_asks_for_the_pdf(tmp_path):
    result = sphinx_build(BOOK, tmp_path / "epub", "epub")
    assert result.returncode != 0
    assert str(tmp_path / "pdf" / "page-map.json") in result.stderr and "make pdf" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not list((tmp_path / "epub").glob("*.epub"))


def test_a_page_map_of_another_book_names_the_block_the_epub_lacks(published, tmp_path):
    (tmp_path / "pdf").mkdir()
    pages = json.loads((published / "pdf" / "page-map.json").read_text(encoding="utf-8"))
    stale = next(page for page in pages if page["anchor"])
    stale["anchor"] += "0"
    (tmp_path / "pdf" / "page-map.json").write_text(json.dumps(pages), encoding="utf-8")
    (tmp_path / "pdf" / DIGEST_FILE).write_text(
        book_digest(book_file_digests(BOOK, tmp_path), READ_AT_TOP), encoding="utf-8"
    )
    result = sphinx_build(BOOK, tmp_path / "epub", "epub")
    assert result.returncode != 0
    assert f"page {stale['page']} " in result.stderr and stale["anchor"] in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not list((tmp_path / "epub").glob("*.epub"))
    assert "make pdf" in result.stderr


def test_a_pdf_made_before_the_last_edit_is_refused_its_pages(published, tmp_path):
    """An edit that removes no block leaves every id of the page map in place, and moves the pages all the same."""
    book = copy_book(tmp_path / "book")
    shutil.copytree(published, book / "_build", symlinks=True)
    lengthen_fact_1(book)
    result = subprocess.run(
        [sys.executable, "scripts/build_edition.py", "epub", "-q"], cwd=book, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "was not made from the book as it now is" in result.stderr and "make pdf" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (book / "_build" / "epub.new").exists()


def lengthen_fact_1(book):
    """An edit to Fact 1 that pushes every later page of the print edition on."""
    (first, *_rest) = sorted((book / "chapters").glob("*.md"))
    paragraph = "A paragraph more, whose lines push every later page of the print edition on. " * 6
    with first.open("a", encoding="utf-8") as text:
        text.write(f"\n{paragraph}\n\n{paragraph}\n")


@in_background("epubs_after_an_edit")
def rebuilt_and_clean_epubs(folder):
    """The EPUB of `make all` run again after lengthen_fact_1, and of a clean `make all` of the edited book."""
    rebuilt = copy_book(folder / "rebuilt")
    assert make(rebuilt, "all").returncode == 0
    lengthen_fact_1(rebuilt)
    result = make(rebuilt, "all")
    assert result.returncode == 0, result.stderr
    clean = copy_book(folder / "clean")
    lengthen_fact_1(clean)
    assert make(clean, "all").returncode == 0
    return [next((book / "_build" / "epub").glob("*.epub")).read_bytes() for book in (rebuilt, clean)]


@pytest.fixture
def epubs_after_an_edit(request):
    return built(request, "epubs_after_an_edit")


def test_a_rebuild_after_an_edit_moves_the_pages_gives_the_epub_a_clean_build_gives(epubs_after_an_edit):
    """Page breaks follow the print layout of the build itself: after an edit to Fact 1 that pushes
    every later page on, `make all` leaves no page with a marker from the layout before."""
    rebuilt, clean = epubs_after_an_edit
    assert rebuilt == clean

"""The EPUB carries the page numbers of the print edition of the same build.

For every page of the PDF there is a page break marker in the EPUB
(epub:type pagebreak, role doc-pagebreak, labelled with the page number), and
it sits just before the first text that page prints; where a page begins
with the second half of a hyphenated word, before that word. A page whose
first text the EPUB does not carry (a blank page, the colophon, the printed
contents) has its marker together with the next page's, with no text between.
The navigation document's page list reaches every marker, in page order, with
no page missing or repeated, and the package names the print edition as the
source of its page breaks."""

import re

import pytest

from book import copy_book, make
from epub import EPUB_TYPE, NS
from pdf import normal, text_runs

MM = 72 / 25.4
# The print edition's text area (print.css: margins 20 mm at the top, 22 mm at
# the bottom); running heads and page numbers are printed outside it.
TOP_MARGIN, BOTTOM_MARGIN = 20 * MM, 22 * MM
FACT_LABEL = re.compile(r"fact(\d+)")
HYPHENATED = re.compile(r"(\w+)[-‐]\s*$")


def lines(pdf_page):
    """The text lines of a PDF page's text area, top to bottom, each as printed."""
    height = float(pdf_page.mediabox.height)
    rows = {}
    for x, y, text in text_runs(pdf_page):
        if BOTTOM_MARGIN <= y <= height - TOP_MARGIN:
            rows.setdefault(round(y), []).append((x, text))
    return ["".join(text for _x, text in sorted(row)) for _y, row in sorted(rows.items(), reverse=True)]


def first_text(pdf_page):
    """The letters and digits the page prints first, as the EPUB has them: a fact's
    label ("Fact 2") is the section number the EPUB prints before the title ("2.")."""
    printed = [normal(line) for line in lines(pdf_page)]
    if not printed:
        return ""
    if FACT_LABEL.fullmatch(printed[0]) and len(printed) > 1:
        return FACT_LABEL.fullmatch(printed[0])[1] + printed[1]
    return printed[0]


def word_begun_on(pdf_page):
    """The first half of a word the page ends by hyphenating, or ''."""
    printed = lines(pdf_page)
    hyphenated = printed and HYPHENATED.search(printed[-1])
    return normal(hyphenated[1]) if hyphenated else ""


@pytest.fixture(scope="module")
def markers(epub):
    """(document name, element) of each page break marker, in reading order."""
    return [(name, element) for name in epub.spine
            for element in epub.xml(name).iterfind(f".//xhtml:*[@{{{NS['epub']}}}type='pagebreak']", NS)]


def text_after(element):
    return normal("".join(element.xpath("following::text()")))


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
    for (text, href), (name, marker) in zip(page_list, markers):
        assert epub.resolve(epub.nav_name, href) == (name, marker.get("id")), text
    nav = epub.xml(epub.nav_name).find(".//xhtml:nav[@epub:type='page-list']", NS)
    assert nav.get("role") == "doc-pagelist"


def test_each_marker_sits_just_before_the_first_text_its_page_prints(epub, pdf, markers):
    carried = "".join(normal("".join(epub.xml(name).itertext())) for name in epub.spine)
    misplaced = []
    for index, (name, marker) in enumerate(markers):
        page, following = pdf.pages[index], text_after(marker)
        printed = first_text(page)
        if printed and printed in carried:
            word_head = word_begun_on(pdf.pages[index - 1]) if index else ""
            if not following.startswith(word_head + printed):
                misplaced.append((index + 1, name, printed[:40], following[:40]))
        else:
            after_next = markers[index + 1] if index + 1 < len(markers) else None
            if not (after_next and after_next[0] == name and text_after(after_next[1]) == following):
                misplaced.append((index + 1, name, f"(prints nothing the EPUB has: {printed[:40]!r})", following[:40]))
    assert misplaced == [], "page, document, the page's first text, the EPUB's text after its marker:\n" + "\n".join(
        map(str, misplaced))


def test_a_rebuild_after_an_edit_moves_the_pages_gives_the_epub_a_clean_build_gives(tmp_path):
    """Page breaks follow the print layout of the build itself: after an edit to Fact 1 that pushes
    every later page on, no page keeps a marker from the layout before."""
    def lengthen_fact_1(book):
        (first, *_rest) = sorted((book / "chapters").glob("*.md"))
        paragraph = "A paragraph more, whose lines push every later page of the print edition on. " * 6
        with first.open("a", encoding="utf-8") as text:
            text.write(f"\n{paragraph}\n\n{paragraph}\n")

    rebuilt = copy_book(tmp_path / "rebuilt")
    assert make(rebuilt, "all").returncode == 0
    lengthen_fact_1(rebuilt)
    result = make(rebuilt, "all")
    assert result.returncode == 0, result.stderr
    clean = copy_book(tmp_path / "clean")
    lengthen_fact_1(clean)
    assert make(clean, "all").returncode == 0
    (epub_file,) = (rebuilt / "_build" / "epub").glob("*.epub")
    assert epub_file.read_bytes() == (clean / "_build" / "epub" / epub_file.name).read_bytes()

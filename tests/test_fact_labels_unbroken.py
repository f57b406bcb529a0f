"""A fact's label never splits between "Fact" and its number, in any edition:
cross-references, the glossary's "Appears in" lists, the index, the EPUB's
navigation, the PDF's text and outline all join the two with a no-break space
(a label typed in the text stops the build: test_whole_book); and a reading system, however
narrow its screen, keeps each cross-reference on one line."""

import re

import pytest
from bs4 import BeautifulSoup

from book import fact_label
from pdf import outline

BROKEN = re.compile(r"\bFact[ \t\r\n]+\d")
JOINED = re.compile(re.escape(fact_label("")) + r"\d")


@pytest.fixture(scope="module")
def edition_texts(html_pages, epub, pdf):
    # Each document's body: its <title>, never wrapped, has the space Sphinx's striptags makes of every space.
    epub_texts = [BeautifulSoup(epub.files[name], "html.parser").body.get_text() for name in epub.documents()]
    return {
        "HTML": [page.body.get_text() for page in html_pages.values()],
        "EPUB": [*epub_texts, epub.files[epub.ncx_name].decode()],
        "PDF": [
            *(page.extract_text() for page in pdf.pages),
            *(bookmark.title for _depth, bookmark, _page in outline(pdf)),
        ],
    }


@pytest.mark.parametrize("edition", ["HTML", "EPUB", "PDF"])
def test_every_fact_label_is_joined_by_a_no_break_space(edition_texts, edition):
    texts = edition_texts[edition]
    assert [match for text in texts for match in BROKEN.findall(text)] == []
    assert sum(len(JOINED.findall(text)) for text in texts) >= 8


def test_cross_references_stay_on_one_line_on_a_narrow_screen(reader_page, epub_dir):
    reader_page.set_viewport_size({"width": 200, "height": 800})
    reader_page.goto((epub_dir / "people.xhtml").as_uri())
    lines = reader_page.locator(".std-numref").evaluate_all(
        "labels => labels.map(label => [label.textContent, label.getClientRects().length])"
    )
    assert len(lines) >= 8
    assert [label for label, rects in lines if rects != 1] == []

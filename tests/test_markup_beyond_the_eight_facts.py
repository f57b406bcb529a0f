"""What the eight facts do not use yet comes out right, proved on a copy of the
book that adds it: in the PDF, each of two chapters' footnotes links to its own
note and back, though docutils gives both the same ids, and a figure's caption
carries the number a ``{numref}`` to it prints; in every edition, a person a
chapter names by a second term of their glossary entry has that fact in their
"Appears in" list. (That a subheading leaves the PDF's running head to its fact,
and that a long code line and a wide image wrap or shrink to the page, is the
print stylesheet's, looked at, not measured.)"""

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from background import built, in_background
from book import append, chapter, copy_book, fact_label, make
from pdf import normal, printed_below

NOTES = {"02": "The note of the second fact.", "05": "The note of the fifth fact."}


@in_background("markup_book")
def build_markup_book(folder):
    """`make pdf` of a copy of the book whose second and fifth facts hold a footnote each, the
    second also a subheading, a long code line and a figure with a {numref} to it, and whose
    seventh names Lars Ulrich by a second term of his entry, "Ulrich"."""
    book = copy_book(folder / "book")
    (book / "images").mkdir()
    Image.new("RGB", (1600, 400), "#c33").save(book / "images" / "wide.png")
    append(
        chapter(book, "02"),
        "\n## The crew on stage\n\nWho filmed what is in a note.[^note]\n\n"
        f"```text\n{'a_line_of_code_' * 12}\n```\n\n"
        ":::{figure} ../images/wide.png\n:name: wide-picture\n:alt: A wide red picture\n\nA wide picture.\n:::\n\n"
        f"As {{numref}}`wide-picture` shows.\n\n[^note]: {NOTES['02']}\n",
    )
    append(chapter(book, "05"), f"\nThis fact has a note too.[^note]\n\n[^note]: {NOTES['05']}\n")
    people = book / "people.md"
    people.write_text(people.read_text(encoding="utf-8").replace("Lars Ulrich\n", "Lars Ulrich\nUlrich\n", 1))
    append(chapter(book, "07"), "\nHe learned from {term}`Ulrich` too.\n")
    return book, make(book, "pdf")


@pytest.fixture(scope="module")
def markup_book(request):
    book, result = built(request, "markup_book")
    assert result.returncode == 0, result.stdout + result.stderr
    (pdf,) = (book / "_build" / "pdf").glob("*.pdf")
    page = BeautifulSoup((book / "_build" / "pdf" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return PdfReader(pdf), page


def test_each_chapters_footnote_links_to_its_own_note_and_back(markup_book):
    pdf, page = markup_book
    references = page.select("a.footnote-reference")
    assert len(references) == len(NOTES)
    for reference, note_text in zip(references, NOTES.values(), strict=True):
        note = page.find(id=reference["href"].removeprefix("#"))
        assert note_text in note.get_text(), (reference, note)
        assert note.select_one("a[role=doc-backlink]")["href"] == "#" + reference["id"]
        destination = pdf.named_destinations[note["id"]]
        printed = printed_below(pdf, pdf.get_destination_page_number(destination), destination.top)
        assert normal(note_text) in normal(printed)


def test_a_figures_caption_carries_the_number_a_numref_prints(markup_book):
    pdf, _page = markup_book
    text = normal(" ".join(page.extract_text() for page in pdf.pages))
    assert normal("Fig. 2.1 A wide picture.") in text
    assert normal("As Fig. 2.1 shows.") in text


def test_a_person_named_by_a_second_term_has_the_fact_in_their_appears_in_list(markup_book):
    _pdf, page = markup_book
    (term,) = [dt for dt in page.select("dl.glossary dt") if dt.get_text(strip=True) == "Lars Ulrich"]
    appears_in = term.find_next_sibling("dd").select_one("p.appears-in").get_text()
    assert fact_label(2) in appears_in and fact_label(7) in appears_in

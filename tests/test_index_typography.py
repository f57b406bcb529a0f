"""The index sets quotation marks and apostrophes as the text does: in all
three editions no entry has a straight quote, and every person reads the same
in the index as in the glossary ("Sonja Durham’s husband"); a "see" is set in
italics, as indexes set it, and a title as the text sets it, wherever it is
filed: a work's in italics, a song's in quotes, its qualifier upright, and a
work's title within a work's title upright."""

import pytest
from bs4 import BeautifulSoup

STRAIGHT_QUOTES = set("'\"")


@pytest.fixture(params=["html", "epub", "pdf"])
def index_and_glossary(request, html_pages, epub, print_page):
    """The edition's index entries' names and its glossary's terms."""
    if request.param == "html":
        index, glossary = html_pages["genindex.html"], html_pages["people.html"]
    elif request.param == "epub":
        index, glossary = (
            BeautifulSoup(epub.files[name], "html.parser") for name in ("genindex.xhtml", "people.xhtml")
        )
    else:
        index = glossary = print_page
    items = index.select("table.indextable li") + index.select(".book-index li > p")
    names = [item.contents[0].get_text().strip().removesuffix(",") for item in items]
    terms = [term.find(string=True).strip() for term in glossary.select("dl.glossary dt")]
    return names, terms


def test_index_entries_use_the_texts_quotes(index_and_glossary):
    names, terms = index_and_glossary
    assert [name for name in names if STRAIGHT_QUOTES & set(name)] == []
    assert any("’" in term for term in terms)
    assert set(terms) <= set(names)


def test_the_print_index_says_what_its_bold_page_numbers_are(print_page):
    """The print index sets a person's glossary entry's page in bold, and says so above its entries."""
    index = print_page.select_one(".book-index")
    assert index.select("a.page-ref.main")
    assert index.select_one("h1 + p.index-key").get_text() == (
        "A page number in bold leads to where the entry is described, such as a person’s entry in the glossary."
    )


@pytest.fixture(scope="module")
def indexes(html_pages, epub, print_page):
    """Each edition's index."""
    return {
        "html": html_pages["genindex.html"],
        "epub": BeautifulSoup(epub.files["genindex.xhtml"], "html.parser"),
        "pdf": print_page.select_one(".book-index"),
    }


def test_a_see_reference_sets_see_in_italics(indexes):
    """A person filed under the surname is found by the name: "Bradley Cooper, *see* Cooper, Bradley"."""
    for edition, index in indexes.items():
        sees = [em.parent.get_text(" ", strip=True) for em in index.select("li em") if em.get_text() == "see"]
        assert "see Cooper, Bradley" in sees, edition


# An entry of an index: the PDF's, and the HTML's and the EPUB's.
ENTRIES = "li > p, table.indextable li"


def own_words(entry):
    """The words of an index entry, as text and elements, without its sub-entries."""
    return [child for child in entry.contents if child.name != "ul"]


def text_of(words):
    return "".join(word.get_text() for word in words)


def test_a_title_is_set_as_the_text_sets_it_wherever_it_is_filed(indexes):
    for edition, index in indexes.items():
        # (its opening words if in italics, else None; its words) of each entry
        entries = [
            (words[0].get_text() if words[0].name == "em" else None, text_of(words).strip())
            for words in map(own_words, index.select(ENTRIES))
        ]
        film = [text for italic, text in entries if italic == "Star Is Born, A"]
        song = [text for italic, text in entries if "Never Love Again" in text]
        # Under its letter, with its qualifier, and under its group.
        assert len(film) == 2 and film[0].startswith("Star Is Born, A (film)"), (edition, film)
        assert len(song) == 2 and song[0].startswith("\N{LEFT DOUBLE QUOTATION MARK}Never Love Again"), (edition, song)
        assert all(italic is None for italic, text in entries if "Never Love Again" in text), edition


def test_the_films_title_within_the_featurettes_is_set_upright(indexes):
    for edition, index in indexes.items():
        featurette = [words for words in map(own_words, index.select(ENTRIES)) if "Road to Stardom" in text_of(words)]
        assert len(featurette) == 2, edition  # under its letter and under its group
        for words in featurette:
            italic = [word.get_text() for word in words if word.name == "em"]
            assert italic[:2] == ["Road to Stardom: Making ", ", The"], (edition, words)
            assert text_of(words).startswith("Road to Stardom: Making A Star Is Born, The")

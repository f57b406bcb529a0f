"""The three editions tell the same book: the same numbered facts, the same
people, and the same "Appears in" lists, all as the sources say."""

import re

import pytest
from bs4 import BeautifulSoup

from book import collapsed, fact_label, glossary_terms, people_mentioned, plain
from epub import NS
from pdf import outline

NUMBERED_TITLE = re.compile(rf"^(?:{fact_label('')})?(\d+)[.:] (.+)$")
EDITIONS = ["html", "epub", "pdf"]


def numbered(texts):
    """(number, title) of each entry that names a fact: "2. Title" or "Fact 2: Title"."""
    matches = (NUMBERED_TITLE.match(plain(collapsed(text))) for text in texts)
    return [(int(match[1]), match[2]) for match in matches if match]


@pytest.fixture(scope="module")
def tables_of_contents(html_pages, epub, pdf):
    ncx = epub.xml(epub.ncx_name)
    return {
        "HTML navigation": numbered(link.get_text() for link in html_pages["index.html"].select("nav.bd-docs-nav a")),
        "EPUB nav.xhtml": numbered(text for text, _href in epub.nav("toc")),
        "EPUB toc.ncx": numbered(
            point.findtext("ncx:navLabel/ncx:text", namespaces=NS) for point in ncx.iterfind(".//ncx:navPoint", NS)
        ),
        "PDF outline": numbered(bookmark.title for _depth, bookmark, _page in outline(pdf)),
    }


def test_every_edition_numbers_and_titles_the_facts_as_the_sources(facts, tables_of_contents):
    source = [(fact.number, fact.title) for fact in facts]
    assert tables_of_contents == dict.fromkeys(tables_of_contents, source)


@pytest.fixture(scope="module")
def glossaries(html_pages, epub, print_page, facts):
    """Per edition: each glossary term and the fact numbers its "Appears in" links reach."""
    fact_by_target = {}
    for fact in facts:
        fact_by_target[fact.html_name] = fact_by_target[fact.xhtml_name] = fact.number
        fact_by_target[fact.label] = fact.number
    pages = {
        "html": (html_pages["people.html"], "people.html"),
        "epub": (BeautifulSoup(epub.files["people.xhtml"], "html.parser"), "people.xhtml"),
        "pdf": (print_page, "index.html"),
    }
    glossaries = {}
    for edition, (page, _name) in pages.items():
        entries = {}
        for term in page.select("dl.glossary dt"):
            appears_in = term.find_next_sibling("dd").select("p.appears-in a")
            targets = []
            for link in appears_in:
                path, _, fragment = link["href"].partition("#")
                target = fact_by_target[fragment] if not path else fact_by_target[path.removeprefix("../")]
                assert link.get_text() == fact_label(target), (edition, link)
                targets.append(target)
            entries[plain(term.get_text(" ", strip=True).removesuffix("#").strip())] = targets
        glossaries[edition] = entries
    return glossaries


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_has_the_same_people(glossaries, edition):
    assert sorted(glossaries[edition]) == sorted(glossary_terms())


@pytest.mark.parametrize("edition", EDITIONS)
def test_appears_in_lists_follow_the_chapters_term_references(glossaries, facts, edition):
    expected = {
        person: [fact.number for fact in facts if person in people_mentioned(fact)] for person in glossary_terms()
    }
    assert glossaries[edition] == expected


def test_each_epub_chapters_title_names_the_fact_as_its_heading_does(facts, epub):
    """The page's <title>, which reading systems and screen readers announce, reads "Fact 2: Title" (its space
    may be a plain one)."""
    for fact in facts:
        title = BeautifulSoup(epub.files[fact.xhtml_name], "html.parser").title.get_text()
        assert plain(title).split() == f"{fact_label(fact.number)}: {fact.title}".split(), fact.xhtml_name


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_opens_each_fact_with_its_label_then_its_title(facts, html_pages, epub, print_page, edition):
    """Above a fact's title, every edition sets apart its label, "Fact 2", as every reference names it (not
    "2."); in the HTML and the EPUB a colon follows it in the markup, which their stylesheets do not show there."""
    for fact in facts:
        if edition == "html":
            heading = html_pages[fact.html_name].select_one("article section h1")
            label = heading.select_one("span.section-number")
        elif edition == "epub":
            heading = BeautifulSoup(epub.files[fact.xhtml_name], "html.parser").select_one("h1")
            label = heading.select_one("span.section-number")
        else:
            heading = print_page.select_one(f"section#{fact.label} h1")
            label = heading.select_one("span.fact-label")
        colon = "" if edition == "pdf" else ":"
        assert heading.contents[0] is label, (edition, heading)
        assert [collapsed(label.get_text()), plain(collapsed(heading.get_text()).removesuffix("#"))] == [
            fact_label(fact.number) + colon,
            f"{fact_label(fact.number)}{colon} {fact.title}",
        ], edition

"""The reading system's table of contents numbers the facts as the HTML does,
shows a page's sections under it, and the landmarks and the reading order
lead to the right places."""

import re

from book import plain
from epub import EPUB_TYPE, NS

NUMBERED = re.compile(r"^\d+\. ")


def numbered_entries(entries):
    return [(plain(text), href) for text, href in entries if NUMBERED.match(text)]


def expected_entries(facts):
    return [(f"{fact.number}. {fact.title}", fact.xhtml_name) for fact in facts]


def test_nav_lists_the_facts_numbered_with_their_titles(epub, facts):
    assert numbered_entries(epub.nav("toc")) == expected_entries(facts)


def test_ncx_lists_the_facts_numbered_with_their_titles(epub, facts):
    ncx = epub.xml(epub.ncx_name)
    entries = [
        (point.findtext("ncx:navLabel/ncx:text", namespaces=NS), point.find("ncx:content", NS).get("src"))
        for point in ncx.iterfind(".//ncx:navPoint", NS)
    ]
    assert numbered_entries(entries) == expected_entries(facts)


def test_nav_and_ncx_list_the_same_entries(epub):
    ncx = epub.xml(epub.ncx_name)
    ncx_entries = [
        (point.findtext("ncx:navLabel/ncx:text", namespaces=NS), point.find("ncx:content", NS).get("src"))
        for point in ncx.iterfind(".//ncx:navPoint", NS)
    ]
    assert epub.nav("toc") == ncx_entries


def landmarks(epub):
    """The archive name each landmark leads to, by its epub:type."""
    links = epub.xml(epub.nav_name).iterfind(".//xhtml:nav[@epub:type='landmarks']//xhtml:a", NS)
    return {link.get(EPUB_TYPE): epub.resolve(epub.nav_name, link.get("href"))[0] for link in links}


def test_landmarks_lead_to_the_contents_the_first_fact_the_glossary_and_the_index(epub, facts):
    found = landmarks(epub)
    assert found["bodymatter"] == facts[0].xhtml_name
    contents = {
        epub.resolve(found["toc"], link.get("href"))[0] for link in epub.xml(found["toc"]).iterfind(".//xhtml:a", NS)
    }
    assert {fact.xhtml_name for fact in facts} <= contents
    assert epub.xml(found["glossary"]).find(".//xhtml:div[@epub:type='glossary']/xhtml:dl", NS) is not None
    assert epub.xml(found["index"]).find(".//xhtml:table[@class='indextable genindextable']", NS) is not None


def test_the_reading_order_is_cover_contents_facts_glossary_index(epub, facts):
    found = landmarks(epub)
    assert epub.spine == [
        found["cover"],
        found["toc"],
        *(fact.xhtml_name for fact in facts),
        found["glossary"],
        found["index"],
    ]


# How far each page's list of sections in the contents stands in from the page's own entry.
SECTION_INDENTS = """() => [...document.querySelectorAll("nav ol ol")].map((sections) =>
    sections.querySelector("a").getBoundingClientRect().left
    - sections.parentElement.querySelector("a").getBoundingClientRect().left)"""


def test_a_pages_sections_stand_under_it_in_the_contents(reader_page, epub, epub_site):
    """The navigation document, as a reading system shows it: "Real people" stands in under "People"."""
    reader_page.goto(epub_site + epub.nav_name)
    indents = reader_page.evaluate(SECTION_INDENTS)
    assert indents and min(indents) > 0, indents

"""Every link in the HTML book leads somewhere, and the book links itself up."""

import re

from book import fact_label, glossary_terms, link_target, plain

EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def internal_links(html_pages):
    for page, soup in html_pages.items():
        for tag in soup.find_all(href=True):
            yield page, tag["href"]
        for tag in soup.find_all(src=True):
            yield page, tag["src"]


def ids_of(soup):
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_every_internal_link_reaches_a_file_and_an_id(html_dir, html_pages):
    broken = []
    for page, href in internal_links(html_pages):
        if EXTERNAL.match(href):
            continue
        target, fragment = link_target(page, href)
        if not (html_dir / target).is_file():
            broken.append((page, href, "no such file"))
        elif fragment and target.endswith(".html") and fragment not in ids_of(html_pages[target]):
            broken.append((page, href, "no such id"))
    assert broken == []


def term_links(soup, page):
    """(glossary page, id) for each rendered {term} reference in a page."""
    return [
        link_target(page, span.parent["href"]) if span.parent.name == "a" else (None, span.get_text())
        for span in soup.select("span.xref.std-term")
    ]


def test_every_term_reaches_a_glossary_entry(facts, html_pages):
    entries = {tag["id"] for tag in html_pages["people.html"].select("dl.glossary dt[id]")}
    for fact in facts:
        source_terms = re.findall(r"\{term\}`", fact.path.read_text(encoding="utf-8"))
        rendered = term_links(html_pages[fact.html_name], fact.html_name)
        assert len(rendered) == len(source_terms), fact.path.name
        for page, anchor in rendered:
            assert page == "people.html" and anchor in entries, (fact.path.name, anchor)


def test_every_person_is_referenced_from_a_chapter(facts, html_pages):
    glossary = html_pages["people.html"]
    people = {
        plain(tag.get_text(" ", strip=True).removesuffix("#").strip()): tag["id"]
        for tag in glossary.select("dl.glossary dt[id]")
    }
    assert sorted(people) == sorted(glossary_terms())
    referenced = {anchor for fact in facts for _page, anchor in term_links(html_pages[fact.html_name], fact.html_name)}
    assert {name for name, anchor in people.items() if anchor not in referenced} == set()


def test_every_fact_links_another_fact(facts, html_pages):
    by_page = {fact.html_name: fact for fact in facts}
    for fact in facts:
        linked = set()
        for link in html_pages[fact.html_name].select("article a.reference:has(span.std-numref)"):
            target, _ = link_target(fact.html_name, link["href"])
            other = by_page[target]
            assert link.get_text() == fact_label(other.number), (fact.path.name, link)
            if other != fact:
                linked.add(other.number)
        assert linked, f"{fact.path.name} links no other fact"


def test_cross_references_follow_the_editorial_pairs(facts, html_pages):
    by_label = {fact.label: fact.number for fact in facts}
    pairs = {(3, 8), (2, 7), (1, 4), (1, 5), (6, 8)}
    references = set()
    for fact in facts:
        for label in re.findall(r"\{numref\}`(?:[^`<]*<)?(fact-[a-z0-9-]+)>?`", fact.path.read_text(encoding="utf-8")):
            references.add((fact.number, by_label[label]))
    for a, b in pairs:
        assert (a, b) in references and (b, a) in references, f"Facts {a} and {b} should link each other"

"""The HTML and EPUB index name each link by the place it leads to: the fact
("Fact 2") in a fact's chapter, the page in a glossary ("People", whichever of
its groups holds the entry), otherwise the section the entry is in ("What this
book is"); an entry's places come in reading order (the front page, the facts
by number, the back matter), one link a place, and no link is an anonymous
running number such as "[1]". The entry's own name is text, not a link. A
person's entry, filed under the surname, leads to each fact that names them,
then to their glossary entry, in bold, as the PDF's index does by page; their
name, where it is not how they are filed, says where ("see Cooper, Bradley")."""

import re

import pytest
from bs4 import BeautifulSoup, NavigableString

from book import fact_label, index_names, link_target, people_mentioned, plain

RUNNING_NUMBER = re.compile(r"^\[\d+\]$")


@pytest.fixture(params=["html", "epub"])
def edition(request, html_pages, epub, facts):
    """The edition's index page name, a parser for its pages and each fact's page name."""
    if request.param == "html":
        return "genindex.html", html_pages.__getitem__, {fact.html_name: fact for fact in facts}
    return (
        "genindex.xhtml",
        lambda name: BeautifulSoup(epub.files[name], "html.parser"),
        {fact.xhtml_name: fact for fact in facts},
    )


def entries(index):
    """(name, [link]) for each entry and sub-entry of the index."""
    for item in index.select("table.indextable li"):
        yield item.contents[0], item.find_all("a", recursive=False)


def section_title(page, fragment):
    """The heading of the section holding the element `fragment` names; in a glossary, of the page's."""
    target = page.find(id=fragment)
    section = target.find_parents("section")[-1 if target.find_parent("dl", class_="glossary") else 0]
    return section.find(re.compile(r"^h\d$")).find(string=True, recursive=False).strip()


def test_index_links_name_their_fact_or_section_in_reading_order(edition, facts):
    index_name, page, fact_pages = edition
    index = page(index_name)
    front_page = index_name.replace("genindex", "index")
    named = set()
    for name, links in entries(index):
        assert isinstance(name, NavigableString) or name.name == "em", name  # "see", in italics
        places = []
        for link in links:
            target, fragment = link_target(index_name, link["href"])
            assert not RUNNING_NUMBER.match(link.get_text()), (name, link)
            if target in fact_pages:
                fact = fact_pages[target]
                assert link.get_text() == fact_label(fact.number), (name, link)
                places.append((1, fact.number, 0))
            else:
                document = page(target)
                assert link.get_text() == section_title(document, fragment), (name, link)
                sections = document.find_all("section")
                position = sections.index(document.find(id=fragment).find_parent("section"))
                places.append((0 if target == front_page else 2, target, position))
            named.add(target)
        assert places == sorted(set(places)), (name, [link.get_text() for link in links])
    assert set(fact_pages) < named, "the index reaches every fact and another page"


def test_a_persons_entry_leads_to_each_fact_that_names_them_then_to_the_glossary(edition, facts):
    index_name, page, _fact_pages = edition
    listed = {
        plain(name.get_text()).strip(" ,"): [link.get_text() for link in links]
        for name, links in entries(page(index_name))
    }
    for person, filed_as in index_names().items():
        named_in = [fact_label(fact.number) for fact in facts if person in people_mentioned(fact)]
        assert listed[filed_as] == [*named_in, "People"], person
    assert listed["Ulrich, Lars"] == [fact_label(2), "People"]
    assert listed["Bobby"][-1] == "People"  # a character, in the glossary's second group


def test_a_person_is_filed_under_the_surname_and_their_name_says_where(edition):
    """people.md gives the name the index files a person under ("Bradley Cooper : Cooper, Bradley")."""
    index_name, page, _fact_pages = edition
    items = {
        plain(item.contents[0].get_text()).strip(" ,\n"): item
        for item in page(index_name).select("table.indextable li")
    }
    filed = {person: filed_as for person, filed_as in index_names().items() if filed_as != person}
    assert filed["Lars Ulrich"] == "Ulrich, Lars"
    for person, filed_as in filed.items():
        assert plain(items[person].get_text(" ", strip=True)) == f"{person} see {filed_as}"

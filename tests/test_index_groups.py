"""Every song, work and place is in the index twice: under its own letter and
under its group ("songs", "works", "places"), both leading to the same pages,
in the HTML and the EPUB edition."""

import itertools
import re

import pytest
from bs4 import BeautifulSoup

from book import plain

GROUPS = {
    "songs": {"Look What I Found", "Never Love Again"},
    "works": {
        "American Horror Story (television series)",
        "Cheek to Cheek (album)",
        "Fame, The (album)",  # filed under the word after its article
        "Road to Stardom: Making A Star Is Born, The (featurette)",
        "Star Is Born, A (film)",
    },
    "places": {"Coachella", "England", "Glastonbury Music Festival", "Indio", "Los Angeles", "Stagecoach"},
}


def entry_name(item):
    """An index entry's name: its text before its links and subentries, without the quotes a song's title is
    set in."""
    own = itertools.takewhile(lambda child: getattr(child, "name", None) not in ("a", "ul"), item.children)
    return plain("".join(child.get_text() for child in own)).strip().removesuffix(",").replace('"', "")


def entry_pages(item):
    """The pages an entry's own links lead to, leaving out its subentries'."""
    return {link["href"].partition("#")[0] for link in item.find_all("a", href=True) if link.find_parent("li") is item}


def read_index(soup):
    """{letter: {entry name: (pages, {subentry name: pages})}} from a built index page."""
    index = {}
    for heading in soup.select("h2"):
        table = heading.find_next("table", class_="genindextable")
        entries = index.setdefault(heading.get_text(strip=True), {})
        for item in table.select("td > ul > li"):
            subentries = {entry_name(sub): entry_pages(sub) for sub in item.select(":scope > ul > li")}
            entries[entry_name(item)] = (entry_pages(item), subentries)
    return index


@pytest.fixture(scope="module", params=["html", "epub"])
def index(request, html_pages, epub):
    if request.param == "html":
        return read_index(html_pages["genindex.html"])
    return read_index(BeautifulSoup(epub.files["genindex.xhtml"], "html.parser"))


def letter_entry(index, name):
    """The entry of `name` under its own letter, with or without its kind in brackets ("(song)")."""
    for entry, (links, _subentries) in index.get(name[0].upper(), {}).items():
        if entry == name or re.fullmatch(re.escape(name) + r" \([a-z ]+\)", entry):
            return links
    return None


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_member_of_a_group_is_also_under_its_own_letter(index, group):
    letter = group[0].upper()
    assert group in index.get(letter, {}), f"no group {group!r} in the index"
    members = index[letter][group][1]
    assert GROUPS[group] <= set(members), sorted(members)
    for name, links in members.items():
        assert links, f"{group}; {name} links nowhere"
        assert letter_entry(index, name) == links, (
            f"{name} under {name[0].upper()} does not lead where {group}; {name} does"
        )


def test_each_song_under_its_letter_is_also_under_songs(index):
    songs = {
        entry.removesuffix(" (song)") for entries in index.values() for entry in entries if entry.endswith(" (song)")
    }
    assert songs == set(index["S"]["songs"][1])

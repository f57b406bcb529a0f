"""The PDF's outline (bookmarks) lists the book in order: front matter, facts 1 to 8, glossary, index."""

import re

from book import BOOK, fact_label, plain
from pdf import normal, outline, printed_below


def entries(pdf):
    """(depth, title, page index) for each bookmark, in order."""
    return [(depth, plain(bookmark.title), page) for depth, bookmark, page in outline(pdf)]


def heading(path):
    return plain(re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)[1]).replace("*", "")


def test_outline_lists_front_matter_facts_glossary_and_index(pdf, facts):
    top = [title for depth, title, _page in entries(pdf) if depth == 0]
    assert top == [
        heading(BOOK / "index.md"),
        "Contents",
        *(f"{fact_label(fact.number)}: {fact.title}" for fact in facts),
        heading(BOOK / "people.md"),
        "Index",
    ]
    assert [fact.number for fact in facts] == list(range(1, 9))


def test_front_matter_sections_sit_under_the_title(pdf):
    nested = [title for depth, title, _page in entries(pdf) if depth == 1]
    sections = re.findall(r"^## (.+)$", (BOOK / "index.md").read_text(encoding="utf-8"), re.M)
    assert nested == sections


def test_each_bookmark_opens_where_its_heading_is_printed(pdf):
    """The first thing printed where a bookmark lands is its heading ("Fact N", then the title, for a fact)."""
    for _depth, bookmark, page in outline(pdf):
        first = normal(printed_below(pdf, page, bookmark.top))
        assert first.startswith(normal(bookmark.title)), (bookmark.title, page, first[:60])

"""The PDF's outline (bookmarks) lists the book in order: the title with the front matter under it
(contents and sections), facts 1 to 8, glossary, index."""

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
        *(f"{fact_label(fact.number)}: {fact.title}" for fact in facts),
        heading(BOOK / "people.md"),
        "Index",
    ]
    assert [fact.number for fact in facts] == list(range(1, 9))


def test_the_contents_and_the_front_matters_sections_sit_under_the_title(pdf):
    listed = entries(pdf)
    first_fact = next(place for place, (depth, title, _page) in enumerate(listed) if title.startswith(fact_label(1)))
    sections = re.findall(r"^## (.+)$", (BOOK / "index.md").read_text(encoding="utf-8"), re.M)
    assert [(depth, title) for depth, title, _page in listed[:first_fact]] == [
        (0, heading(BOOK / "index.md")),
        *((1, title) for title in ["Contents", *sections]),
    ]


def test_each_bookmark_opens_where_its_heading_is_printed(pdf):
    """The first thing printed where a bookmark lands is its heading ("Fact N", then the title, for a fact)."""
    for _depth, bookmark, page in outline(pdf):
        first = normal(printed_below(pdf, page, bookmark.top))
        assert first.startswith(normal(bookmark.title)), (bookmark.title, page, first[:60])

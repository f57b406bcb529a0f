"""The PDF's outline (bookmarks) lists the book in order: front matter, facts 1 to 8, glossary, index."""

import re

from book import BOOK, plain


def entries(pdf, outline=None, depth=0):
    """(depth, title, page index) for each bookmark, in order."""
    for item in pdf.outline if outline is None else outline:
        if isinstance(item, list):
            yield from entries(pdf, item, depth + 1)
        else:
            yield depth, plain(item.title), pdf.get_destination_page_number(item)


def heading(path):
    return plain(re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)[1]).replace("*", "")


def test_outline_lists_front_matter_facts_glossary_and_index(pdf, facts):
    top = [title for depth, title, _page in entries(pdf) if depth == 0]
    assert top == [
        heading(BOOK / "index.md"),
        "Contents",
        *(f"Fact {fact.number}: {fact.title}" for fact in facts),
        heading(BOOK / "people.md"),
        "Index",
    ]
    assert [fact.number for fact in facts] == list(range(1, 9))


def test_front_matter_sections_sit_under_the_title(pdf):
    nested = [title for depth, title, _page in entries(pdf) if depth == 1]
    sections = re.findall(r"^## (.+)$", (BOOK / "index.md").read_text(encoding="utf-8"), re.M)
    assert nested == sections


def test_each_bookmark_opens_the_page_that_prints_its_heading(pdf):
    for _depth, title, page in entries(pdf):
        text = plain(" ".join(pdf.pages[page].extract_text().split()))
        assert title.removeprefix("Fact ").split(": ", 1)[-1] in text.replace("- ", "-"), (title, page)

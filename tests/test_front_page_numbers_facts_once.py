"""The front page's list of facts shows each fact's number once: the HTML
page and the EPUB's front page, as a browser draws them, number each fact
"1. …" with no list bullet before it, and the PDF's contents print each
fact's label once, with no bullet."""

import pytest

from book import fact_label

FACT_ITEMS = """items => items.map(item => {
    const style = getComputedStyle(item);
    return [item.textContent.trim(), style.display === "list-item" && style.listStyleType !== "none"];
})"""


def fact_items(page):
    """(text, whether a list marker is drawn) of each numbered item in the page's tables of contents."""
    items = page.locator(".toctree-wrapper li").evaluate_all(FACT_ITEMS)
    return [(text, marked) for text, marked in items if text[:1].isdigit()]


@pytest.fixture(params=["html", "epub"])
def front_page(request, new_page, reader_page, html_dir, epub_dir):
    if request.param == "html":
        page = new_page()
        page.goto((html_dir / "index.html").as_uri())
    else:
        page = reader_page
        page.goto((epub_dir / "index.xhtml").as_uri())
    return page


def test_the_front_page_numbers_each_fact_without_a_bullet(front_page, facts):
    items = fact_items(front_page)
    assert [text.split(" ", 1)[0] for text, _marked in items] == [f"{fact.number}." for fact in facts]
    assert [text for text, marked in items if marked] == []


def test_the_pdf_contents_print_each_label_once_without_a_bullet(pdf, facts):
    (contents,) = [page.extract_text() for page in pdf.pages if page.extract_text().startswith("Contents")]
    assert "•" not in contents
    assert [contents.count(fact_label(fact.number)) for fact in facts] == [1] * len(facts)

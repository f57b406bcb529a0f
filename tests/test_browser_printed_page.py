"""A page of the HTML book printed from Chromium opens with its own heading, a fact's with its label: "Fact 2"
above its title. sphinx-book-theme prints a copy of the title instead, without the label, above a list of the
page's sections."""

from book import collapsed, fact_label, plain
from browser import open_book


def test_a_printed_fact_opens_with_its_label_and_title(new_page, html_dir, facts):
    page = new_page()
    open_book(page, html_dir, facts[1].html_name)
    page.emulate_media(media="print")
    headings = page.locator("h1:visible")
    assert headings.count() == 1
    assert plain(collapsed(headings.text_content())).startswith(f"{fact_label(2)}: {facts[1].title}")
    assert page.locator("#jb-print-docs-body").is_hidden()

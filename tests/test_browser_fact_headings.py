"""A fact's heading, in Chromium, shows its label, "Fact 2", on a line of its own above its title, and no colon
after it, on the HTML's page, printed from it, and in the EPUB's document; a screen reader announces "Fact 2
Title". Its markup holds a colon ("Fact 2: Title"), which the page's <title> and the HTML's previous and next
links show, where the label stands inline. Printed, the HTML's page opens with that heading: sphinx-book-theme
prints a copy of the title instead, without the label, above a list of the page's sections."""

import pytest

from book import fact_label, plain


def shown_heading(page):
    """The heading's lines as shown, and its name as the accessibility tree gives it to a screen reader."""
    heading = page.locator("h1:visible")
    assert heading.count() == 1
    return [plain(line) for line in heading.inner_text().splitlines()], page.get_by_role(
        "heading", level=1
    ).aria_snapshot()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_html_shows_the_label_above_the_title(new_page, html_dir, facts, media):
    page = new_page()
    page.goto((html_dir / facts[1].html_name).as_uri())
    page.emulate_media(media=media)
    lines, announced = shown_heading(page)
    assert lines == [fact_label(2), facts[1].title]
    assert announced == f'- heading "{fact_label(2).replace(chr(0xA0), " ")} {facts[1].title}" [level=1]'
    assert page.locator("#jb-print-docs-body").is_hidden()


def test_the_epub_shows_the_label_above_the_title(reader_page, epub_site, facts):
    reader_page.goto(f"{epub_site}{facts[1].xhtml_name}")
    lines, announced = shown_heading(reader_page)
    assert lines == [fact_label(2), facts[1].title]
    assert announced == f'- heading "{fact_label(2).replace(chr(0xA0), " ")} {facts[1].title}" [level=1]'

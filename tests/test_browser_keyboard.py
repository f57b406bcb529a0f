"""A reader with only a keyboard reaches the next fact and the search, in Chromium, and sees at every step
where the focus is."""

import pytest

from browser import WIDTHS, open_book, search_results, tab_to


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_tab_and_enter_reach_the_next_fact(new_page, html_dir, facts, width):
    page = new_page(width)
    open_book(page, html_dir, facts[0].html_name)
    assert tab_to(page, "a.right-next"), "Tab never reached the link to the next fact"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (html_dir / facts[1].html_name).as_uri()


# Enough Tab presses to pass every control and link of a fact's page at least once: header, sidebar, text.
TAB_STOPS = 60
# Past the last control, the focus leaves for the page itself, which shows none. An outline or a shadow shows the
# focus only where it has a colour and a size: Bootstrap's .btn leaves a transparent shadow of no size.
FOCUS_SHOWN = """() => {
    const style = getComputedStyle(document.activeElement);
    const seen = (color) => !/^transparent$|^rgba\\(.*,\\s*0\\)$|\\/\\s*0\\)$/.test(color);  // alpha 0
    const shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\\))/);
    return document.activeElement === document.body
        || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && seen(style.outlineColor))
        || shadows.some((shadow) => {
            const color = (shadow.match(/[a-z-]+\\([^)]*\\)|transparent/) || ["currentcolor"])[0];
            const sizes = shadow.replace(color, "").match(/[\\d.]+px/g) || [];
            return seen(color) && sizes.some((size) => parseFloat(size) > 0);
        });
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_control_tab_reaches_shows_the_focus_on_it(new_page, html_dir, facts, width):
    """An outline or a ring, as the theme draws on every control; transitions off, as a reader may ask."""
    page = new_page(width)
    page.emulate_media(reduced_motion="reduce")
    open_book(page, html_dir, facts[1].html_name)
    unshown, came_round = set(), False
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        came_round = came_round or page.evaluate("document.activeElement === document.body")
        if not page.evaluate(FOCUS_SHOWN):
            unshown.add(page.evaluate("document.activeElement.outerHTML.slice(0, 100)"))
    assert came_round, f"{TAB_STOPS} Tab presses did not pass every control of the page"
    assert unshown == set()


def search_by_tab(page):
    assert tab_to(page, ".search-button__button"), "Tab never reached a search button"
    page.keyboard.press("Enter")


def search_by_shortcut(page):
    page.keyboard.press("Control+K")


@pytest.mark.parametrize("open_search", [search_by_tab, search_by_shortcut], ids=["tab", "ctrl-k"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_keyboard_reaches_the_search_and_types_a_query(new_page, html_dir, facts, width, open_search):
    page = new_page(width)
    open_book(page, html_dir, "index.html")
    open_search(page)
    assert page.evaluate("document.activeElement.matches('#pst-search-dialog[open] input[name=q]')")
    page.keyboard.type("Glastonbury")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert facts[1].html_name in search_results(page)

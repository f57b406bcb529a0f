"""The built book in Debian's Chromium: what the browser tests share.

Its fixtures reach every test through `pytest_plugins` in conftest.py; the
helpers are imported from here.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from book import require  # also puts scripts/ on the import path
from chromium import CHROMIUM, MODES, WIDTHS, launch, static_server  # noqa: F401
from first_load import first_view  # noqa: F401


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Chromium is not installed (Debian package chromium; .ci/run installs it)")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context (empty cache and storage) at a width and colour mode."""
    contexts = []

    def new_page(width=WIDTHS["desktop"], mode="light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def open_book(page, html_dir, path):
    """Open a page of the built book from disk (file://), as a reader who double-clicks it."""
    page.goto((html_dir / path).as_uri(), wait_until="networkidle")


def open_part(page, opener, opened):
    """Open a part of the theme as a reader does, by its key or its button, and press again if nothing opens:
    on a loaded 2-core machine a first press has gone unanswered, though the theme listens before `load`."""
    for _ in range(2):
        if opener.startswith("."):
            page.click(opener)
        else:
            page.keyboard.press(opener)
        try:
            page.wait_for_selector(opened, timeout=5_000)
            return
        except PlaywrightTimeoutError:
            pass
    raise AssertionError(f"{opener} did not open {opened}, pressed twice")


TABS = 4  # pages loading at once: while one waits for its network or runs a script, the others go on


def opened_in_tabs(page, items, url):
    """Each batch of `items`, up to TABS of them, as [(tab, item)], the page `url(item)` begun loading in
    each tab of `page`'s browser context: the caller waits for what it needs before taking the next batch."""
    tabs = [page, *(page.context.new_page() for _ in range(TABS - 1))]
    for start in range(0, len(items), TABS):
        batch = list(zip(tabs, items[start : start + TABS], strict=False))
        for tab, item in batch:
            tab.goto(url(item), wait_until="commit")
        yield batch


def tab_to(page, selector, presses=120):
    """Press Tab until the focused element matches `selector`; False if it never does."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return True
    return False


def search_results(page):
    """The pages that Sphinx's search page lists, once it has finished searching (without the place in the page
    each result leads to)."""
    page.wait_for_selector("#search-results .search-summary:not(:empty)")
    hrefs = page.locator("#search-results ul.search a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href.partition("#")[0] for href in hrefs]


# A reading system's own typeface settings: the reader's default is a sans-serif.
READER_FONTS = {"standard": "DejaVu Sans", "sansSerif": "DejaVu Sans", "serif": "DejaVu Serif"}
READER_SCREEN = {"width": 600, "height": 800}


@pytest.fixture
def reader_page(browser):
    """A page that shows EPUB documents as a reading system does: a 600x800 screen and
    the reader's default font (a sans-serif) set in the browser, as a reader's settings are."""
    context = browser.new_context(viewport=READER_SCREEN)
    page = context.new_page()
    page.cdp = context.new_cdp_session(page)
    page.cdp.send("Page.setFontFamilies", {"fontFamilies": READER_FONTS})
    yield page
    context.close()


@pytest.fixture(scope="session")
def epub_site(epub_dir):
    """The unpacked EPUB served over HTTP, so the page's scripts may read its stylesheets' rules."""
    with static_server(epub_dir) as url:
        yield url


def rendered_fonts(page, selector="body *"):
    """{font family: glyphs} that the page draws its elements matching `selector` in."""
    page.cdp.send("DOM.enable")
    page.cdp.send("CSS.enable")
    root = page.cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    fonts = {}
    for node in page.cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        for font in page.cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            fonts[font["familyName"]] = fonts.get(font["familyName"], 0) + font["glyphCount"]
    return fonts

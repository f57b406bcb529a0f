"""The published site in Chromium, served as its host serves it: under a
sub-path (Read the Docs' /en/latest/, as GitHub Pages serves /REPO/), a
missing address answered with 404.html. No page, the 404 page at any depth
of a missing address included, logs a console error, makes a failed request
or asks another host for anything, and every page's favicon loads. On the 404
page, at any depth, the styles apply, every link leads to a page of the site,
the scripts' content root is the site's, the search finds Fact 2, and axe
finds no WCAG A or AA violation in light or dark mode."""

import pytest

from browser import MODES, opened_in_tabs, search_results, static_server
from test_browser_accessibility import report, wcag_violations
from web_edition import SITE_PATH

# Missing addresses at the site's root and deeper, down to a folder-like one.
MISSING = ["missing.html", "chapters/missing.html", "a/b/c/missing/"]


@pytest.fixture(scope="module")
def site_url(site_root):
    with static_server(site_root, not_found_page=SITE_PATH.strip("/") + "/404.html") as host:
        yield host.rstrip("/") + SITE_PATH


# Styles the book's and the theme's stylesheets set, the same on every page.
STYLE_PROBE = """[document.body, document.querySelector('.bd-header'), document.querySelector('.bd-sidebar-primary')]
    .map(element => { const style = getComputedStyle(element);
                      return [style.fontFamily, style.backgroundColor, style.display, style.width]; })"""


def watch(context, site_url):
    """Record what a clean page never does, in any tab of `context`: console errors, script errors, failed
    or foreign requests, failed responses other than a document's own (a missing address's 404 page)."""
    problems = []

    def console(message):
        # The browser notes that a missing address's own document came with status 404: that is the point.
        own_status = message.location.get("url") == message.page.url and "status of 404" in message.text
        if message.type == "error" and not own_status:
            problems.append(f"console: {message.text} ({message.location.get('url')})")

    context.on("console", console)
    context.on("weberror", lambda error: problems.append(f"script: {error.error}"))
    context.on("requestfailed", lambda request: problems.append(f"failed: {request.url} ({request.failure})"))
    context.on(
        "request",
        lambda request: request.url.startswith((site_url, "data:")) or problems.append(f"elsewhere: {request.url}"),
    )
    context.on(
        "response",
        lambda response: (
            response.status < 400
            or response.request.resource_type == "document"
            or problems.append(f"{response.status}: {response.url}")
        ),
    )
    return problems


def open_missing(page, site_url, path):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"


def favicon_status(page):
    return page.request.get(page.locator("link[rel=icon]").evaluate("icon => icon.href")).status


def test_no_page_logs_an_error_fails_a_request_or_asks_another_host(new_page, site_url, site_pages):
    page = new_page()
    problems = watch(page.context, site_url)
    statuses = {}  # of each page's own document

    def note_status(response):
        if response.request.resource_type == "document":
            statuses[response.url] = response.status

    page.context.on("response", note_status)
    pages = [path for path in site_pages if path != "404.html"]
    for batch in opened_in_tabs(page, pages + MISSING, lambda path: site_url + path):
        for tab, path in batch:
            tab.wait_for_load_state("networkidle")
            assert favicon_status(tab) == 200, path
    assert statuses == {site_url + path: 200 for path in pages} | {site_url + path: 404 for path in MISSING}
    assert problems == []


@pytest.mark.parametrize("path", MISSING)
def test_the_404_pages_styles_and_links_work_at_any_depth(new_page, site_url, site_pages, path):
    page = new_page()
    open_missing(page, site_url, path)
    assert page.evaluate("""[...document.querySelectorAll('link[rel=stylesheet]')]
        .every(link => link.sheet && link.sheet.cssRules.length > 0)""")
    # The root Sphinx's and the theme's scripts build the search results' links on.
    assert page.evaluate("new URL(document.documentElement.dataset.content_root, location.href).href") == site_url
    front = new_page()
    front.goto(site_url + "index.html", wait_until="networkidle")
    assert page.evaluate(STYLE_PROBE) == front.evaluate(STYLE_PROBE)
    links = page.locator("a[href]:not([href^='#'])").evaluate_all("links => links.map(a => a.href)")
    assert {site_url + fact for fact in site_pages if fact.startswith("chapters/")} <= set(links)
    for link in set(links):
        assert link.startswith(site_url), link
        assert page.request.get(link).status == 200, link


@pytest.mark.parametrize("path", MISSING)
def test_the_search_on_the_404_page_finds_fact_2_at_any_depth(new_page, site_url, facts, path):
    page = new_page()
    open_missing(page, site_url, path)
    page.keyboard.press("Control+K")
    page.keyboard.type("Glastonbury")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site_url + "search.html")
    assert facts[1].html_name in search_results(page)
    with page.expect_navigation():
        page.click(f"#search-results a[href='{facts[1].html_name}#{facts[1].label}']")
    assert page.url == f"{site_url}{facts[1].html_name}#{facts[1].label}"


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_wcag_violation_on_the_404_page(new_page, site_url, mode):
    page = new_page(mode=mode)
    open_missing(page, site_url, MISSING[-1])
    violations = wcag_violations(page)
    assert violations == [], report({f"404 page, {mode}": violations})

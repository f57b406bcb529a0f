"""axe-core finds no WCAG 2.x A or AA violation in the HTML book, in Chromium:
on every page, in light and dark mode, at desktop and phone widths, with
the theme's search dialog, colour-mode menu and phone sidebars open, and
where a link or a search marks what it found."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from browser import MODES, WIDTHS, open_book, open_part, opened_in_tabs, static_server

WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Parts of the front page that the theme only shows on request: how to open each,
# the element that shows it is open, and the widths at which a reader can open it.
OPENED = {
    "search dialog": ("Control+K", "#pst-search-dialog[open]", WIDTHS.values()),
    "colour-mode menu": (".theme-switch-button", ".theme-switch-container .dropdown-menu.show", WIDTHS.values()),
    "navigation sidebar": (".primary-toggle", "#pst-primary-sidebar-modal[open]", [WIDTHS["phone"]]),
    "contents sidebar": (".secondary-toggle", "#pst-secondary-sidebar-modal[open]", [WIDTHS["phone"]]),
}


# The theme's controls fade their colours in (CSS transitions): axe measures contrast as the page is drawn
# at that moment, so it runs only once none is running, or it may catch a colour half-way.
SETTLED = "document.getAnimations().every(animation => animation.playState !== 'running')"


# axe's check of every WCAG A and AA rule, its experimental ones included, begun in a task of the page's own:
# the call returns at once, so pages in several tabs are checked at the same time.
START_AXE = """tags => {
    const rules = axe.getRules(tags).map(rule => rule.ruleId);
    window.bookViolations = new Promise(resolve => setTimeout(resolve))
        .then(() => axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']}))
        .then(result => result.violations);
}"""


def start_axe(page):
    """Begin axe's check of `page` once the page is settled; `window.bookViolations` will hold its violations."""
    page.wait_for_function(SETTLED)
    page.evaluate(AXE_SCRIPT)
    page.evaluate(START_AXE, WCAG_A_AND_AA)


def wcag_violations(page):
    """axe's violations of every WCAG A and AA rule, its experimental ones included, once the page is settled."""
    start_axe(page)
    return page.evaluate("window.bookViolations")


def wcag_violations_of_pages(page, html_dir, paths, mode):
    """axe's violations of every WCAG A and AA rule on each page of `paths`, as wcag_violations finds them,
    by path: the pages opened from disk as open_book opens them, several at a time in tabs of `page`'s
    browser context (its width and colour mode), each checked once it has loaded
    and no transition runs; each page's colour mode is checked to be `mode` before axe runs."""
    found = {}
    for batch in opened_in_tabs(page, paths, lambda path: (html_dir / path).as_uri()):
        for tab, path in batch:
            tab.wait_for_load_state("load")
            assert tab.evaluate("document.documentElement.dataset.theme") == mode, path
            start_axe(tab)
        for tab, path in batch:
            found[path] = tab.evaluate("window.bookViolations")
    return found


def report(violations_by_page):
    lines = []
    for where, violations in violations_by_page.items():
        for violation in violations:
            for node in violation["nodes"]:
                lines.append(
                    f"{where}: {violation['id']} ({violation['impact']}) at {node['target']}: {node['failureSummary']}"
                )
    return "\n".join(lines)


def test_axe_runs_every_wcag_a_and_aa_rule(new_page, html_dir):
    page = new_page()
    open_book(page, html_dir, "index.html")
    page.evaluate(AXE_SCRIPT)
    rules = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", WCAG_A_AND_AA)
    assert {"color-contrast", "label-content-name-mismatch", "target-size", "link-name"} <= set(rules)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_has_no_wcag_violation(new_page, html_dir, html_pages, facts, width, mode):
    assert {"index.html", "people.html", "genindex.html", "search.html", *(fact.html_name for fact in facts)} <= set(
        html_pages
    )
    found = wcag_violations_of_pages(new_page(width, mode), html_dir, list(html_pages), mode)
    assert list(found) == list(html_pages)
    assert not any(found.values()), report(found)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_opened_parts_of_the_theme_have_no_wcag_violation(new_page, html_dir, width, mode):
    page = new_page(width, mode)
    found = {}
    for part, (opener, opened, widths) in OPENED.items():
        if width not in widths:
            continue
        open_book(page, html_dir, "index.html")
        open_part(page, opener, opened)
        found[part] = wcag_violations(page)
    assert found
    assert not any(found.values()), report(found)


@pytest.mark.parametrize("mode", MODES)
def test_what_a_link_or_a_search_marks_has_no_wcag_violation(new_page, html_dir, facts, mode):
    """A "Fact N" link opens its fact at its label, whose heading the theme marks as the target; a search, served
    (as the published site is), marks the searched words in its results' titles and summaries."""
    page = new_page(mode=mode)
    found = {}
    with static_server(html_dir) as url:
        page.goto(f"{url}{facts[1].html_name}#{facts[1].label}", wait_until="networkidle")
        assert page.locator(f"#{facts[1].label}:target > h1").count() == 1
        found["a fact opened at its label"] = wcag_violations(page)
        page.goto(f"{url}search.html?q=Cooper")
        page.wait_for_selector("#search-results .search-summary:not(:empty)")
        page.wait_for_load_state("networkidle")
        assert page.locator("#search-results a .highlighted").count()
        found["a search's results"] = wcag_violations(page)
    assert not any(found.values()), report(found)

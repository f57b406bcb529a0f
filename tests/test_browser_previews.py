"""Previews of cross-references in the HTML book, in Chromium, from disk (file://).

Hovering over or keyboard-focusing a link to a person in the glossary shows
the glossary's definition of them; a link to a fact ("Fact 8") shows the
fact's label, title and lead, as the built glossary and chapter pages give
them. The previews meet WCAG 2.2 SC 1.4.13: Escape dismisses one, the pointer
can move onto it, and it stays until dismissed, not on a timer; axe finds no
WCAG A or AA violation with a preview open and its link hovered or focused, in
light and dark mode, and the hovered link keeps 4.5:1 contrast. A touch
screen shows none: the first tap follows the link. The previews come with the
book: nothing is fetched from another host, and a first view fetches neither
tippy.js nor Popper, which load when a reader first points at a link. The
vendored copies of those libraries are the very files of the versions
package.json pins, and none of this reaches the EPUB.

The book is the one `make all` built for the session (conftest's html_dir);
the tests drive its pages with Playwright as a reader does: mouse, keyboard
and touch.
"""

import json
import re

import pytest
from docutils import nodes

from book import BOOK, collapsed, fact_label, glossary_definition, plain, require
from browser import MODES, WIDTHS, open_book, tab_to
from html_edition.previews import inline_html
from test_browser_accessibility import report, wcag_violations

# The vendored libraries: (npm package, file in the package, copy under _static/vendor/).
VENDORED = [
    ("tippy.js", "dist/tippy.umd.min.js", "tippy.js-6.3.7/tippy.umd.min.js"),
    ("tippy.js", "dist/tippy.css", "tippy.js-6.3.7/tippy.css"),
    ("tippy.js", "LICENSE", "tippy.js-6.3.7/LICENSE"),
    ("@popperjs/core", "dist/umd/popper.min.js", "popperjs-core-2.11.8/popper.min.js"),
    ("@popperjs/core", "LICENSE.md", "popperjs-core-2.11.8/LICENSE.md"),
]
PREVIEW = ".tippy-box[data-theme~='book']"
OPEN_PREVIEW = f"{PREVIEW}[data-state='visible']"
SAM_ELLIOTT = "a[href='../people.html#term-Sam-Elliott']"
FACT_6 = "chapters/06-first-take.html"  # it links people and two facts, Fact 8 and Fact 3
FACT_8_LINK = "a.reference.internal[href='08-camera-and-character.html#fact-camera']"


def lead(html_pages, fact):
    return collapsed(html_pages[fact.html_name].select_one("p.lead").get_text())


def open_preview(page):
    """The open preview, once it is the only one: the link left just before may take a frame more to close its own."""
    page.wait_for_function(
        "selector => document.querySelectorAll(selector).length === 1", arg=OPEN_PREVIEW, timeout=5000
    )
    preview = page.locator(OPEN_PREVIEW)
    preview.wait_for(state="visible", timeout=5000)
    return preview


def no_preview(page, timeout=3000):
    page.wait_for_function(
        "selector => [...document.querySelectorAll(selector)].every(box => !box.checkVisibility())",
        arg=PREVIEW,
        timeout=timeout,
    )


def contrast(page, selector):
    """The WCAG contrast ratio of an element's text colour against the page's background behind it."""
    return page.evaluate(
        """selector => {
        const rgb = value => {
            const numbers = value.match(/[\\d.]+/g).map(Number);
            return numbers.length === 3 ? [...numbers, 1] : numbers;
        };
        const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
            .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
        let element = document.querySelector(selector);
        const color = rgb(getComputedStyle(element).color);
        let background = [0, 0, 0, 0];
        for (; element && background[3] === 0; element = element.parentElement) {
            background = rgb(getComputedStyle(element).backgroundColor);
        }
        const [high, low] = [luminance(color), luminance(background)].sort((a, b) => b - a);
        return (high + 0.05) / (low + 0.05);
    }""",
        selector,
    )


@pytest.mark.parametrize("mode", MODES)
def test_hovering_a_person_shows_their_glossary_entry(new_page, html_dir, html_pages, mode):
    page = new_page(mode=mode)
    open_book(page, html_dir, FACT_6)
    assert page.url.startswith("file://")
    page.hover(SAM_ELLIOTT)
    preview = open_preview(page)
    term, paragraphs = glossary_definition(html_pages, "term-Sam-Elliott")
    assert (term, paragraphs) == (
        "Sam Elliott",
        ["Real person. In A Star Is Born he plays Bobby, the brother of Jackson."],
    )
    assert collapsed(preview.inner_text()) == collapsed(" ".join([term, *paragraphs]))
    # Screen readers hear it as the link's description.
    described_by = page.get_attribute(SAM_ELLIOTT, "aria-describedby")
    assert described_by and page.locator(f"#{described_by}").inner_text() == preview.inner_text()


def test_every_person_linked_from_a_fact_has_their_entry_as_preview(new_page, html_dir, html_pages, facts):
    page = new_page()
    checked = set()
    for fact in facts:
        open_book(page, html_dir, fact.html_name)
        for href in page.locator(".bd-article a[href^='../people.html#term-']").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        ):
            term_id = href.split("#")[1]
            if term_id in checked:
                continue
            page.mouse.move(0, 0)
            no_preview(page)
            page.hover(f".bd-article a[href='{href}']")
            term, paragraphs = glossary_definition(html_pages, term_id)
            assert collapsed(open_preview(page).inner_text()) == collapsed(" ".join([term, *paragraphs])), href
            checked.add(term_id)
    assert {"term-Sonja-Durham", "term-Sam-Elliott", "term-Lars-Ulrich", "term-Tony-Bennett"} <= checked


@pytest.mark.parametrize("mode", MODES)
def test_focusing_a_fact_reference_shows_its_title_and_lead(new_page, html_dir, html_pages, facts, mode):
    fact_8 = next(fact for fact in facts if fact.number == 8)
    page = new_page(mode=mode)
    open_book(page, html_dir, FACT_6)
    assert tab_to(page, FACT_8_LINK)
    text = collapsed(open_preview(page).inner_text())
    assert plain(text) == plain(f"{fact_label(8)} · {fact_8.title} {lead(html_pages, fact_8)}")
    assert text.startswith("Fact\N{NO-BREAK SPACE}8 · The Way the Film Is Shot")


def test_every_fact_reference_previews_the_fact_it_names(new_page, html_dir, html_pages, facts):
    """The "Appears in" lists of the glossary link every fact: each link's preview is that fact's."""
    page = new_page()
    open_book(page, html_dir, "people.html")
    seen = set()
    for fact in facts:
        link = page.locator(f".bd-article p.appears-in a[href^='{fact.html_name}#']").first
        page.mouse.move(0, 0)
        no_preview(page)
        link.hover()
        text = plain(collapsed(open_preview(page).inner_text()))
        assert text == plain(f"{fact_label(fact.number)} · {fact.title} {lead(html_pages, fact)}"), fact.html_name
        seen.add(fact.number)
    assert seen == {fact.number for fact in facts}


def test_escape_dismisses_a_hovered_preview_and_it_stays_dismissed(new_page, html_dir):
    page = new_page()
    open_book(page, html_dir, FACT_6)
    page.hover(SAM_ELLIOTT)
    open_preview(page)
    page.keyboard.press("Escape")
    no_preview(page)
    page.wait_for_timeout(600)  # the pointer is still on the link: the preview does not come back
    assert page.locator(OPEN_PREVIEW).count() == 0


def test_escape_dismisses_a_focused_preview_and_keeps_the_focus(new_page, html_dir):
    page = new_page()
    open_book(page, html_dir, FACT_6)
    assert tab_to(page, FACT_8_LINK)
    fact_8 = open_preview(page).inner_text()
    page.keyboard.press("Escape")
    no_preview(page)
    assert page.evaluate("selector => document.activeElement.matches(selector)", FACT_8_LINK)
    # The next link's own preview opens as the reader tabs on.
    page.keyboard.press("Tab")
    assert open_preview(page).inner_text() not in ("", fact_8)


def test_the_pointer_can_move_onto_a_preview_which_stays_until_the_pointer_leaves(new_page, html_dir):
    page = new_page()
    open_book(page, html_dir, FACT_6)
    link = page.locator(SAM_ELLIOTT).bounding_box()
    page.mouse.move(link["x"] + link["width"] / 2, link["y"] + link["height"] / 2)
    preview = open_preview(page)
    box = preview.bounding_box()
    assert box["y"] >= link["y"] + link["height"] - 1  # below the link
    # Down onto the preview, in steps, as a hand moves a mouse: it stays open.
    page.mouse.move(link["x"] + 10, box["y"] + box["height"] / 2, steps=12)
    page.wait_for_timeout(500)
    assert preview.is_visible()
    # No timer: still open three seconds on, the pointer resting on it.
    page.wait_for_timeout(3000)
    assert preview.is_visible()
    # Its text can be selected, as a reader copying a name would.
    assert preview.evaluate("box => getComputedStyle(box).pointerEvents") != "none"
    # Away from both: it closes.
    page.mouse.move(5, 880, steps=8)
    no_preview(page)


def test_a_focused_preview_stays_until_the_focus_leaves(new_page, html_dir):
    page = new_page()
    open_book(page, html_dir, FACT_6)
    assert tab_to(page, FACT_8_LINK)
    preview = open_preview(page)
    page.wait_for_timeout(3000)
    assert preview.is_visible()
    page.keyboard.press("Shift+Tab")
    page.wait_for_function("selector => !document.activeElement.matches(selector)", arg=FACT_8_LINK)
    # Fact 8's closes at the browser's next frame, which a loaded machine may draw after the previous link's
    # preview has opened, 150 ms on: then the one left open is the previous link's own.
    page.wait_for_function(
        "selector => [...document.querySelectorAll(selector)].every(box => !box.textContent.includes('Fact'))",
        arg=OPEN_PREVIEW,
        timeout=3000,
    )
    open_preview(page)  # the previous link's, alone


@pytest.fixture
def touch_page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 800}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def test_a_tap_on_a_touch_screen_follows_the_link_without_a_preview(touch_page, html_dir):
    page = touch_page
    open_book(page, html_dir, FACT_6)
    page.evaluate(
        """selector => {
        window.clicks = 0;
        document.querySelector(selector).addEventListener('click', event => {
            window.clicks += 1;
            event.preventDefault();  // stay on the page, to see what else the tap did
        });
    }""",
        SAM_ELLIOTT,
    )
    page.tap(SAM_ELLIOTT)
    page.wait_for_timeout(800)
    assert page.evaluate("window.clicks") == 1  # the first tap is the link's click
    assert page.locator(PREVIEW).count() == 0
    assert page.evaluate("typeof window.tippy") == "undefined"  # not even loaded

    open_book(page, html_dir, FACT_6)
    with page.expect_navigation():
        page.tap(SAM_ELLIOTT)
    assert page.url.endswith("/people.html#term-Sam-Elliott")


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violation_with_a_preview_open(new_page, html_dir, mode):
    page = new_page(mode=mode)
    open_book(page, html_dir, FACT_6)
    found = {}
    page.hover(SAM_ELLIOTT)
    open_preview(page)
    assert page.evaluate("selector => document.querySelector(selector).matches(':hover')", SAM_ELLIOTT)
    found["person's preview, link hovered"] = wcag_violations(page)
    page.mouse.move(0, 0)
    no_preview(page)
    assert tab_to(page, FACT_8_LINK)
    open_preview(page)
    found["fact's preview, link focused"] = wcag_violations(page)
    assert not any(found.values()), report(found)


@pytest.mark.parametrize("mode", MODES)
def test_a_hovered_or_focused_link_keeps_4_5_to_1_contrast(new_page, html_dir, mode):
    page = new_page(mode=mode)
    open_book(page, html_dir, FACT_6)
    page.hover(SAM_ELLIOTT)
    page.wait_for_timeout(400)  # past any colour transition
    assert contrast(page, SAM_ELLIOTT) >= 4.5
    page.mouse.move(0, 0)
    assert tab_to(page, FACT_8_LINK)
    page.wait_for_timeout(400)
    assert contrast(page, FACT_8_LINK) >= 4.5
    # The preview's own text, on its own background.
    assert contrast(page, f"{OPEN_PREVIEW} .book-preview p:last-child") >= 4.5


def test_previews_fetch_nothing_from_another_host_and_load_only_when_wanted(new_page, html_dir):
    page = new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_book(page, html_dir, FACT_6)
    assert all(url.startswith("file://") for url in requested), requested
    assert not any(url.endswith(("tippy.umd.min.js", "popper.min.js")) for url in requested)  # not needed yet
    page.hover(SAM_ELLIOTT)
    open_preview(page)
    assert all(url.startswith("file://") for url in requested), requested
    assert any(url.endswith("tippy.umd.min.js") for url in requested)
    assert any(url.endswith("popper.min.js") for url in requested)


def test_the_vendored_libraries_are_the_pinned_releases(html_dir):
    node_modules = BOOK / "node_modules"
    require((node_modules / "tippy.js").is_dir(), "node_modules is not installed (make installs it with npm ci)")
    pins = json.loads((BOOK / "package.json").read_text())["devDependencies"]
    lock = json.loads((BOOK / "package-lock.json").read_text())["packages"]
    for package, source, copy in VENDORED:
        assert re.fullmatch(r"\d+\.\d+\.\d+", pins[package]), f"{package} is pinned to an exact version"
        assert lock[f"node_modules/{package}"]["version"] == pins[package]
        installed = json.loads((node_modules / package / "package.json").read_text())["version"]
        assert installed == pins[package], f"node_modules holds {package} {installed}: run npm ci"
        assert copy.split("/")[0].endswith(f"-{pins[package]}"), copy
        vendored = BOOK / "_static" / "vendor" / copy
        assert vendored.read_bytes() == (node_modules / package / source).read_bytes(), copy
        assert (html_dir / "_static" / "vendor" / copy).read_bytes() == vendored.read_bytes()


def test_nothing_of_the_previews_or_the_scorer_reaches_the_epub(epub_dir):
    files = {path.relative_to(epub_dir).as_posix() for path in epub_dir.rglob("*") if path.is_file()}
    assert not [name for name in files if re.search(r"tippy|popper|previews|search-scorer", name)]
    for name in files:
        if name.endswith((".xhtml", ".opf", ".css", ".js")):
            text = (epub_dir / name).read_text(encoding="utf-8")
            assert not re.search(r"bookPreviews|bookSearch|tippy|previews\.js", text), name


def test_a_preview_shows_the_text_without_its_footnote_marks():
    """A lead's footnote reference is a link of its own, a number with nothing to say out of place."""
    lead = nodes.paragraph("", "She lived through it", nodes.footnote_reference("", "1", refid="a"), nodes.Text("."))
    assert inline_html(lead) == "She lived through it."

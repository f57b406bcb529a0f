"""A first view of the front page fetches at most 600 KB in Chromium, yet the
page loses nothing to it: every icon it shows is drawn (the search field's
beside the text, not over it), and the theme's colour-mode switch and phone
sidebar still work."""

import re

import pytest
from fontTools.ttLib import TTFont

from browser import WIDTHS, first_view, open_book, static_server

BUDGET = 600_000  # bytes, as served (uncompressed)
THEME_STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
FONT_FACE = re.compile(
    r"@font-face\{[^}]*?font-family:(?P<family>[^;]+);[^}]*?font-weight:(?P<weight>\d+);"
    r"[^}]*?src:url\((?P<src>[^)]+)\)"
)
ICONS_SHOWN = """() => [...document.querySelectorAll('[class*="fa-"]')]
    .filter(icon => icon.checkVisibility())
    .map(icon => {
        const glyph = getComputedStyle(icon, '::before');
        return {classes: [...icon.classList], family: glyph.fontFamily.replaceAll('"', ''),
                weight: glyph.fontWeight, glyph: glyph.content.codePointAt(1)};
    })"""


def test_a_first_view_of_the_front_page_fetches_at_most_600_kb(browser, html_dir):
    with static_server(html_dir) as base_url:
        fetched = first_view(browser, base_url + "index.html")
    assert all(url.startswith(base_url) for url, _ in fetched)
    assert base_url + "index.html" in [url for url, _ in fetched]
    total = sum(size for _, size in fetched)
    files = "\n".join(f"{size:>9}  {url}" for url, size in sorted(fetched, key=lambda item: -item[1]))
    assert total <= BUDGET, f"{total} bytes, over the budget of {BUDGET}:\n{files}"


@pytest.fixture(scope="module")
def icon_fonts(html_dir):
    """The glyphs of each Font Awesome face the theme declares, as built: {(family, weight): code points}."""
    stylesheet = html_dir / THEME_STYLESHEET
    faces = {}
    for face in FONT_FACE.finditer(stylesheet.read_text(encoding="utf-8")):
        font = TTFont(stylesheet.parent / face["src"])
        faces[face["family"].replace("\\", ""), face["weight"]] = set(font.getBestCmap())
    assert faces
    return faces


@pytest.mark.parametrize(
    "path, expected",
    [
        ("index.html", {"fa-bars", "fa-magnifying-glass", "fa-angle-right"}),
        ("chapters/02-glastonbury.html", {"fa-bars", "fa-magnifying-glass", "fa-angle-left", "fa-angle-right"}),
        ("people.html", {"fa-bars", "fa-magnifying-glass", "fa-angle-left"}),
    ],
)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_icon_a_page_shows_is_drawn(new_page, html_dir, icon_fonts, path, expected, width):
    page = new_page(width)
    open_book(page, html_dir, path)
    icons = page.evaluate(ICONS_SHOWN)
    shown = {name for icon in icons for name in icon["classes"]}
    assert expected <= shown
    assert shown & {"fa-sun", "fa-moon", "fa-circle-half-stroke"}, "no colour-mode icon"
    loaded = {
        (face["family"], face["weight"])
        for face in page.evaluate(
            "[...document.fonts].filter(font => font.status === 'loaded')"
            ".map(font => ({family: font.family, weight: font.weight}))"
        )
    }
    for icon in icons:
        face = (icon["family"], icon["weight"])
        assert face in loaded, icon
        assert icon["glyph"] in icon_fonts[face], icon


def test_the_colour_mode_switch_still_switches_and_is_remembered(new_page, html_dir):
    page = new_page(mode="light")
    open_book(page, html_dir, "index.html")
    page.click(".theme-switch-button")
    page.click(".theme-change-button[data-mode=dark]")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


def test_the_phone_sidebar_still_opens_with_the_facts_and_closes(new_page, html_dir, facts):
    page = new_page(WIDTHS["phone"])
    open_book(page, html_dir, "index.html")
    assert not page.locator(".bd-sidebar-primary a[href*='chapters/']").first.is_visible()
    page.click(".primary-toggle")
    sidebar = page.locator("#pst-primary-sidebar-modal[open]")
    for fact in facts:
        assert sidebar.locator(f"a[href='{fact.html_name}']").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#pst-primary-sidebar-modal[open]").count() == 0


@pytest.mark.parametrize("path", ["index.html", "search.html"])
def test_the_search_fields_icon_sits_beside_its_text(new_page, html_dir, path):
    page = new_page(WIDTHS["phone"])
    open_book(page, html_dir, path)
    page.keyboard.press("Control+K")
    form = page.locator("form.bd-search:visible")
    icon = form.locator(".fa-magnifying-glass").bounding_box()
    text_starts = form.locator("input[name=q]").evaluate(
        "field => field.getBoundingClientRect().left + parseFloat(getComputedStyle(field).paddingLeft)"
    )
    assert icon["x"] + icon["width"] <= text_starts

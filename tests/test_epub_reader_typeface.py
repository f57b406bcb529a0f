"""The EPUB leaves the typeface to the reader: no stylesheet names a font
family for any element the documents hold (only code may ask for a monospace),
the package does not claim that its own fonts matter
(ibooks:specified-fonts), and a reading-system-like page whose reader's
default is a sans-serif draws every document in that sans-serif."""

import pytest

from book import require
from browser import READER_FONTS, rendered_fonts

SPECIFIED_FONTS = "ibooks:specified-fonts"

# The rules, of every stylesheet the document loads, that name a font family
# other than a monospace, and that some element of the document matches.
FONT_RULES = """() => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
    .filter(rule => rule.style && rule.style.fontFamily && rule.style.fontFamily !== "monospace")
    .filter(rule => document.querySelector(rule.selectorText))
    .map(rule => rule.cssText)"""


def test_the_package_does_not_claim_its_own_fonts(epub):
    assert epub.meta(SPECIFIED_FONTS) == []


@pytest.fixture
def reader_with_fonts(reader_page):
    """The reader's page, once it is known to draw the reader's sans-serif and serif apart."""
    reader_page.set_content('<p style="font-family: serif">Serif</p><p style="font-family: sans-serif">Sans</p>')
    serif, sans = (rendered_fonts(reader_page, f"p:nth-child({n})") for n in (1, 2))
    require(
        serif == {READER_FONTS["serif"]: 5} and sans == {READER_FONTS["sansSerif"]: 4},
        "the DejaVu fonts are not installed (Debian package fonts-dejavu-core)",
    )
    return reader_page


def test_every_document_is_drawn_in_the_readers_default_font(reader_with_fonts, epub, epub_site):
    drawn = set()
    for name in epub.spine:
        reader_with_fonts.goto(epub_site + name)
        assert reader_with_fonts.evaluate(FONT_RULES) == [], name
        fonts = rendered_fonts(reader_with_fonts)
        assert set(fonts) <= {READER_FONTS["standard"]}, (name, fonts)
        drawn |= set(fonts)
    assert drawn == {READER_FONTS["standard"]}


def test_a_title_in_the_italic_lead_stands_out_in_roman(reader_page, epub, facts, epub_site):
    """The lead is italic, so a title the lead sets in italics (A Star Is Born) is set in roman, as in print."""
    reader_page.goto(epub_site + facts[0].xhtml_name)
    styles = reader_page.evaluate(
        "() => [...document.querySelectorAll('p.lead, p.lead em')].map(node => getComputedStyle(node).fontStyle)"
    )
    assert styles[0] == "italic" and len(styles) > 1 and set(styles[1:]) == {"normal"}, styles

"""Every claim of the EPUB's accessibility summary holds of the file. The
summary says exactly the sentences listed here, so a changed summary fails
until its claims are checked; each is checked below, except these, proved elsewhere: the reading system's
font, size and colours apply (test_epub_reader_typeface,
test_epub_reading_system); the print edition's page breaks and page list
(test_epub_print_page_numbers); EPUBCheck's and DAISY Ace's findings
(test_epub_valid, test_epub_accessibility_checker)."""

import re

from bs4 import BeautifulSoup

from book import glossary_terms, plain
from epub import NS

SUMMARY = [
    "Text in reading order, with a heading for every chapter.",
    "The table of contents numbers the facts; names in the chapters link to a glossary of people, "
    "and an index lists people, songs, places and works.",
    "The page numbers of the print edition are marked where each printed page begins, and a page list leads to each.",
    "Every image, the cover included, is described by alternative text.",
    "No sound, video, animation or fixed layout: the reading system's font, size and colours apply.",
    "Checked by the book's tests, automatically: EPUBCheck finds the EPUB valid, with no error or warning; "
    "DAISY Ace finds no violation in any page (its checks include axe-core's WCAG 2 A and AA rules).",
    "No conformance to WCAG or EPUB Accessibility is claimed: the book has not been audited by hand.",
]
TIME_BASED = re.compile(r"^(audio|video)/")
MOVING_CSS = re.compile(r"@keyframes|\banimation\s*:|\btransition\s*:")


def test_the_summary_makes_only_the_claims_checked_here(epub):
    (summary,) = epub.meta("schema:accessibilitySummary")
    assert summary == " ".join(SUMMARY)


def test_text_in_reading_order_with_a_heading_for_every_chapter(epub):
    toc_order = list(dict.fromkeys(epub.resolve(epub.nav_name, href)[0] for _text, href in epub.nav("toc")))
    assert [name for name in epub.spine if name in toc_order] == toc_order
    for name in epub.spine[1:]:
        assert epub.xml(name).find(".//xhtml:h1", NS) is not None, name


def test_contents_number_the_facts_names_link_to_the_glossary_and_the_index_lists_people(epub, facts):
    numbered = [text for text, _href in epub.nav("toc") if re.match(r"^\d+\. ", text)]
    assert len(numbered) == len(facts)
    for fact in facts:
        links = [a.get("href") for a in epub.xml(fact.xhtml_name).iterfind(".//xhtml:a", NS)]
        assert any(href.startswith("../people.xhtml#term-") for href in links), fact.xhtml_name
    index = BeautifulSoup(epub.files["genindex.xhtml"], "html.parser")
    names = {
        plain(item.contents[0].get_text().strip().removesuffix(",")) for item in index.select("table.indextable li")
    }
    people = set(glossary_terms())
    assert people <= names and names - people


def test_every_image_the_cover_included_has_alternative_text(epub):
    cover = epub.item_with("cover-image")["name"]
    images = [(name, img) for name in epub.documents() for img in epub.xml(name).iterfind(".//xhtml:img", NS)]
    assert cover in [epub.resolve(name, img.get("src"))[0] for name, img in images]
    assert all(img.get("alt", "").strip() for _name, img in images)


def test_no_sound_video_animation_or_fixed_layout(epub):
    assert [item for item in epub.manifest.values() if TIME_BASED.match(item["media-type"])] == []
    for name in epub.documents():
        document = epub.xml(name)
        for tag in ("audio", "video", "canvas", "object", "embed"):
            assert document.find(f".//xhtml:{tag}", NS) is None, (name, tag)
    for name, data in epub.files.items():
        if name.endswith(".css"):
            assert MOVING_CSS.findall(data.decode()) == [], name
    assert epub.meta("rendition:layout") in ([], ["reflowable"])


def test_no_claim_of_conformance(epub):
    assert epub.meta("dcterms:conformsTo") == [] and epub.meta("a11y:certifiedBy") == []
    assert epub.opf.find("opf:metadata/opf:link[@rel='dcterms:conformsTo']", NS) is None

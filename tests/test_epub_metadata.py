"""The EPUB's package metadata: identifier, bibliographic data, cover and
accessibility metadata are present and agree with the book; its front page,
as the PDF's title page and colophon do, names the author and the copyright."""

import hashlib
import io
import time
import uuid

from bs4 import BeautifulSoup
from PIL import Image

from book import BOOK, CONF, SOURCE_DATE_EPOCH
from epub import NS

COVER_SOURCE = BOOK / "_themes/ereader/static/cover.svg"
A11Y = "schema:"


def test_the_identifier_is_a_uuid_named_by_the_package_and_repeated_in_the_ncx(epub):
    uid = epub.opf.get("unique-identifier")
    identifier = epub.opf.find(f"opf:metadata/dc:identifier[@id='{uid}']", NS).text
    assert uuid.UUID(identifier.removeprefix("urn:uuid:"))
    ncx_uid = epub.xml(epub.ncx_name).find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content")
    assert ncx_uid == identifier


def test_the_bibliographic_metadata_is_filled_in(epub):
    for tag in ("dc:title", "dc:creator", "dc:publisher", "dc:description", "dc:subject"):
        values = epub.metadata(tag)
        assert values and all(value and value.strip() and value != "unknown" for value in values), tag
    assert epub.metadata("dc:language") == ["en"]
    assert epub.metadata("dc:title") == ["A Star Is Born: Eight Facts from The Road to Stardom"]


def test_the_modification_date_comes_from_source_date_epoch(epub):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(SOURCE_DATE_EPOCH))
    assert epub.meta("dcterms:modified") == [stamp]
    assert {info.date_time for info in epub.infos} == {time.gmtime(SOURCE_DATE_EPOCH)[:6]}


def test_the_cover_is_the_books_image_with_a_cover_page_and_alt_text(epub):
    image = epub.item_with("cover-image")
    assert image["media-type"] == "image/jpeg"
    assert epub.opf.find("opf:metadata/opf:meta[@name='cover']", NS).get("content") == image["id"]
    cover_page = epub.spine[0]
    (img,) = epub.xml(cover_page).iterfind(".//xhtml:img", NS)
    assert epub.resolve(cover_page, img.get("src"))[0] == image["name"]
    assert len(img.get("alt", "")) > len("Cover image"), img.get("alt")


def test_the_cover_image_is_rendered_from_the_current_svg(epub):
    image = Image.open(io.BytesIO(epub.files[epub.item_with("cover-image")["name"]]))
    assert image.size == (1600, 2400)
    digest = hashlib.sha256(COVER_SOURCE.read_bytes()).hexdigest()
    assert image.info.get("comment") == f"sha256:{digest}".encode(), "run scripts/render_cover.py"


def test_the_accessibility_metadata_is_complete(epub):
    for prop in (
        "accessMode",
        "accessModeSufficient",
        "accessibilityFeature",
        "accessibilityHazard",
        "accessibilitySummary",
    ):
        assert epub.meta(A11Y + prop), prop
    modes = set(epub.meta(A11Y + "accessMode"))
    for sufficient in epub.meta(A11Y + "accessModeSufficient"):
        assert set(sufficient.split(",")) <= modes, sufficient


CLAIMED_FEATURES = {
    "alternativeText",
    "displayTransformability",
    "index",
    "pageBreakMarkers",
    "pageNavigation",
    "printPageNumbers",
    "readingOrder",
    "structuralNavigation",
    "tableOfContents",
    "unlocked",
}


def test_the_claimed_accessibility_features_hold(epub):
    """Each feature the package claims, checked here or (reading order, display
    transformability, the print edition's page breaks and page list) in
    test_epub_navigation, test_epub_reading_system and test_epub_print_page_numbers."""
    assert set(epub.meta(A11Y + "accessibilityFeature")) == CLAIMED_FEATURES
    documents = {name: epub.xml(name) for name in epub.documents()}
    images = [img for document in documents.values() for img in document.iterfind(".//xhtml:img", NS)]
    assert images and all(img.get("alt", "").strip() for img in images)
    assert epub.nav("toc")
    assert epub.nav("page-list") and epub.meta("pageBreakSource")
    assert any(href.startswith("genindex") for _text, href in epub.nav("landmarks"))
    for name in epub.spine[1:]:
        assert documents[name].find(".//xhtml:h1", NS) is not None, name
    assert "META-INF/encryption.xml" not in epub.files and "META-INF/rights.xml" not in epub.files
    assert epub.meta(A11Y + "accessibilityHazard") == ["none"]
    for document in documents.values():
        assert not document.findall(".//xhtml:audio", NS) + document.findall(".//xhtml:video", NS)


def test_the_front_page_names_the_author_and_the_copyright_under_its_lead(epub):
    lead = BeautifulSoup(epub.files["index.xhtml"], "html.parser").select_one("p.lead")
    byline, copyright = lead.find_next_siblings("p", limit=2)
    assert (byline.get_text(), copyright.get_text()) == (CONF["author"], f"\N{COPYRIGHT SIGN} {CONF['copyright']}")

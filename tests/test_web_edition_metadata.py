"""What a published web edition carries, built with a base URL (as Read the
Docs builds it): every page of the book's text (front page, facts, glossary)
has Open Graph and Twitter card tags, a fact's description (for search
engines too) being its own lead; the social image is the 1200x630 card drawn from the current cover,
shipped in the site; sitemap.xml lists every page and robots.txt names it;
every page's favicon is a file of the site. Built without one (a plain `make
html`), no page carries an absolute URL to any host nor any of those tags,
and no sitemap, robots.txt or 404 page is written, yet the favicon is still
there. A base URL that is not a folder's whole http or https address stops
the build, saying what is wrong with it."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from PIL import Image

from book import BOOK, CONF, fact_label, link_target, plain, sphinx_build
from book_core.checks import drawing_mark
from web_edition import CANONICAL_URL, NOT_IN_SITEMAP, meta

SOCIAL_CARD = "social-card.jpg"
ABSOLUTE_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


def pages_of_the_books_text(site_pages):
    """The pages made from the book's sources (the front page, the facts, the glossary), not those Sphinx
    generates (the index, the search page, the 404 page)."""
    return {path: soup for path, soup in site_pages.items() if (BOOK / path).with_suffix(".md").is_file()}


def test_every_page_of_the_books_text_has_open_graph_and_twitter_card_tags(site_pages, facts):
    pages = pages_of_the_books_text(site_pages)
    assert {"index.html", "people.html", *(fact.html_name for fact in facts)} == set(pages)
    for path, soup in pages.items():
        assert meta(soup, "og:title"), path
        assert meta(soup, "og:description"), path
        assert meta(soup, "og:url") == CANONICAL_URL + path
        assert meta(soup, "og:image") == CANONICAL_URL + SOCIAL_CARD
        assert meta(soup, "twitter:card") == "summary_large_image"


def test_a_facts_description_is_its_own_lead(site_pages, facts):
    descriptions = []
    for fact in facts:
        soup = site_pages[fact.html_name]
        lead = " ".join(soup.select_one("article p.lead").get_text().split())
        assert meta(soup, "og:description") == lead
        # What a search engine shows under the page's link: one of the page's own, not one for the whole book.
        assert [tag["content"] for tag in soup.select('head meta[name="description"]')] == [lead]
        assert fact.title in plain(meta(soup, "og:title"))
        descriptions.append(lead)
    assert len(set(descriptions)) == len(facts)


def test_the_front_pages_title_is_the_books_and_every_other_page_names_the_book_after_its_own(html_pages, facts):
    assert html_pages["index.html"].title.get_text() == CONF["project"]
    title = html_pages[facts[0].html_name].title.get_text()
    # "Fact 1: Title", its no-break space made a plain one, as Sphinx's striptags makes every space.
    assert plain(title) == f"{fact_label(1).replace(chr(0xA0), ' ')}: {facts[0].title} \N{EM DASH} {CONF['html_title']}"
    for page, own_title in {"people.html": "People", "genindex.html": "Index", "search.html": "Search"}.items():
        assert plain(html_pages[page].title.get_text()) == f"{own_title} \N{EM DASH} {CONF['html_title']}"


def test_every_pages_footer_names_the_author_once_in_its_copyright_notice(html_pages):
    """Its notice is the EPUB's and the PDF's, "© 2026, …", not the theme's "© Copyright 2026, …"."""
    for page, soup in html_pages.items():
        footer = plain(" ".join(soup.select_one("footer.bd-footer-content").get_text().split()))
        assert footer.count(CONF["author"]) == 1, (page, footer)
        assert soup.select_one("footer p.copyright").get_text(strip=True) == f"\N{COPYRIGHT SIGN} {CONF['copyright']}"


def test_the_social_image_is_the_1200_by_630_card_drawn_from_the_current_cover(read_the_docs):
    image = Image.open(read_the_docs.html / SOCIAL_CARD)
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert image.info.get("comment") == drawing_mark(BOOK).encode(), "run scripts/render_cover.py"


def test_the_sitemap_lists_every_page_and_robots_txt_names_it(read_the_docs, site_pages):
    namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(read_the_docs.html / "sitemap.xml").getroot()
    listed = [location.text for location in root.iterfind("sitemap:url/sitemap:loc", namespace)]
    assert sorted(listed) == sorted(CANONICAL_URL + path for path in site_pages if path not in NOT_IN_SITEMAP)
    robots = (read_the_docs.html / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {CANONICAL_URL}sitemap.xml" in robots


def favicon_is_a_file_of_the_site(html_dir, path, soup):
    (icon,) = soup.find_all("link", rel="icon")
    target, _ = link_target(path, icon["href"])
    return (html_dir / target).is_file()


def test_the_pages_the_sitemap_leaves_out_ask_search_engines_not_to_list_them(site_pages):
    asking = {path for path, soup in site_pages.items() if meta(soup, "robots") == "noindex"}
    assert asking == NOT_IN_SITEMAP


def test_every_published_page_has_a_favicon_that_is_a_file_of_the_site(read_the_docs, site_pages):
    for path, soup in site_pages.items():
        if path == "404.html":  # its links are absolute paths: the browser tests follow them
            continue
        assert favicon_is_a_file_of_the_site(read_the_docs.html, path, soup), path


def test_without_a_base_url_no_page_carries_an_absolute_url_nor_web_tags(html_dir, html_pages):
    for path, soup in html_pages.items():
        assert not ABSOLUTE_URL.search((html_dir / path).read_text(encoding="utf-8")), path
        assert not soup.find("link", rel="canonical") and not meta(soup, "og:title"), path
        assert favicon_is_a_file_of_the_site(html_dir, path, soup), path
    for name in ("sitemap.xml", "robots.txt", "404.html", SOCIAL_CARD):
        assert not (html_dir / name).exists(), name


@pytest.mark.parametrize(
    ("address", "told"),
    [
        ("https://example.github.io/a-star-is-born", "must end in '/'"),
        ("example.github.io/a-star-is-born/", "must be a whole http or https address"),
        ("/a-star-is-born/", "must be a whole http or https address"),
        ("https://example.github.io/a star is born/", "may hold no space"),
        ("https://example.github.io/index.html?/", "may hold no query"),
        ("https://example.github.io/a-star-is-born//", "may hold no empty folder"),
    ],
)
def test_a_base_url_that_is_not_a_folders_whole_address_stops_the_build(tmp_path, address, told):
    result = sphinx_build(BOOK, tmp_path / "html", environment={"BOOK_BASE_URL": address})
    assert result.returncode != 0
    assert f"BOOK_BASE_URL (html_baseurl) {told}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr

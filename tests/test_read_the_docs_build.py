"""Read the Docs' build steps, run as .readthedocs.yaml states them in a copy
of the book, publish the book's own three editions: the HTML book in
$READTHEDOCS_OUTPUT/html, and exactly one EPUB and exactly one PDF beside it,
byte for byte those `make all` builds (Sphinx's epub builder with the book's
mixins, and the WeasyPrint print edition, not Read the Docs' LaTeX), which the
HTML offers; and every page the sitemap lists has a canonical link to its own
address under READTHEDOCS_CANONICAL_URL."""

from web_edition import CANONICAL_URL, NOT_IN_SITEMAP


def test_the_three_editions_are_where_read_the_docs_takes_them(read_the_docs, published):
    (epub,) = (read_the_docs.output / "epub").iterdir()
    (pdf,) = (read_the_docs.output / "pdf").iterdir()
    assert epub.suffix == ".epub" and pdf.suffix == ".pdf"
    assert epub.read_bytes() == next((published / "epub").glob("*.epub")).read_bytes()
    assert pdf.read_bytes() == next((published / "pdf").glob("*.pdf")).read_bytes()
    assert (read_the_docs.html / "index.html").is_file()
    downloads = read_the_docs.html / "downloads"
    assert (downloads / epub.name).read_bytes() == epub.read_bytes()
    assert (downloads / pdf.name).read_bytes() == pdf.read_bytes()


def test_every_listed_page_links_its_own_canonical_address_and_no_other_page_one(site_pages):
    """A page that asks search engines not to list it (the search page, the 404 page) names no canonical address,
    which would ask them to list it there."""
    for path, soup in site_pages.items():
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert canonical == ([] if path in NOT_IN_SITEMAP else [CANONICAL_URL + path]), path

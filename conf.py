"""Sphinx settings for *A Star Is Born*: Eight Facts from *The Road to Stardom*."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project ---------------------------------------------------------------

project = "A Star Is Born: Eight Facts from The Road to Stardom"
author = "The Star Facts book team"
copyright = f"2026, {author}"
language = "en"
description = (
    "Eight facts about the making of A Star Is Born, retold from a magazine "
    "article on the featurette The Road to Stardom: Making A Star Is Born."
)
# The article the book retells: its cited source, in every edition.
source_title = "The True Story Behind Lady Gaga's Final Performance in A Star Is Born Will Break Your Heart"

# -- General ---------------------------------------------------------------

# The book's own extensions, in _ext/: the book itself, then one package per edition.
extensions = [
    "myst_parser",
    "book_core",
    "html_edition",
    "epub_edition",
    "pdf_edition",
]

# An indented line is text, not code, which the book holds none of: a paragraph
# indented by a tab or four spaces stays a paragraph in every edition.
myst_disable_syntax = ["code"]
myst_enable_extensions = [
    "attrs_block",
    "colon_fence",
    "deflist",
]

root_doc = "index"
templates_path = ["_templates"]
include_patterns = ["index.md", "people.md", "chapters/*.md"]
# Not searched for sources at all: Sphinx walks every folder it does not
# exclude, and the virtual environments and the Node tools cost it half a
# second a build. Hidden files and folders (".venv", ".git", macOS's "._"
# files, editors' swap files) are never sources: ".*" at the top, "**/.*" below.
exclude_patterns = ["_build", "node_modules", ".*", "**/.*"]

nitpicky = True

# The index's groups ("places; Coachella"), each with how the index sets the titles it files under it, wherever it
# files them, as the text does (None: the group's entries are no titles). An entry under another group stops the build.
index_groups = {"places": None, "songs": "quoted", "works": "italic"}

numfig = True
# A no-break space: "Fact 7" never splits across lines, in any edition.
numfig_format = {"section": "Fact\N{NO-BREAK SPACE}%s"}

# -- HTML ------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "A Star Is Born: Eight Facts"
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_theme_options = {
    "show_toc_level": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "home_page_in_toc": False,
    "navbar_persistent": [],
    # The theme's, but for its "By …" line: the copyright notice names the author.
    "footer_content_items": ["copyright.html", "last-updated.html", "extra-footer.html"],
}

html_sidebars = {
    "**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html", "edition-downloads.html"],
}

# -- EPUB ------------------------------------------------------------------

version = "1.0"  # EPUB 3 package documents carry a version (ibooks:version)

epub_basename = "a-star-is-born-eight-facts"
# The book's own themes, in _themes/: the EPUB's (Sphinx's epub theme, with the files only the EPUB
# uses, copied into its _static folder) and the print edition's (pdf_theme).
html_theme_path = ["_themes"]
epub_theme = "ereader"
epub_css_files = ["reader.css"]
# The HTML's stylesheet, the cover's source, the build-info backup Sphinx
# leaves when a rebuild finds the settings changed, and what the epub theme
# inherits from the basic one but no page or stylesheet of the EPUB uses.
epub_exclude_files = [
    "_static/book.css",
    "_static/cover.svg",
    ".buildinfo.bak",
    "_static/basic.css",
    "_static/minus.png",
    "_static/plus.png",
]
# A reader follows a link as in the HTML; Sphinx's default prints each web address after its link.
epub_show_urls = "no"
# toc.ncx lists a page's sections under it, not the page again above them, as nav.xhtml does.
epub_tocdup = False
epub_cover = ("_static/cover.jpg", "epub-cover.html")
# The cover shows the title, so its description reads it from project, and counts the facts as the title does.
epub_cover_alt = (
    f"Cover: a gold star above the title, {project}, a row of numbered gold circles, and the credit {author}."
)
epub_description = description
epub_publisher = author
epub_contributor = author
epub_uid = "book-id"
epub_identifier = "urn:uuid:60be315e-8ba7-4738-a1cf-4385fe188cf4"
epub_subjects = ["A Star Is Born (film)", "Lady Gaga", "Bradley Cooper", "Motion pictures -- Production and direction"]
# The edition whose page numbers the EPUB's page breaks and page list give.
epub_page_break_source = f"{project}: the print edition (PDF, A5)"
epub_accessibility = {
    "accessMode": ["textual", "visual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeature": [
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
    ],
    "accessibilityHazard": ["none"],
    "accessibilitySummary": [
        "Text in reading order, with a heading for every chapter. The table of contents numbers "
        "the facts; names in the chapters link to a glossary of people, and an index lists "
        "people, songs, places and works. The page numbers of the print edition are marked where "
        "each printed page begins, and a page list leads to each. Every image, the cover included, "
        "is described by alternative text. No sound, video, animation or fixed layout: the reading "
        "system's font, size and colours apply. Checked by the book's tests, automatically: "
        "EPUBCheck finds the EPUB valid, with no error or warning; DAISY Ace finds no violation "
        "in any page (its checks include axe-core's WCAG 2 A and AA rules). No conformance to "
        "WCAG or EPUB Accessibility is claimed: the book has not been audited by hand."
    ],
}

# -- PDF -------------------------------------------------------------------

pdf_file_name = "a-star-is-born-eight-facts.pdf"
pdf_theme = "print"
pdf_description = description
pdf_keywords = ["A Star Is Born", "The Road to Stardom", "Lady Gaga", "Bradley Cooper", "making-of"]
pdf_variant = "pdf/ua-1"

# -- Publishing on the web -------------------------------------------------

# Every page's tab icon: the cover's star.
html_favicon = "_web/favicon.svg"
# The theme's script reads the stored colour mode, falling back to this; its
# empty default logs "Got invalid theme mode" in the console.
html_context = {"default_mode": "auto"}

# The address the web edition is published at, ending in "/": the GitHub
# Pages workflow sets it, and .readthedocs.yaml sets it from Read the Docs'
# READTHEDOCS_CANONICAL_URL. Empty (a local build), the book carries no
# absolute URL and works from disk.
html_baseurl = os.environ.get("BOOK_BASE_URL", "")
# Canonical links (Sphinx's own, from html_baseurl), the sitemap, Open Graph
# tags, robots.txt and the 404 page all need that address.
extensions += (
    ["sphinx_sitemap", "sphinxext.opengraph", "notfound.extension", "html_edition.publishing"] if html_baseurl else []
)

sitemap_url_scheme = "{link}"  # html_baseurl already holds Read the Docs' language and version
sitemap_excludes = ["search.html", "404.html"]

ogp_site_url = html_baseurl
ogp_image = "social-card.jpg"  # _web/social-card.jpg, drawn from the cover by scripts/render_cover.py
ogp_image_alt = f"The book's cover, a gold star above its title, beside the title {project}."
ogp_social_cards = {"enable": False}  # the extension's own cards, drawn with matplotlib
ogp_custom_meta_tags = [
    '<meta property="og:image:width" content="1200" />',
    '<meta property="og:image:height" content="630" />',
    '<meta name="twitter:card" content="summary_large_image" />',
]

notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>There is no page at this address. The "
    f'<a href="{notfound_urls_prefix}index.html">front page</a> lists the facts, and the search '
    "finds any name, song or place in the book.</p>",
}

epub_exclude_files += ["_static/favicon.svg"]  # the browser tab's icon: the EPUB's pages do not use it

# -- Previews and search ---------------------------------------------------

# The search page's scorer (Sphinx puts it in _static/language_data.js): a
# fact ranks first for what it is about, and every result names its fact.
# An absolute path: Sphinx opens it from the working directory.
html_search_scorer = str(Path(__file__).parent / "_static" / "search-scorer.js")
# Previews and the search scorer serve the HTML edition only: html_edition's
# previews and search add them to its pages. Its static files stay out of the EPUB.
epub_exclude_files += [
    "_static/previews.js",
    "_static/search-scorer.js",
    "_static/vendor/popperjs-core-2.11.8/LICENSE.md",
    "_static/vendor/popperjs-core-2.11.8/popper.min.js",
    "_static/vendor/tippy.js-6.3.7/LICENSE",
    "_static/vendor/tippy.js-6.3.7/tippy.css",
    "_static/vendor/tippy.js-6.3.7/tippy.umd.min.js",
]

"""Sphinx settings for *A Star Is Born: Eight Facts from The Road to Stardom*."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project ---------------------------------------------------------------

project = "A Star Is Born: Eight Facts from The Road to Stardom"
author = "The Road to Stardom book team"
copyright = "2026, the book team"
language = "en"
description = (
    "Eight facts about the making of A Star Is Born, retold from a magazine "
    "article on the featurette The Road to Stardom: Making A Star Is Born."
)

# -- General ---------------------------------------------------------------

extensions = [
    "myst_parser",
    "fact_numbering",
    "people_appearances",
    "epub_edition",
    "pdf_builder",
    "edition_downloads",
    "icon_subset",
    "consistent_rebuilds",
    "sidebar_navigation",
    "template_cache",
]

myst_enable_extensions = [
    "attrs_block",
    "colon_fence",
    "deflist",
]

root_doc = "index"
templates_path = ["_templates"]
include_patterns = ["index.md", "people.md", "chapters/*.md"]
# Not searched for sources at all: walking them costs Sphinx half a second.
exclude_patterns = ["_build", ".venv", ".git"]

nitpicky = True

numfig = True
numfig_format = {"section": "Fact %s"}

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
}

html_sidebars = {
    "**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html", "edition-downloads.html"],
}
myst_html_meta = {"description": description}

# -- EPUB ------------------------------------------------------------------

version = "1.0"  # EPUB 3 package documents carry a version (ibooks:version)

epub_basename = "a-star-is-born-eight-facts"
epub_theme = "epub"
# Files only the EPUB uses, copied into its _static folder, as html_static_path's are.
epub_static_path = ["_epub"]
epub_css_files = ["reader.css"]
# The HTML's stylesheet, the cover's source, and the build-info backup Sphinx
# leaves when a rebuild finds the settings changed.
epub_exclude_files = ["_static/book.css", "_static/cover.svg", ".buildinfo.bak"]
epub_cover = ("_static/cover.jpg", "epub-cover.html")
epub_cover_alt = (
    "Cover: a gold star above the title A Star Is Born, the subtitle Eight Facts "
    "from The Road to Stardom, the numbers 1 to 8 in a row, and the credit "
    "The Road to Stardom book team."
)
epub_description = description
epub_publisher = author
epub_contributor = author
epub_uid = "book-id"
epub_identifier = "urn:uuid:60be315e-8ba7-4738-a1cf-4385fe188cf4"
epub_subjects = ["A Star Is Born (film)", "Lady Gaga", "Bradley Cooper", "Motion pictures -- Production and direction"]
epub_accessibility = {
    "accessMode": ["textual", "visual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeature": [
        "alternativeText",
        "displayTransformability",
        "index",
        "readingOrder",
        "structuralNavigation",
        "tableOfContents",
        "unlocked",
    ],
    "accessibilityHazard": ["none"],
    "accessibilitySummary": [
        "Text in reading order, with a heading for every chapter. The table of contents numbers "
        "the eight facts; names in the chapters link to a glossary of people, and an index lists "
        "people, songs, places and works. The only image is the cover, described by alternative "
        "text. No sound, video, animation or fixed layout: the reading system's font, size and "
        "colours apply. Not audited against WCAG."
    ],
}

# -- PDF -------------------------------------------------------------------

pdf_file_name = "a-star-is-born-eight-facts.pdf"
pdf_theme = "_themes/print"
pdf_description = description
pdf_keywords = ["A Star Is Born", "The Road to Stardom", "Lady Gaga", "Bradley Cooper", "making-of"]
pdf_variant = "pdf/ua-1"

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
    "icon_subset",
]

myst_enable_extensions = [
    "attrs_block",
    "colon_fence",
    "deflist",
]

root_doc = "index"
include_patterns = ["index.md", "people.md", "chapters/*.md"]

nitpicky = True

numfig = True
numfig_format = {"section": "Fact %s"}

# -- HTML ------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "A Star Is Born: Eight Facts"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_last_updated_fmt = None
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

myst_html_meta = {"description": description}

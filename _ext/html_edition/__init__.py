"""The HTML edition (sphinx-book-theme): the theme's titles as text, only the
icons it shows, the EPUB and PDF offered for download, previews of people and
facts, and what the search ranks facts by; and its HTML writer, Sphinx's,
with each fact's heading opening "Fact 2" (``numbering.FactHeadings``).
What only the published site needs is ``publishing``, which conf.py loads
when the book has an address to be published at.
"""

from sphinx.writers.html5 import HTML5Translator

from book_core.numbering import FactHeadings

PARTS = ["theme_titles", "icons", "downloads", "previews", "search"]


class BookTranslator(FactHeadings, HTML5Translator):
    pass


def setup(app):
    # Registered for the HTML builder, which pydata-sphinx-theme then extends with its own writer's additions.
    app.set_translator("html", BookTranslator)
    for part in PARTS:
        app.setup_extension(f"html_edition.{part}")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""The HTML edition (sphinx-book-theme): the theme's titles as text, only the
icons it shows, the EPUB and PDF offered for download, previews of people and
facts, and what the search ranks facts by.
What only the published site needs is ``publishing``, which conf.py loads
when the book has an address to be published at.
"""

PARTS = ["theme_titles", "icons", "downloads", "previews", "search"]


def setup(app):
    for part in PARTS:
        app.setup_extension(f"html_edition.{part}")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

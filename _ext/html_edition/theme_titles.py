"""Titles in the theme's own parts of a page are text, not markup.

sphinx-book-theme (1.4) prints two titles as it reads them, unescaped: the
page's, atop the header it shows in print (``pagetitle``), and the book's,
atop the sidebar (``root_title``). A heading that names ``<script>`` or holds
an "&" would be markup there, and a script could run; this escapes both once
the theme has set them.
"""

import html

THEME_TITLES = ("pagetitle", "root_title")


def escape_theme_titles(app, pagename, templatename, context, doctree):
    for name in THEME_TITLES:
        if name in context:
            context[name] = html.escape(context[name])


def setup(app):
    app.connect("html-page-context", escape_theme_titles, priority=900)  # after the theme's own, at 500
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

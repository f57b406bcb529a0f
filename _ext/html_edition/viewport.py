"""One viewport declaration in each page's head.

The themes' layouts declare the viewport themselves, and docutils' HTML
writer adds a declaration of its own to the metadata of every page it writes
from a source, so those pages declared it twice. This drops docutils' one.
"""

VIEWPORT = '<meta name="viewport"'


def drop_docutils_viewport(app, pagename, templatename, context, doctree):
    if "metatags" in context:
        lines = context["metatags"].splitlines(keepends=True)
        context["metatags"] = "".join(line for line in lines if VIEWPORT not in line)


def setup(app):
    app.connect("html-page-context", drop_docutils_viewport)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

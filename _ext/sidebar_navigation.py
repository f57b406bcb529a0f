"""Build the sidebar's list of pages once per folder, not once per page.

Every page's sidebar lists every page of the book. The theme builds that list
afresh for each page (it resolves the whole toctree, renders it and rewrites
it with BeautifulSoup), so a book of n pages costs n times n. Yet the list is
the same on every page of a folder but for the marking of the current page:
``current active`` and ``href="#"`` on its entry, ``current`` on the list that
holds it. So the theme builds the list for the first page of a folder that it
marks that way, and every other page of the folder gets a copy with the
marking moved to its own entry; a page no toctree lists (the front page,
the search page) gets the list unmarked. A page whose list has any other
shape (a page with pages of its own below it) gets the theme's own
rendering. ``_templates/sbt-sidebar-nav.html`` calls
this in place of the theme's ``generate_toctree_html``.
"""

import functools
import posixpath

MARKED_ENTRY = '<li class="toctree-l1 current active"><a class="current reference internal" href="#">'
PLAIN_ENTRY = '<li class="toctree-l1"><a class="reference internal" href="{}">'
MARKED_LIST = '<ul class="current nav bd-sidenav">'
PLAIN_LIST = '<ul class="nav bd-sidenav">'


def unmark(html, own_href):
    """The list as a page that is not in it would show it, or None if `html` is not marked as expected."""
    if html.count(MARKED_ENTRY) != 1 or html.count(MARKED_LIST) != 1:
        return None
    plain = html.replace(MARKED_ENTRY, PLAIN_ENTRY.format(own_href)).replace(MARKED_LIST, PLAIN_LIST)
    return plain if mark(plain, own_href) == html else None


def mark(plain, own_href):
    """The list with the entry that links `own_href` marked current, or None if there is no one such entry."""
    entry = PLAIN_ENTRY.format(own_href)
    if plain.count(entry) != 1:
        return None
    at = plain.index(entry)
    list_at = plain.rfind(PLAIN_LIST, 0, at)
    if list_at < 0:
        return None
    return (plain[:list_at] + MARKED_LIST + plain[list_at + len(PLAIN_LIST):at]
            + MARKED_ENTRY + plain[at + len(entry):])


def start_cache(app):
    app.sidebar_lists = {}


def add_shared_toctree(app, pagename, templatename, context, doctree):
    @functools.cache
    def shared_toctree_html(**options):
        theme_html = context["generate_toctree_html"]
        # How the other pages of the folder link this one.
        own_href = posixpath.basename(app.builder.get_target_uri(pagename))
        # Pages that link the front page alike link every page alike: those of one folder, but not
        # a page that links from elsewhere, such as the 404 page's links from the site's root.
        key = (context["pathto"](app.config.root_doc), tuple(sorted(options.items())))
        outside = not any(pagename in children for children in app.env.toctree_includes.values())
        plain = app.sidebar_lists.get(key)
        if plain is not None:
            marked = mark(plain, own_href)
            if marked is not None:
                return marked
            if outside and f'href="{own_href}"' not in plain:
                return plain
        html = str(theme_html(**options))
        plain = html if outside and MARKED_ENTRY not in html and MARKED_LIST not in html else unmark(html, own_href)
        if plain is not None:
            app.sidebar_lists.setdefault(key, plain)
        return html

    context["shared_toctree_html"] = shared_toctree_html


def setup(app):
    app.connect("builder-inited", start_cache)
    app.connect("html-page-context", add_shared_toctree)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

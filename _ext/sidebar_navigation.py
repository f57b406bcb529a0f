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

The lists outlive the build, kept in the doctree folder: a rebuild that
writes a few pages takes them from there rather than building them again
from the whole toctree, as long as what they are made from is unchanged:
every page's headings, title and numbers, the HTML settings and tags, and
the templates. Only a build that passed keeps its lists, so a list is never
taken in place of a rendering that would warn.
"""

import functools
import hashlib
import json
import posixpath
from pathlib import Path

from consistent_rebuilds import build_passed

LISTS_FILE = "sidebar-lists.json"

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


def made_from(app):
    """A digest of all that the theme builds the list from, but the page that shows it."""
    env, builder = app.env, app.builder
    digest = hashlib.sha256(repr((
        builder.build_info.config_hash, builder.build_info.tags_hash,
        builder.templates.newest_template_mtime(),
    )).encode())
    for docname in sorted(env.found_docs):
        for node in (env.tocs.get(docname), env.titles.get(docname)):
            digest.update(b"\0" + (node.pformat() if node is not None else "").encode())
    return digest.hexdigest()


def load_lists(app, builder):
    app.sidebar_lists = {}
    if not hasattr(builder, "build_info"):
        return
    app.sidebar_lists_made_from = made_from(app)
    try:
        kept = json.loads((Path(app.doctreedir) / LISTS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    if kept["made_from"] == app.sidebar_lists_made_from:
        app.sidebar_lists = {(root, tuple(map(tuple, options))): html for root, options, html in kept["lists"]}


def keep_lists(app, exception):
    if not build_passed(app, exception) or not getattr(app, "sidebar_lists_made_from", None):
        return
    lists = [[root, options, html] for (root, options), html in sorted(app.sidebar_lists.items())]
    # Written whole or not at all: an interrupted build leaves the last good file.
    partial = Path(app.doctreedir) / f"{LISTS_FILE}.partial"
    partial.write_text(json.dumps({"made_from": app.sidebar_lists_made_from, "lists": lists}), encoding="utf-8")
    partial.replace(Path(app.doctreedir) / LISTS_FILE)


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
    app.connect("write-started", load_lists)
    app.connect("build-finished", keep_lists)
    app.connect("html-page-context", add_shared_toctree)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

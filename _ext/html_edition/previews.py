"""Previews in the HTML edition: hovering over or keyboard-focusing a link to
a person in the glossary shows the glossary's definition; a link to a fact
("Fact 6") shows the fact's label, title and lead.

The previews are written with the book, into ``_static/previews-data.js``
(``window.bookPreviews``), one small file every page shares, so a page from
disk (``file://``) has them too, without fetching anything. They are taken
from the doctrees of the facts and the glossary as their pages show them,
every reference resolved ("Fact 2", a section's title): as each page is
written (``doctree-resolved``), and, for a page a build does not write again,
at its end. ``_static/previews.js`` shows them: its comment says how.

The HTML builder only: the EPUB's builder is an HTML-format builder too, and
neither it nor the PDF's gets anything of this (conf.py keeps the static files
out of the EPUB).
"""

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from book_core.facts import lead_of
from book_core.model import facts_in_order, is_fact, label_of
from book_core.people import APPEARS_IN, glossary_documents, glossary_items

# The files under html_static_path: the vendored libraries, loaded on demand,
# in this order (tippy.js needs Popper), and their stylesheet.
LIBRARIES = ["vendor/popperjs-core-2.11.8/popper.min.js", "vendor/tippy.js-6.3.7/tippy.umd.min.js"]
LIBRARY_CSS = "vendor/tippy.js-6.3.7/tippy.css"
SCRIPT = "previews.js"
DATA_FILE = "previews-data.js"  # written into the build's _static folder

# Inline markup a preview keeps; any other element gives its text only, so a
# preview holds no link, no index target, nothing to tab to.
INLINE_TAGS = {nodes.emphasis: "em", nodes.strong: "strong", nodes.literal: "code"}


def add_assets(app):
    if app.builder.name != "html":
        return
    app.add_css_file(LIBRARY_CSS)
    app.add_js_file(DATA_FILE, loading_method="defer")
    app.add_js_file(SCRIPT, loading_method="defer")


def inline_html(node):
    """A resolved node's content as HTML: text, with emphasis, strong and code kept."""
    if isinstance(node, nodes.Text):
        return html.escape(str(node), quote=False)
    if isinstance(node, (addnodes.index, nodes.target, nodes.footnote_reference, nodes.system_message, nodes.comment)):
        return ""
    if isinstance(node, nodes.raw):  # a hard line break, the one raw output the book lets through
        return " "
    inner = "".join(inline_html(child) for child in node.children)
    tag = INLINE_TAGS.get(type(node))
    return f"<{tag}>{inner}</{tag}>" if tag else inner


def preview_html(heading, paragraphs):
    body = "".join(f"<p>{inline_html(p)}</p>" for p in paragraphs)
    return f'<div class="book-preview"><p class="book-preview-heading">{heading}</p>{body}</div>'


def fact_previews(app, docname, doctree):
    """The fact's preview, under its page and each id of its section."""
    section = doctree.next_node(nodes.section)
    heading = f"{html.escape(label_of(app.env, docname), quote=False)} · {inline_html(section[0])}"
    content = preview_html(heading, [lead_of(section)])
    uri = app.builder.get_target_uri(docname)
    return {uri: content} | {f"{uri}#{node_id}": content for node_id in section["ids"]}


def glossary_previews(app, docname, doctree):
    """Each glossary term's name and definition, under every id the term has."""
    previews = {}
    uri = app.builder.get_target_uri(docname)
    for _item, terms, definition in glossary_items(doctree):
        paragraphs = [
            p for p in definition.children if isinstance(p, nodes.paragraph) and APPEARS_IN not in p["classes"]
        ]
        for term in terms:
            content = preview_html(inline_html(term), paragraphs)
            for node_id in term["ids"]:
                previews[f"{uri}#{node_id}"] = content
    return previews


def init_previews(app):
    app.book_previews = {}


def collect_previews(app, doctree, docname):
    """The previews a document gives (none, but for a fact or a glossary), from its doctree as its page shows it:
    every reference resolved."""
    if app.builder.name == "html":
        previews = glossary_previews(app, docname, doctree)
        if is_fact(docname):
            previews |= fact_previews(app, docname, doctree)
        app.book_previews[docname] = previews


def write_data(app, exception):
    """Write every preview, the targets that show each (their paths from the book's root, with
    the fragment), and the libraries' paths."""
    if exception is not None or app.builder.name != "html":
        return
    by_target = {}
    for docname in dict.fromkeys(facts_in_order(app.env) + glossary_documents(app.env)):  # facts first, each once
        if docname not in app.book_previews:  # a page this build did not write (make serve): resolving it collects
            app.env.get_and_resolve_doctree(docname, app.builder)
        by_target |= app.book_previews[docname]
    # Each preview once, however many ids its target has.
    previews = list(dict.fromkeys(by_target.values()))
    data = {
        "libraries": [f"_static/{path}" for path in LIBRARIES],
        "previews": previews,
        "targets": {target: previews.index(content) for target, content in sorted(by_target.items())},
    }
    text = f"window.bookPreviews = {json.dumps(data, ensure_ascii=False, indent=0)};\n"
    Path(app.outdir, "_static", DATA_FILE).write_text(text, encoding="utf-8")  # Sphinx has made _static


def setup(app):
    app.connect("builder-inited", add_assets)
    app.connect("builder-inited", init_previews)
    app.connect("doctree-resolved", collect_previews)
    app.connect("build-finished", write_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

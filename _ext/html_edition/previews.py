"""Previews in the HTML edition: hovering over or keyboard-focusing a link to
a person in the glossary shows the glossary's definition; a link to a fact
("Fact 6") shows the fact's label, title and lead.

The previews are written with the book: at ``write-started`` this writes
``_static/previews-data.js`` (``window.bookPreviews``), one small file every
page shares, from the doctrees of the glossary and of the facts, so a page
from disk (``file://``) has them too, without fetching anything. A page loads
``_static/previews.js``, which shows a preview with tippy.js and Popper,
vendored under ``_static/vendor/`` and loaded only when a reader first points
at or tabs to a link that has one: a first view, and a touch screen, which
shows no preview, never fetch them.

The HTML builder only: the EPUB's builder is an HTML-format builder too, and
neither it nor the PDF's gets anything of this (conf.py keeps the static files
out of the EPUB).
"""

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from book_core.model import facts_in_order, label_of
from book_core.people import glossary_terms

BUILDER = "html"
# The files under html_static_path: the vendored libraries, loaded on demand,
# in this order (tippy.js needs Popper), and their stylesheet.
LIBRARIES = ["vendor/popperjs-core-2.11.8/popper.min.js", "vendor/tippy.js-6.3.7/tippy.umd.min.js"]
LIBRARY_CSS = "vendor/tippy.js-6.3.7/tippy.css"
SCRIPT = "previews.js"
DATA_FILE = "previews-data.js"  # written into the build's _static folder

# Inline markup a preview keeps; any other element gives its text only, so a
# preview holds no link, no index target, nothing to tab to.
INLINE_TAGS = {nodes.emphasis: "em", nodes.strong: "strong", nodes.literal: "code"}


def is_html_edition(builder):
    return builder.name == BUILDER


def add_assets(app):
    if not is_html_edition(app.builder):
        return
    app.add_css_file(LIBRARY_CSS)
    app.add_js_file(DATA_FILE, loading_method="defer")
    app.add_js_file(SCRIPT, loading_method="defer")


def fact_section(doctree):
    """A fact chapter's section: the first, holding its title and lead."""
    return next(iter(doctree.findall(nodes.section)), None)


def facts(env):
    """(docname, label "Fact 6", section) for each fact, in reading order."""
    found = []
    for docname in facts_in_order(env):
        section = fact_section(env.get_doctree(docname))
        if section is not None:
            found.append((docname, label_of(env, docname), section))
    return found


def fact_labels_by_target(fact_list):
    """{a fact's label target or section id: "Fact 6"}: how a {numref} to it reads."""
    return {node_id: label for _, label, section in fact_list for node_id in section["ids"]}


def inline_html(node, numrefs):
    """A node's content as HTML: text, with emphasis, strong and code kept."""
    if isinstance(node, nodes.Text):
        return html.escape(str(node), quote=False)
    if isinstance(
        node, (addnodes.index, nodes.target, nodes.footnote_reference, nodes.system_message, nodes.comment, nodes.raw)
    ):
        return ""
    if isinstance(node, addnodes.pending_xref) and node.get("reftype") == "numref":
        if node.get("reftarget") in numrefs:
            return html.escape(numrefs[node["reftarget"]], quote=False)
    inner = "".join(inline_html(child, numrefs) for child in node.children)
    tag = INLINE_TAGS.get(type(node))
    return f"<{tag}>{inner}</{tag}>" if tag else inner


def title_of(section):
    return next(iter(section.findall(nodes.title)), None)


def lead_of(section):
    """The paragraph marked {.lead}, which opens every fact."""
    return next((p for p in section.findall(nodes.paragraph) if "lead" in p["classes"]), None)


def preview_html(heading, paragraphs, numrefs):
    body = "".join(f"<p>{inline_html(p, numrefs)}</p>" for p in paragraphs)
    return f'<div class="book-preview"><p class="book-preview-heading">{heading}</p>{body}</div>'


def fact_previews(app, fact_list, numrefs):
    previews = {}
    for docname, label, section in fact_list:
        title, lead = title_of(section), lead_of(section)
        heading = f"{html.escape(label, quote=False)} · {inline_html(title, numrefs) if title else ''}"
        content = preview_html(heading, [lead] if lead else [], numrefs)
        uri = app.builder.get_target_uri(docname)
        previews[uri] = content
        for node_id in section["ids"]:
            previews[f"{uri}#{node_id}"] = content
    return previews


def glossary_previews(app, numrefs):
    """Each glossary term's name and definition, under every id the term has."""
    previews = {}
    for docname in sorted({docname for docname, _anchor in glossary_terms(app.env)}):
        for glossary in app.env.get_doctree(docname).findall(addnodes.glossary):
            uri = app.builder.get_target_uri(docname)
            for item in glossary.findall(nodes.definition_list_item):
                terms = [child for child in item.children if isinstance(child, nodes.term)]
                definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
                if not terms or definition is None:
                    continue
                # The definition as read: the "Appears in" list is added only as a page is written.
                paragraphs = [p for p in definition.children if isinstance(p, nodes.paragraph)]
                for term in terms:
                    content = preview_html(inline_html(term, numrefs), paragraphs, numrefs)
                    for node_id in term["ids"]:
                        previews[f"{uri}#{node_id}"] = content
    return previews


def write_data(app, builder):
    """Write every preview, the targets that show each (their paths from the book's root, with
    the fragment), and the libraries' paths."""
    if not is_html_edition(builder):
        return
    fact_list = facts(app.env)
    numrefs = fact_labels_by_target(fact_list)
    by_target = {**fact_previews(app, fact_list, numrefs), **glossary_previews(app, numrefs)}
    # Each preview once, however many ids its target has.
    previews = list(dict.fromkeys(by_target.values()))
    data = {
        "libraries": [f"_static/{path}" for path in LIBRARIES],
        "previews": previews,
        "targets": {target: previews.index(content) for target, content in sorted(by_target.items())},
    }
    target = Path(app.outdir, "_static", DATA_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = f"window.bookPreviews = {json.dumps(data, ensure_ascii=False, indent=0)};\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("builder-inited", add_assets)
    app.connect("write-started", write_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

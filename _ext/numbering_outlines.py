"""Number sections and figures from an outline of each page, not from every page's doctree.

With ``numfig`` on (the facts are numbered for ``{numref}``), Sphinx numbers
after each build's reading by walking the doctree of every document under
the front page's toctrees, each unpickled from disk, so an edit to one
chapter costs time in proportion to the book. That walk looks only at
sections, toctrees and numbered elements (figures, tables, captioned code).
So each document's outline is kept with the environment: a copy of its
doctree holding just those (a numbered element whole, with its caption) and
the elements that contain them. Sphinx's own numbering walks the outlines,
and gives the same numbers. A document read again, or removed, loses its
outline; the next numbering makes it afresh from the doctree just written.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector


def outline_of(doctree, env):
    """What numbering reads of `doctree`: its sections, toctrees and numbered elements, and what holds them."""

    def numbered(node):
        return any(domain.get_enumerable_node_type(node) for domain in env.domains.sorted())

    def kept_children(node):
        return [kept for child in node.children if isinstance(child, nodes.Element)
                if (kept := outline(child)) is not None]

    def outline(node):
        """`node` as numbering reads it, or None if nothing below it is numbered."""
        if isinstance(node, addnodes.toctree) or (not isinstance(node, nodes.section) and numbered(node)):
            return node.deepcopy()
        children = kept_children(node)
        if not children:
            return None
        copy = node.copy()
        copy.extend(children)
        return copy

    root = nodes.Element("", *kept_children(doctree))
    # Copies still point to the whole document, which would then be kept with the outline.
    for node in root.findall(nodes.Element):
        node.document = None
    return root


def _outlines(env):
    return env.__dict__.setdefault("book_outlines", {})


class OutlinedTocTreeCollector(TocTreeCollector):
    """Sphinx's toctree collector, its numbering reading outlines in place of doctrees."""

    def clear_doc(self, app, env, docname):
        super().clear_doc(app, env, docname)
        _outlines(env).pop(docname, None)

    def get_updated_docs(self, app, env):
        outlines = _outlines(env)

        def outline(docname):
            if docname not in outlines:
                outlines[docname] = outline_of(BuildEnvironment.get_doctree(env, docname), env)
            return outlines[docname]

        env.get_doctree = outline
        try:
            return super().get_updated_docs(app, env)
        finally:
            del env.get_doctree


def setup(app):
    for listener in list(app.events.listeners["env-get-updated"]):
        collector = getattr(listener.handler, "__self__", None)
        if type(collector) is TocTreeCollector:
            collector.disable(app)
    app.add_env_collector(OutlinedTocTreeCollector)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

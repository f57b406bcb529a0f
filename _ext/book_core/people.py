"""End each glossary entry with the facts that mention that person.

"Appears in: Fact 1, Fact 4" is generated from the ``{term}`` references the
fact chapters actually make (``facts``), so it is never written or kept up by
hand. The links are ``numref`` cross-references, resolved by Sphinx itself, so
they are right in every edition (HTML, EPUB, the single-page print build).
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform

from .model import facts_in_order

APPEARS_IN = "appears-in"  # the class of the paragraph that lists where a person appears


def glossary_terms(env):
    """Each glossary term's (document, anchor) and its name, lower-cased as {term} references are matched."""
    return {
        (docname, anchor): name.lower()
        for name, _shown, objtype, docname, anchor, _priority in env.domains.standard_domain.get_objects()
        if objtype == "term"
    }


def is_glossary_list(definition_list):
    """Whether a definition list is a glossary's, which Sphinx's glossary directive writes as one."""
    return isinstance(definition_list.parent, addnodes.glossary)


def glossary_items(doctree):
    """Each entry of a document's glossaries: its element, its terms (a person may have two or more: "Lady Gaga",
    then "Stefani Germanotta") and its definition."""
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            if not is_glossary_list(item.parent):
                continue  # an item of a list within a definition
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            yield item, terms, item.next_node(nodes.definition)


def glossary_documents(env):
    """The documents that hold a glossary, sorted by name."""
    return sorted({docname for docname, _anchor in glossary_terms(env)})


def facts_naming(env, names):
    """The facts, in reading order, whose {term} references name one of `names` (lower-cased, as terms are)."""
    return [docname for docname in facts_in_order(env) if names & env.book_chapters[docname].people]


class AppearsIn(SphinxPostTransform):
    """Append the facts that mention a person to that person's glossary entry."""

    # Before ReferencesResolver, so the added numref links are resolved with the rest.
    default_priority = ReferencesResolver.default_priority - 1

    def run(self, **kwargs):
        term_at = {anchor: name for (_docname, anchor), name in glossary_terms(self.env).items()}
        for _item, terms, definition in glossary_items(self.document):
            names = {term_at[i] for term in terms for i in term["ids"] if i in term_at}
            labels = [self.env.book_chapters[docname].label for docname in facts_naming(self.env, names)]
            if labels:
                definition.append(self._appears_in(labels))

    def _appears_in(self, labels):
        paragraph = nodes.paragraph("", "Appears in: ", classes=[APPEARS_IN])
        for position, label in enumerate(labels):
            if position:
                paragraph += nodes.Text(", ")
            paragraph += addnodes.pending_xref(
                "",
                nodes.inline("", "", classes=["xref", "std", "std-numref"]),
                refdomain="std",
                reftype="numref",
                reftarget=label,
                refexplicit=False,
                refwarn=True,
                refdoc=self.env.docname,
            )
        return paragraph


def setup(app):
    app.add_post_transform(AppearsIn)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""End each glossary entry with the facts that mention that person.

"Appears in: Fact 1, Fact 4" is generated from the ``{term}`` references the
fact chapters actually make, so it is never written or kept up by hand. The
links are ``numref`` cross-references, resolved by Sphinx itself, so they are
right in every edition (HTML, EPUB, the single-page print build).
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform

from fact_numbering import CHAPTER_DIR, front_matter_number


def _is_fact(docname):
    return docname.startswith(CHAPTER_DIR)


def _explicit_label(doctree):
    """The label written above a chapter's heading, e.g. ``fact-glastonbury``."""
    section = next(doctree.findall(nodes.section), None)
    if section is None:
        return None
    return next((name for name in section["names"] if doctree.nametypes.get(name)), None)


def record_references(app, doctree):
    env = app.env
    docname = env.docname
    if not _is_fact(docname):
        return
    env.people_fact_labels[docname] = _explicit_label(doctree)
    env.people_mentions[docname] = {
        node["reftarget"].lower()
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "std" and node.get("reftype") == "term"
    }


def init_env(app):
    env = app.env
    for name in ["people_mentions", "people_fact_labels"]:
        if not hasattr(env, name):
            setattr(env, name, {})


def purge(app, env, docname):
    env.people_mentions.pop(docname, None)
    env.people_fact_labels.pop(docname, None)


def merge(app, env, docnames, other):
    for docname in docnames:
        if docname in other.people_mentions:
            env.people_mentions[docname] = other.people_mentions[docname]
            env.people_fact_labels[docname] = other.people_fact_labels[docname]


class AppearsIn(SphinxPostTransform):
    """Append the facts that mention a person to that person's glossary entry."""

    # Before ReferencesResolver, so the added numref links are resolved with the rest.
    default_priority = ReferencesResolver.default_priority - 1

    def run(self, **kwargs):
        env = self.env
        term_by_id = {labelid: term for term, (_doc, labelid) in env.domains.standard_domain.data["terms"].items()}
        numbers = {docname: front_matter_number(env, docname) for docname in env.people_mentions}
        facts = sorted(
            (number, docname) for docname, number in numbers.items()
            if number is not None and env.people_fact_labels.get(docname)
        )
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                term = next((term_by_id[i] for t in item.findall(nodes.term) for i in t["ids"] if i in term_by_id), None)
                mentioned_in = [docname for _number, docname in facts if term in env.people_mentions[docname]]
                if mentioned_in:
                    item.next_node(nodes.definition).append(self._appears_in(mentioned_in))

    def _appears_in(self, docnames):
        paragraph = nodes.paragraph("", "Appears in: ", classes=["appears-in"])
        for position, docname in enumerate(docnames):
            if position:
                paragraph += nodes.Text(", ")
            paragraph += addnodes.pending_xref(
                "", nodes.inline("", "", classes=["xref", "std", "std-numref"]),
                refdomain="std", reftype="numref", reftarget=self.env.people_fact_labels[docname],
                refexplicit=False, refwarn=True, refdoc=self.env.docname,
            )
        return paragraph


def setup(app):
    app.connect("builder-inited", init_env)
    app.connect("doctree-read", record_references)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.add_post_transform(AppearsIn)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}

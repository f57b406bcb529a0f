"""What the build keeps of each fact chapter: the label above its heading, the people it links and its text.

Kept with the environment by an environment collector, Sphinx's API for data
read from each document: made when a chapter is read, dropped when it is read
again or removed, merged from parallel reads. The glossary's "Appears in"
lists (``people``) and the check that every person is named (``checks``) read it.
"""

from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from .model import LABEL_PREFIX, is_fact


@dataclass(frozen=True)
class Chapter:
    label: str | None  # the label written above the heading, e.g. "fact-glastonbury"
    anchor: str | None  # the label's id, which links name: "fact-allys-struggles" for "fact-allys_struggles"
    people: frozenset  # the glossary terms its {term} references name, lower-cased
    unlinked: tuple  # (file, line, prose) of each block, its {term} references left out: where a person is unlinked


def is_code(node):
    """Whether a node is printed as typed, which no check reads as prose: inline code, or a FixedTextElement (a
    literal block, raw output, a comment, a math or doctest block)."""
    return isinstance(node, (nodes.literal, nodes.FixedTextElement))


def is_term_reference(node):
    return isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "std" and node.get("reftype") == "term"


def prose(block, leaving_out=is_code):
    """A block's text as a reader reads it, the code in it (or the nodes `leaving_out` picks, if any) left out:
    one text, however its lines and markup split it, a hard line break (MyST's raw nodes, the one raw output the
    book lets through, which every edition shows alike) read as a space, without footnote marks ("Ulrich[^1]." is
    "Ulrich.", not "Ulrich1.")."""
    copy = block.deepcopy()
    for node in list(copy.findall(nodes.raw)):
        node.replace_self(nodes.Text(" "))
    for node in list(copy.findall(nodes.footnote_reference)):
        node.parent.remove(node)
    for node in list(copy.findall(leaving_out)) if leaving_out else []:
        node.parent.remove(node)
    return copy.astext()


def blocks(doctree):
    """Each block of text a reader reads (a paragraph, a heading, a caption), but code; not the text of a reference
    (an inline element in a pending_xref, which is no text element), which its paragraph holds."""
    return [
        block
        for block in doctree.findall(nodes.TextElement)
        if not is_code(block)
        and not isinstance(block, nodes.Inline)
        and not isinstance(block.parent, nodes.TextElement)
    ]


def label_above_heading(doctree):
    """The label written above a chapter's first heading, or None."""
    section = doctree.next_node(nodes.section)
    if section is None:
        return None
    return next(
        (name for name in section["names"] if name.startswith(LABEL_PREFIX) and doctree.nametypes.get(name)), None
    )


def lead_of(node):
    """The paragraph marked {.lead}, which opens every fact, or None."""
    return next((p for p in node.findall(nodes.paragraph) if "lead" in p["classes"]), None)


class ChapterCollector(EnvironmentCollector):
    """Each fact chapter's Chapter, by document name, in ``env.book_chapters``."""

    def clear_doc(self, app, env, docname):
        env.book_chapters.pop(docname, None)

    def merge_other(self, app, env, docnames, other):
        for docname in docnames & other.book_chapters.keys():
            env.book_chapters[docname] = other.book_chapters[docname]

    def process_doc(self, app, doctree):
        docname = app.env.docname
        if is_fact(docname):
            label = label_above_heading(doctree)
            app.env.book_chapters[docname] = Chapter(
                label,
                doctree.nameids.get(label),
                frozenset(node["reftarget"].lower() for node in doctree.findall(is_term_reference)),
                tuple(
                    (
                        block.source,  # the chapter's, or a file it includes
                        block.line,
                        " ".join(prose(block, lambda node: is_code(node) or is_term_reference(node)).split()),
                    )
                    for block in blocks(doctree)
                ),
            )


def init_env(app):
    if not hasattr(app.env, "book_chapters"):
        app.env.book_chapters = {}


def setup(app):
    app.connect("builder-inited", init_env)
    app.add_env_collector(ChapterCollector)
    return {"version": "1", "env_version": 4, "parallel_read_safe": True, "parallel_write_safe": True}

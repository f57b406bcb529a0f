"""Where each printed page begins, as a map the EPUB can place page breaks by.

The PDF and the EPUB give each block they both render from the book's
doctrees (paragraphs, headings, glossary terms, rubrics, code) the same id,
``print-DOC-N``: the Nth such block of source document DOC. Once WeasyPrint
has laid the book out, the PDF builder writes, beside the PDF, one entry per
page: the page's number, and the document and id of the first block that
begins on it, from the page's anchors (``Page.anchors``). A page on which no
block begins (a blank page, the colophon, the printed contents, a page inside
one long block) has neither, and the EPUB puts its break together with the
next page's. The index, which each builder writes itself rather than from a
doctree, has no numbered blocks: the page it begins on names its document
alone, as beginning there, and a later page of it the first letter whose
heading it holds (the PDF's ``genindex-T`` is the EPUB index's heading ``T``).
"""

import json
import re
from collections import Counter

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

PAGE_MAP_NAME = "page-map.json"
BLOCKS = (nodes.paragraph, nodes.title, nodes.term, nodes.rubric, nodes.literal_block)
PREFIX = "print-"
# The index's section in the PDF (``pdf_edition``), and its document in the EPUB.
INDEX = "genindex"
INDEX_LETTER_PREFIX = f"{INDEX}-"  # a letter's heading in the PDF's index; the EPUB's index names it by the letter
ANCHOR = re.compile(rf'\bid="({PREFIX}[^"]+|{INDEX}|{INDEX_LETTER_PREFIX}[^"]+)"')


def block_id(docname, number):
    return f"{PREFIX}{docname.replace('/', '-')}-{number}"


def walk(node, docname):
    """Each element under `node`, in document order, with the document it came from: in the PDF's
    whole-book tree, each document stands under a start_of_file node naming it."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    yield node, docname
    for child in node.children:
        if isinstance(child, nodes.Element):
            yield from walk(child, docname)


class NumberBlocks(SphinxPostTransform):
    """Give each block its print id: alike in the EPUB, which runs this on each document, and
    the PDF, which runs it once on the whole book."""

    builders = ("epub", "pdf")
    # After every transform that adds or removes blocks (people's "Appears in" among them).
    default_priority = 900

    def run(self, **kwargs):
        numbers = Counter()
        for node, docname in walk(self.document, self.env.docname):
            if not isinstance(node, BLOCKS):
                continue
            numbers[docname] += 1
            node["ids"].append(block_id(docname, numbers[docname]))


def write_page_map(outdir, html, pages, docnames):
    """Write into `outdir` one entry per page of the book laid out from `html`: {"page", "document", "anchor"}."""
    order = {anchor: place for place, anchor in enumerate(ANCHOR.findall(html))}
    documents = {block_id(docname, "")[:-1]: docname for docname in docnames}
    begun, entries = set(), []
    for number, page in enumerate(pages, 1):
        # A block split across pages is an anchor on each: it begins on the first.
        anchors = [anchor for anchor in page.anchors if anchor in order and anchor not in begun]
        begun.update(anchors)
        first = min(anchors, key=order.get, default=None)
        if first == INDEX:
            entries.append({"page": str(number), "document": INDEX, "anchor": None})
        elif first and first.startswith(INDEX_LETTER_PREFIX):
            entries.append({"page": str(number), "document": INDEX, "anchor": first.removeprefix(INDEX_LETTER_PREFIX)})
        else:
            document = first and documents[first.rpartition("-")[0]]
            entries.append({"page": str(number), "document": document, "anchor": first})
    (outdir / PAGE_MAP_NAME).write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")


def setup(app):
    app.add_post_transform(NumberBlocks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

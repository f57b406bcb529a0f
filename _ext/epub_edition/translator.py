"""The EPUB's HTML writer: Sphinx's, with the markup reading systems and
assistive technologies ask for, and the book's name for a fact, which it has
no hook for.

- **The glossary.** EPUB 3's structural semantics mark a glossary with
  ``epub:type="glossary"``, its terms ``glossterm`` and its definitions
  ``glossdef``; some reading systems use them for pop-up definitions.
  Assistive technologies read the matching ARIA role, ``doc-glossary``, which
  EPUB's accessibility rules ask for beside the ``epub:type``. A ``<dl>`` may
  not take that role, so both go on a ``<div>`` around the glossary's list.
- **Toctree captions.** Sphinx writes a caption as ``<p class="caption"
  role="heading">`` with no ``aria-level``, which the heading role requires
  (the HTML theme adds it; Sphinx's EPUB writer does not). The caption heads
  its toctree one level below the section the toctree stands in.
- **A fact's number** reads "Fact 2", as in the HTML (``numbering.FactHeadings``).
"""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

from book_core.numbering import FactHeadings
from book_core.people import is_glossary_list

DEEPEST_HEADING = 6


class BookTranslator(FactHeadings, HTML5Translator):
    def visit_glossary(self, node):
        self.body.append(self.starttag(node, "div", **{"epub:type": "glossary", "role": "doc-glossary"}))

    def depart_glossary(self, node):
        self.body.append("</div>\n")

    def visit_term(self, node):
        if not is_glossary_list(node.parent.parent):
            return super().visit_term(node)
        self.body.append(self.starttag(node, "dt", "", **{"epub:type": "glossterm"}))

    def visit_definition(self, node):
        if not is_glossary_list(node.parent.parent):
            return super().visit_definition(node)
        self.body.append(self.starttag(node, "dd", "", **{"epub:type": "glossdef"}))

    def visit_title(self, node):
        toctree_caption = isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree")
        if not toctree_caption:
            return super().visit_title(node)
        level = min(self.section_level + 1, DEEPEST_HEADING)
        self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": level}))
        self.body.append('<span class="caption-text">')
        self.context.append("</span></p>\n")

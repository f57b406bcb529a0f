"""Glossary markup that reading systems understand, in the EPUB only.

EPUB 3's structural semantics mark a glossary with ``epub:type="glossary"``,
its terms ``glossterm`` and its definitions ``glossdef``; some reading systems
use them for pop-up definitions. Assistive technologies read the matching
ARIA role, ``doc-glossary``, which EPUB's accessibility rules ask for beside
the ``epub:type``. A ``<dl>`` may not take that role, so both go on a ``<div>``
around the glossary's list. Sphinx's HTML writer has no hook for extra
attributes, so this translator writes the same tags with these added.
"""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator


def _in_glossary(definition_list):
    return isinstance(definition_list.parent, addnodes.glossary)


class GlossaryTranslator(HTML5Translator):
    def visit_glossary(self, node):
        self.body.append(self.starttag(node, "div", **{"epub:type": "glossary", "role": "doc-glossary"}))

    def depart_glossary(self, node):
        self.body.append("</div>\n")

    def visit_term(self, node):
        if not _in_glossary(node.parent.parent):
            return super().visit_term(node)
        self.body.append(self.starttag(node, "dt", "", **{"epub:type": "glossterm"}))

    def visit_definition(self, node):
        if not _in_glossary(node.parent.parent):
            return super().visit_definition(node)
        self.body.append(self.starttag(node, "dd", "", **{"epub:type": "glossdef"}))

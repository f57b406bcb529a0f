"""Glossary markup that reading systems understand, in the EPUB only.

EPUB 3's structural semantics mark a glossary as ``<dl epub:type="glossary">``
with ``glossterm`` terms and ``glossdef`` definitions; some reading systems use
them for pop-up definitions. Sphinx's HTML writer has no hook for extra
attributes, so this translator writes the same tags with ``epub:type`` added.
"""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator


def _in_glossary(definition_list):
    return isinstance(definition_list.parent, addnodes.glossary)


class GlossaryTranslator(HTML5Translator):
    def visit_definition_list(self, node):
        if not _in_glossary(node):
            return super().visit_definition_list(node)
        classes = ["simple"] if self.is_compactable(node) else []
        self.body.append(self.starttag(node, "dl", classes=classes, **{"epub:type": "glossary"}))

    def visit_term(self, node):
        if not _in_glossary(node.parent.parent):
            return super().visit_term(node)
        self.body.append(self.starttag(node, "dt", "", **{"epub:type": "glossterm"}))

    def visit_definition(self, node):
        if not _in_glossary(node.parent.parent):
            return super().visit_definition(node)
        self.body.append(self.starttag(node, "dd", "", **{"epub:type": "glossdef"}))

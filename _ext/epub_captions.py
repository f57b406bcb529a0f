"""Toctree captions as headings with a level, in the EPUB.

Sphinx writes a toctree's caption as ``<p class="caption" role="heading">``.
The heading role requires an ``aria-level`` (WAI-ARIA), which the HTML theme
adds but Sphinx's EPUB writer does not; without it a screen reader cannot
place the caption among the page's headings and accessibility checkers
report it. The caption heads its toctree one level below the section the
toctree stands in.
"""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

DEEPEST_HEADING = 6


def _is_toctree_caption(title):
    return isinstance(title.parent, addnodes.compact_paragraph) and title.parent.get("toctree")


class CaptionLevelTranslator(HTML5Translator):
    def visit_title(self, node):
        if not _is_toctree_caption(node):
            return super().visit_title(node)
        level = min(self.section_level + 1, DEEPEST_HEADING)
        self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": level}))
        self.body.append('<span class="caption-text">')
        self.context.append("</span></p>\n")

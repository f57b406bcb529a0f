"""A fact's label, "Fact 7", never splits across lines, wherever the text says it.

Cross-references print the label from ``numfig_format``, which joins the word
and the number with a no-break space. This transform does the same for the
label written out in the text itself, in headings and prose, so no edition
breaks a line between "Fact" and its number.
"""

import re
from itertools import groupby

from docutils import nodes
from sphinx.transforms import SphinxTransform

NO_BREAK_SPACE = "\N{NO-BREAK SPACE}"


class JoinFactLabels(SphinxTransform):
    # Before the titles are collected, so headings, navigation and outline get it too.
    default_priority = 760

    def apply(self, **kwargs):
        word = (self.config.numfig_format["section"] % "").strip()
        label = re.compile(rf"\b{re.escape(word)}[ \t\r\n]+(?=\d)")
        for element in list(self.document.findall(nodes.TextElement)):
            if isinstance(element, (nodes.FixedTextElement, nodes.literal, nodes.raw)):
                continue
            # A line break in the source is a text node of its own: join each run of text first.
            children, changed = [], False
            for is_text, run in groupby(element.children, key=lambda child: isinstance(child, nodes.Text)):
                if not is_text:
                    children += run
                    continue
                text = "".join(run)
                joined = label.sub(word + NO_BREAK_SPACE, text)
                changed |= joined != text
                children.append(nodes.Text(joined))
            if changed:
                element[:] = children


def setup(app):
    app.add_transform(JoinFactLabels)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

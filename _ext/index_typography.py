"""Index entries in the same typography as the text: curly quotes and apostrophes.

Sphinx's smart quotes change the text of a page but not the entries its
``{index}`` roles and glossary terms hand to the index, so the index printed
"Sonja Durham's husband" where the glossary prints "Sonja Durham’s husband".
This transform runs docutils' own smartquotes over each entry, under the
same settings (``smartquotes``, ``smartquotes_action``, ``smartquotes_excludes``)
as Sphinx's transform of the text, and before the index collects the entries.
"""

from docutils.utils.smartquotes import smartyPants
from sphinx import addnodes
from sphinx.transforms import SphinxSmartQuotes


class SmartIndexEntries(SphinxSmartQuotes):
    default_priority = SphinxSmartQuotes.default_priority + 1

    def apply(self, **kwargs):
        if not self.is_available():
            return
        language = self.document.settings.language_code
        action = self.config.smartquotes_action
        for node in self.document.findall(addnodes.index):
            node["entries"] = [
                (kind, smartyPants(value, action, language), *rest) for kind, value, *rest in node["entries"]
            ]


def setup(app):
    app.add_transform(SmartIndexEntries)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

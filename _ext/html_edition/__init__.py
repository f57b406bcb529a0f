"""The HTML edition (sphinx-book-theme): the theme's titles as text, only the
icons it shows, the EPUB and PDF offered for download, previews of people and
facts, and what the search ranks facts by; and its HTML writer, Sphinx's,
with each fact's heading opening "Fact 2" (``numbering.FactHeadings``) and
each glossary entry, its names and their definition, in an element of its own
(HTML lets a ``<div>`` hold a ``<dl>``'s group), which a search result for the
person leads to and Sphinx's search summarises.
What only the published site needs is ``publishing``, which conf.py loads
when the book has an address to be published at.
"""

from sphinx.writers.html5 import HTML5Translator

from book_core.numbering import FactHeadings
from book_core.people import is_glossary_list

PARTS = ["theme_titles", "icons", "downloads", "previews", "search"]
ENTRY_PREFIX = "entry-"


def glossary_entry_id(entry):
    """The id of a glossary entry's element (a definition_list_item): its first term's, prefixed."""
    return ENTRY_PREFIX + entry[0]["ids"][0]


class BookTranslator(FactHeadings, HTML5Translator):
    def visit_definition_list_item(self, node):
        if is_glossary_list(node.parent):
            self.body.append(self.starttag(node, "div", CLASS="glossary-entry", ids=[glossary_entry_id(node)]))
        super().visit_definition_list_item(node)

    def depart_definition_list_item(self, node):
        super().depart_definition_list_item(node)
        if is_glossary_list(node.parent):
            self.body.append("</div>\n")

    def depart_term(self, node):
        super().depart_term(node)
        self.body.append("\n")  # Sphinx ends a term with no space: its text would run into the next one's


def setup(app):
    # Registered for the HTML builder, which pydata-sphinx-theme then extends with its own writer's additions.
    app.set_translator("html", BookTranslator)
    for part in PARTS:
        app.setup_extension(f"html_edition.{part}")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

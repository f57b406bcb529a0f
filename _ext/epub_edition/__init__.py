"""The e-reader edition: Sphinx's EPUB 3 builder with the book's additions.

The builder stays Sphinx's own, registered again under its name ``epub`` with
the mixins of ``page_list``, ``navigation``, ``package`` and ``archive``,
and the HTML writer of ``translator``. The pages' ``<html>`` element also gets the
book's language, which Sphinx's EPUB template leaves out (as a tag, "en-US",
where conf.py writes a locale, "en_US"), the front page names the author and
the copyright under its lead, and the cover page
gets its alternative text from ``epub_cover_alt``. The files only the EPUB uses
(its stylesheet and cover) are the static files of its theme, ``_themes/ereader``,
which the HTML edition so does not carry.
"""

import html

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

from book_core.facts import lead_of

from .archive import ReproducibleArchive
from .navigation import NumberedNavigation
from .package import PackageMetadata
from .page_list import PrintPageList
from .translator import BookTranslator


class BookEpubBuilder(PrintPageList, NumberedNavigation, PackageMetadata, ReproducibleArchive, Epub3Builder):
    def prepare_writing(self, docnames):
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language)
        self.globalcontext["html_tag"] = self.html_tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
        self.globalcontext["cover_alt"] = self.config.epub_cover_alt  # for _templates/epub-cover.html


def credit_the_book(app, doctree, docname):
    """Under the front page's lead, the book's author and copyright, as the PDF's title page and colophon and
    the HTML's footer give them; Sphinx's EPUB theme prints neither."""
    if app.builder.name != "epub" or docname != app.config.root_doc:
        return
    front = doctree.next_node(nodes.section)
    lead = lead_of(front) or front[0]
    lead.parent.insert(
        lead.parent.index(lead) + 1,
        [
            nodes.paragraph("", app.config.author, classes=["byline"]),
            nodes.paragraph("", f"\N{COPYRIGHT SIGN} {app.config.copyright}", classes=["copyright"]),
        ],
    )


def language_tag(app, config):
    """The EPUB's language as the tag its package and pages take ("en-US"), where Sphinx's language may be written
    as a locale ("en_US"), which Sphinx's EPUB builder passes on as it is."""
    config.epub_language = config.epub_language.replace("_", "-")


def setup(app):
    app.add_builder(BookEpubBuilder, override=True)
    app.set_translator("epub", BookTranslator)
    app.connect("config-inited", language_tag)
    app.connect("doctree-resolved", credit_the_book)
    app.setup_extension("epub_edition.page_list")
    app.add_config_value("epub_subjects", [], "epub", types=frozenset({list, tuple}))
    app.add_config_value("epub_accessibility", {}, "epub", types=frozenset({dict}))
    app.add_config_value("epub_cover_alt", "", "epub", types=frozenset({str}))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

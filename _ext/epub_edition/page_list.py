"""The print edition's page numbers in the EPUB: page breaks and a page list.

Each page of the PDF gets a marker in the EPUB where that page begins,
``<span id="page-13" epub:type="pagebreak" role="doc-pagebreak"
aria-label="13"/>``, just before the first block (paragraph, heading,
glossary term...) that begins on that page, and ``nav.xhtml`` gets a
``page-list`` that reaches every marker in page order; the package names the
print edition they follow (``pageBreakSource``, from
``epub_page_break_source``, which ``package`` writes). A page on which
no block begins (a blank left-hand page, the colophon, the printed contents,
a page inside one long paragraph) has its marker together with the next
page's: the place a reader turning to that page in print reads on from.

Where the pages begin comes from the page map the PDF build writes beside the
PDF (``pdf_edition.page_map``), in the same build folder (``_build/pdf`` for
``_build/epub``), which is why ``make epub`` builds the PDF first; a PDF made
before the book's last edit is refused, as the HTML refuses to offer it.
"""

import json

from lxml import etree

from book_core.checks import halt
from html_edition.downloads import made_from_the_book_as_it_is
from pdf_edition.page_map import PAGE_MAP_NAME

from .navigation import OPS, XHTML

# Parents that may hold only certain children: a marker goes inside their child instead.
STRICT_PARENTS = {"dl", "ul", "ol", "table", "thead", "tbody", "tr"}


def _marker(label):
    return etree.Element(
        f"{{{XHTML}}}span",
        {
            "id": f"page-{label}",
            f"{{{OPS}}}type": "pagebreak",
            "role": "doc-pagebreak",
            "aria-label": label,
        },
    )


def _insert_before(block, markers):
    """Put `markers` just before `block`, or first in it where its parent may not hold them."""
    if etree.QName(block.getparent()).localname in STRICT_PARENTS:
        markers[-1].tail, block.text = block.text, None
        block[0:0] = markers
    else:
        for marker in markers:
            block.addprevious(marker)


NOT_WRITTEN = "The EPUB was not written: fix the error above."  # no EPUB without its page breaks


class PrintPageList:
    """Mixin for Sphinx's Epub3Builder; NumberedNavigation lists the markers it places."""

    def get_outdated_docs(self):
        # The markers go into the pages as written, from the print layout, which any edit may
        # shift: so every page is written afresh, never kept with an earlier layout's markers.
        return sorted(self.env.found_docs)

    def _page_map_path(self):
        return self.outdir.parent / "pdf" / PAGE_MAP_NAME

    def _print_pages(self):
        path = self._page_map_path()
        if not path.is_file():
            halt(
                f"no page map of the print edition at {path}: the EPUB marks the PDF's pages, "
                "so build the PDF first (make pdf)",
                NOT_WRITTEN,
            )
        if not made_from_the_book_as_it_is(self.app, path.parent):
            halt(
                f"the print edition in {path.parent} was not made from the book as it now is (edited since?): "
                "the EPUB marks its pages, so build the PDF again first (make pdf)",
                NOT_WRITTEN,
            )
        return json.loads(path.read_text(encoding="utf-8"))

    def place_page_breaks(self):
        """Write each page's marker into its document; (label, href) of each, in page order."""
        pages = self._print_pages()
        trees, hrefs, waiting = {}, {}, []
        for page in pages:
            waiting.append(page["page"])
            docname = page["document"]
            if docname is None:
                continue
            if docname not in trees:
                trees[docname] = etree.parse(self.outdir / self.get_outfilename(docname))
            body = trees[docname].getroot().find(f"{{{XHTML}}}body")
            markers = [_marker(label) for label in waiting]
            if page["anchor"] is None:  # the page begins the document
                markers[-1].tail, body.text = body.text, None
                body[0:0] = markers
            else:
                found = body.xpath(".//*[@id=$id]", id=page["anchor"])
                if not found:
                    halt(
                        f"page {page['page']} of the print edition begins with the block {page['anchor']!r}, which "
                        f"{self.get_outfilename(docname)} does not have: the page map {self._page_map_path()} "
                        "is not the PDF of this book as it stands; build the PDF again (make pdf)",
                        NOT_WRITTEN,
                    )
                _insert_before(found[0], markers)
            hrefs.update(dict.fromkeys(waiting, docname))
            waiting, last_docname = [], docname
        if waiting and trees:  # the last pages begin no block: their markers close the last document
            trees[last_docname].getroot().find(f"{{{XHTML}}}body").extend(_marker(label) for label in waiting)
            hrefs.update(dict.fromkeys(waiting, last_docname))
        for docname, tree in trees.items():
            tree.write(self.outdir / self.get_outfilename(docname), encoding="utf-8", xml_declaration=True)
        return [(page["page"], f"{self.get_target_uri(hrefs[page['page']])}#page-{page['page']}") for page in pages]


def setup(app):
    app.setup_extension("pdf_edition.page_map")  # the ids on blocks that the map names
    app.add_config_value("epub_page_break_source", "", "epub", types=frozenset({str}))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

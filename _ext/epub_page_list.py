"""The print edition's page numbers in the EPUB: page breaks and a page list.

Each page of the PDF gets a marker in the EPUB where that page begins,
``<span id="page-13" epub:type="pagebreak" role="doc-pagebreak"
aria-label="13"/>``, just before the first text the page prints (before the
heading or paragraph itself where the page begins with one, at the start of
the word where it begins with the second half of a hyphenated word), and
``nav.xhtml`` gets a ``page-list`` that reaches every marker in page order;
the package names the print edition they follow (``pageBreakSource``, from
``epub_page_break_source``, which ``epub_package`` writes).
A page that prints no text the EPUB carries (a blank left-hand page, the
colophon, the printed contents) has its marker together with the next
page's: the place a reader turning to that page in print reads on from.

Where the pages begin comes from the page map the print build writes beside
the PDF (``print_page_map``). ``make all`` names in ``epub_print_page_map``
the map of the PDF it builds alongside, handed on once that PDF has passed;
with no map named, as in ``make epub``, this builder lays the print edition
out itself, in a scratch folder.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree
from sphinx.errors import SphinxError
from sphinx.util.display import progress_message

from print_page_map import PAGE_MAP_NAME, normal, read_page_map

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
PAGE_LIST_TITLE = "Pages"
# Text only the EPUB shows: section numbers, where print has its "Fact N" labels.
EPUB_ONLY = {"section-number"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "li", "blockquote", "pre", "div", "section",
          "table", "caption", "td", "th", "figure", "figcaption", "aside", "nav"}
# Parents that may hold only certain children: a marker goes inside their child instead.
STRICT_PARENTS = {"dl", "ul", "ol", "table", "thead", "tbody", "tr"}
# The fewest letters of a page's first text that must match to place its marker.
SHORTEST_MATCH = 4


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


class _Characters:
    """A document's letters and digits in reading order, each with the text it stands in."""

    def __init__(self, body):
        self.text = []  # normalized characters
        self.places = []  # (element, "text" or "tail", index in that string)
        self._collect(body)
        self.text = "".join(self.text)

    def _add(self, element, attribute):
        for index, character in enumerate(getattr(element, attribute) or ""):
            letters = normal(character)
            if letters:
                self.text.append(letters)
                self.places.extend([(element, attribute, index)] * len(letters))

    def _collect(self, element):
        if not isinstance(element.tag, str) or EPUB_ONLY & set(element.get("class", "").split()):
            return
        self._add(element, "text")
        for child in element:
            self._collect(child)
            self._add(child, "tail")

    def find(self, wanted, start):
        """Index of the longest beginning of `wanted` found from `start` on, or None."""
        for length in range(len(wanted), SHORTEST_MATCH - 1, -1):
            index = self.text.find(wanted[:length], start)
            if index >= 0:
                return index
        return None


def _marker(label):
    return etree.Element(f"{{{XHTML}}}span", {
        "id": f"page-{label}", f"{{{OPS}}}type": "pagebreak", "role": "doc-pagebreak", "aria-label": label,
    })


def _holder(place):
    element, attribute, _offset = place
    return element if attribute == "text" else element.getparent()


def _block_of(element):
    while _local(element) not in BLOCKS:
        element = element.getparent()
    return element


def _within(element, ancestor):
    return element is ancestor or ancestor in element.iterancestors()


def _chain(markers):
    for before, after in zip(markers, markers[1:]):
        before.addnext(after)


def _insert_before_text(characters, index, markers):
    """Put `markers` just before the character at `index`: before its block where the block begins there."""
    places = characters.places
    block = _block_of(_holder(places[index]))
    if index == 0 or not _within(_holder(places[index - 1]), block):  # the page begins with the block
        if _local(block.getparent()) in STRICT_PARENTS:
            markers[-1].tail, block.text = block.text, None
            block[0:0] = markers
        else:
            block.addprevious(markers[0])
            _chain(markers)
        return
    element, attribute, offset = places[index]
    text = getattr(element, attribute)
    while offset > 0 and text[offset - 1].isalnum():  # the start of a word split across pages
        offset -= 1
    setattr(element, attribute, text[:offset])
    if attribute == "text":
        element.insert(0, markers[0])
    else:
        element.addnext(markers[0])
    _chain(markers)
    markers[-1].tail = text[offset:]


class PageBreakError(SphinxError):
    category = "Print page breaks"


class PrintPageList:
    """Mixin for Sphinx's Epub3Builder; reads epub_print_page_map."""

    def get_outdated_docs(self):
        # The markers go into the pages as written, from this build's print layout, which any edit
        # may shift: so every page is written afresh, never kept with an earlier layout's markers.
        return sorted(self.env.found_docs)

    def build_navigation_doc(self):
        page_breaks = self._place_page_breaks(self._print_pages())
        super().build_navigation_doc()
        self._add_page_list(page_breaks)

    def _print_pages(self):
        if self.config.epub_print_page_map:
            path = Path(self.confdir, self.config.epub_print_page_map)
            # A file, or a pipe that scripts/build_editions.py fills once the PDF built alongside has passed.
            if not path.exists() or (pages := read_page_map(path)) is None:
                raise PageBreakError(f"epub_print_page_map: no page map at {path}; the PDF build writes it")
            return pages
        with tempfile.TemporaryDirectory() as scratch, progress_message("laying out the print edition"):
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", "pdf", "-q", "-d", f"{scratch}/doctrees",
                 str(self.srcdir), f"{scratch}/pdf"],
                capture_output=True, text=True,
            )
            if result.returncode:
                raise PageBreakError("the print edition, laid out to learn its pages, failed:\n" + result.stderr)
            return read_page_map(Path(scratch, "pdf", PAGE_MAP_NAME))

    def _place_page_breaks(self, pages):
        """Write each page's marker into its document; (label, href) of each, in page order."""
        trees, characters, cursors, hrefs = {}, {}, {}, {}
        waiting = []
        for page in pages:
            waiting.append(page["page"])
            docname = page["document"]
            if docname is None:
                continue
            if docname not in trees:
                path = self.outdir / self.get_outfilename(docname)
                trees[docname] = etree.parse(path)
                characters[docname] = _Characters(trees[docname].getroot().find(f"{{{XHTML}}}body"))
                cursors[docname] = 0
            found = characters[docname].find(page["text"], cursors[docname])
            if found is None:
                raise PageBreakError(f"page {page['page']} of the print edition begins with text that "
                                     f"{self.get_outfilename(docname)} does not have: {page['text']!r}")
            _insert_before_text(characters[docname], found, [_marker(label) for label in waiting])
            cursors[docname] = found + 1
            hrefs.update({label: docname for label in waiting})
            waiting, last_docname = [], docname
        if waiting and trees:  # the last pages print nothing: their markers close the last document
            trees[last_docname].getroot().find(f"{{{XHTML}}}body").extend(_marker(label) for label in waiting)
            hrefs.update({label: last_docname for label in waiting})
        for docname, tree in trees.items():
            tree.write(self.outdir / self.get_outfilename(docname), encoding="utf-8", xml_declaration=True)
        return [(page["page"], f"{self.get_target_uri(hrefs[page['page']])}#page-{page['page']}") for page in pages]

    def _add_page_list(self, page_breaks):
        path = self.outdir / "nav.xhtml"
        tree = etree.parse(path, etree.XMLParser(remove_blank_text=True))
        body = tree.getroot().find(f"{{{XHTML}}}body")
        landmarks = body.find(f"{{{XHTML}}}nav[@{{{OPS}}}type='landmarks']")
        nav = etree.Element(f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "page-list", "role": "doc-pagelist",
                                                 "hidden": "hidden"})
        etree.SubElement(nav, f"{{{XHTML}}}h2").text = PAGE_LIST_TITLE
        listing = etree.SubElement(nav, f"{{{XHTML}}}ol")
        for label, href in page_breaks:
            item = etree.SubElement(listing, f"{{{XHTML}}}li")
            etree.SubElement(item, f"{{{XHTML}}}a", href=href).text = label
        if landmarks is not None:
            landmarks.addprevious(nav)
        else:
            body.append(nav)
        tree.write(path, encoding="UTF-8", xml_declaration=True, pretty_print=True, doctype="<!DOCTYPE html>")


def setup(app):
    app.add_config_value("epub_print_page_map", "", "", types=frozenset({str}))
    app.add_config_value("epub_page_break_source", "", "epub", types=frozenset({str}))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

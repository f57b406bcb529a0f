"""The EPUB's navigation: fact numbers in nav.xhtml and toc.ncx, the print
edition's page list (whose markers ``page_list`` places), and landmarks.

Sphinx builds both navigation files from the root toctree's titles but drops
the section numbers the HTML shows ("1. ..."), writes no landmarks, gives the
table of contents no ARIA role (``doc-toc``, which goes with its
``epub:type``), links no
stylesheet into nav.xhtml, and puts the name of the identifier's attribute,
not the identifier, into toc.ncx. No library covers these, so this builder
mixin does, on top of Sphinx's output.
"""

import html

from docutils import nodes
from lxml import etree

from book_core.people import glossary_documents

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
PAGE_LIST_TITLE = "Pages"
LANDMARKS_TITLE = "Landmarks"


def hidden_nav(epub_type, heading, links, **attributes):
    """A <nav> for reading systems, hidden from the page: its heading, then its links, each (attributes, text)."""
    nav = etree.Element(f"{{{XHTML}}}nav", {f"{{{OPS}}}type": epub_type, **attributes, "hidden": "hidden"})
    etree.SubElement(nav, f"{{{XHTML}}}h2").text = heading
    listing = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for link_attributes, text in links:
        etree.SubElement(etree.SubElement(listing, f"{{{XHTML}}}li"), f"{{{XHTML}}}a", link_attributes).text = text
    return nav


class NumberedNavigation:
    """Mixin for Sphinx's Epub3Builder, beside ``page_list.PrintPageList``, whose place_page_breaks() gives the
    page list."""

    def get_refnodes(self, doctree, result):
        """Sphinx's toc entries, each numbered entry led by its number as the HTML writes it."""
        number = doctree.get("secnumber") if isinstance(doctree, nodes.reference) else None
        start = len(result)
        result = super().get_refnodes(doctree, result)
        if number:
            label = ".".join(map(str, number)) + self.config.html_secnumber_suffix
            for entry in result[start:]:
                entry["text"] = html.escape(label) + entry["text"]
                entry["secnumber"] = number
        return result

    def landmarks(self):
        """(epub:type, href, title) of the cover, contents, first fact, glossary and index."""
        titles = {entry["refuri"]: entry["text"] for entry in self.refnodes}
        found = []
        if self.config.epub_cover and self.config.epub_cover[1]:
            found.append(("cover", self.coverpage_name, self.guide_titles["cover"]))
        found.append(("toc", self.config.root_doc + self.out_suffix, self.guide_titles["toc"]))
        first_fact = next((entry for entry in self.refnodes if "secnumber" in entry), None)
        if first_fact:
            found.append(("bodymatter", first_fact["refuri"], first_fact["text"]))
        for docname in glossary_documents(self.env):
            href = docname + self.out_suffix
            found.append(("glossary", href, titles.get(href, html.escape(self.env.titles[docname].astext()))))
        if self.use_index:
            href = "genindex" + self.out_suffix
            found.append(("index", href, titles.get(href, "Index")))
        return found

    def build_navigation_doc(self):
        super().build_navigation_doc()
        path = self.outdir / "nav.xhtml"
        tree = etree.parse(path, etree.XMLParser(remove_blank_text=True))
        head = tree.getroot().find(f"{{{XHTML}}}head")
        for stylesheet, _attributes in self.config.epub_css_files:
            etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href=f"_static/{stylesheet}")
        body = tree.getroot().find(f"{{{XHTML}}}body")
        body.find(f"{{{XHTML}}}nav[@{{{OPS}}}type='toc']").set("role", "doc-toc")
        pages = [({"href": href}, label) for label, href in self.place_page_breaks()]
        body.append(hidden_nav("page-list", PAGE_LIST_TITLE, pages, role="doc-pagelist"))
        links = [
            ({f"{{{OPS}}}type": epub_type, "href": href}, html.unescape(title))
            for epub_type, href, title in self.landmarks()
        ]
        body.append(hidden_nav("landmarks", LANDMARKS_TITLE, links))
        tree.write(path, encoding="UTF-8", xml_declaration=True, pretty_print=True, doctype="<!DOCTYPE html>")

    def toc_metadata(self, level, navpoints):
        # toc.ncx's dtb:uid names the identifier's attribute, not the identifier: sphinx-doc/sphinx#11184.
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

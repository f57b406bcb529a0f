"""The EPUB's package document (content.opf): what Sphinx's template leaves out.

Sphinx writes content.opf from a fixed template with no subjects, no
accessibility metadata, no EPUB 3 cover-image property and a legacy guide
that names only the contents page; with the index both in the toctree and
added by itself, it also lists the index twice in the spine, and it claims
``ibooks:specified-fonts``, that the book's own fonts should override the
reader's, while the book leaves the typeface to the reader. No library edits
an OPF for Sphinx, so this builder mixin rewrites the file Sphinx wrote.
"""

import html

from lxml import etree

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"

# The legacy guide's names for the EPUB 3 landmarks that differ.
GUIDE_TYPES = {"bodymatter": "text"}


class PackageMetadata:
    """Mixin for Sphinx's Epub3Builder; reads source_title, epub_subjects, epub_accessibility and
    epub_page_break_source."""

    def build_content(self):
        super().build_content()
        path = self.outdir / "content.opf"
        tree = etree.parse(path, etree.XMLParser(remove_blank_text=True))
        package = tree.getroot()
        self._add_metadata(package.find(f"{{{OPF}}}metadata"))
        self._leave_fonts_to_the_reader(package.find(f"{{{OPF}}}metadata"))
        self._mark_cover_image(package.find(f"{{{OPF}}}manifest"))
        self._drop_repeated_itemrefs(package.find(f"{{{OPF}}}spine"))
        self._write_guide(package.find(f"{{{OPF}}}guide"))
        etree.cleanup_namespaces(tree, top_nsmap={None: OPF})  # <meta>, not <opf:meta>
        tree.write(path, encoding="UTF-8", xml_declaration=True, pretty_print=True)

    def _add_metadata(self, metadata):
        anchor = metadata.find(f"{{{DC}}}rights")
        anchor.addnext(etree.Element(f"{{{DC}}}source"))
        anchor.getnext().text = self.config.source_title
        for subject in reversed(self.config.epub_subjects):
            anchor.addnext(etree.Element(f"{{{DC}}}subject"))
            anchor.getnext().text = subject
        for prop, values in self.config.epub_accessibility.items():
            for value in values:
                etree.SubElement(metadata, f"{{{OPF}}}meta", property=f"schema:{prop}").text = value
        if self.config.epub_page_break_source:  # the print edition whose page breaks page_list marks
            etree.SubElement(
                metadata, f"{{{OPF}}}meta", property="pageBreakSource"
            ).text = self.config.epub_page_break_source

    @staticmethod
    def _leave_fonts_to_the_reader(metadata):
        """Drop the template's claim that the book's own fonts matter: no stylesheet names one."""
        for meta in metadata.findall(f"{{{OPF}}}meta[@property='ibooks:specified-fonts']"):
            metadata.remove(meta)

    def _mark_cover_image(self, manifest):
        if not self.config.epub_cover:
            return
        image = self.config.epub_cover[0]
        for item in manifest.iter(f"{{{OPF}}}item"):
            if item.get("href") == image:
                item.set("properties", "cover-image")

    @staticmethod
    def _drop_repeated_itemrefs(spine):
        seen = set()
        for itemref in list(spine):
            if itemref.get("idref") in seen:
                spine.remove(itemref)
            seen.add(itemref.get("idref"))

    def _write_guide(self, guide):
        guide.clear()
        for epub_type, href, title in self.landmarks():
            etree.SubElement(
                guide,
                f"{{{OPF}}}reference",
                type=GUIDE_TYPES.get(epub_type, epub_type),
                title=html.unescape(title),
                href=href,
            )

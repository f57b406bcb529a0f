"""What the EPUB tests know about the e-reader edition: how to build it and read it."""

import zipfile
from functools import cached_property

from lxml import etree

from book import build_edition, link_target

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = f"{{{NS['epub']}}}type"


def build_epub(outdir):
    """The EPUB file, built as `make epub` does: after the PDF, into the same folder, whose page map it reads."""
    build_edition(outdir.parent / "pdf", "pdf")
    (epub,) = build_edition(outdir, "epub").glob("*.epub")
    return epub


class Epub:
    """An EPUB file, read from the archive itself rather than the build folder."""

    def __init__(self, path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {info.filename: archive.read(info) for info in self.infos}

    def xml(self, name):
        return etree.fromstring(self.files[name])

    @cached_property
    def opf_name(self):
        container = self.xml("META-INF/container.xml")
        return container.find(".//container:rootfile", NS).get("full-path")

    @cached_property
    def opf(self):
        return self.xml(self.opf_name)

    def resolve(self, document, href):
        """The archive name and fragment that `href`, found in `document`, points to."""
        return link_target(document, href)

    @cached_property
    def manifest(self):
        """Manifest items by id, each with its archive name."""
        return {
            item.get("id"): {**item.attrib, "name": self.resolve(self.opf_name, item.get("href"))[0]}
            for item in self.opf.iterfind("opf:manifest/opf:item", NS)
        }

    def item_with(self, prop):
        (item,) = [item for item in self.manifest.values() if prop in item.get("properties", "").split()]
        return item

    @cached_property
    def spine(self):
        return [self.manifest[ref.get("idref")]["name"] for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    @cached_property
    def nav_name(self):
        return self.item_with("nav")["name"]

    @cached_property
    def ncx_name(self):
        (item,) = [item for item in self.manifest.values() if item["media-type"] == "application/x-dtbncx+xml"]
        return item["name"]

    def metadata(self, tag):
        """Texts of the package metadata elements `tag` ('dc:title', ...)."""
        return [element.text for element in self.opf.iterfind(f"opf:metadata/{tag}", NS)]

    def meta(self, prop):
        """Texts of the package's <meta property=...> elements."""
        return [element.text for element in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def nav(self, epub_type):
        """(text, href) of each link in the navigation document's <nav epub:type=...>."""
        nav = self.xml(self.nav_name).find(f".//xhtml:nav[@epub:type='{epub_type}']", NS)
        return [("".join(link.itertext()), link.get("href")) for link in nav.iterfind(".//xhtml:a", NS)]

    def documents(self):
        """Archive names of the XHTML documents in the manifest."""
        return [item["name"] for item in self.manifest.values() if item["media-type"] == "application/xhtml+xml"]

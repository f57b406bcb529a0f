"""A reproducible EPUB archive: the same sources give the same bytes.

Sphinx zips each file with its modification time, so two builds of the same
book differ, and it has no option against it (the same code path as
sphinx-doc/sphinx#14168). This builder mixin writes the same entries in the
same order with one timestamp, from SOURCE_DATE_EPOCH when it is set, and
fixed permissions; only the entry headers change.
"""

from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.locale import __
from sphinx.util import logging

from book_core.dates import build_time

logger = logging.getLogger(__name__)

PACKAGE_FILES = ("META-INF/container.xml", "content.opf", "toc.ncx")
FILE_MODE = 0o100644  # a regular file, rw-r--r--
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


class ReproducibleArchive:
    """Mixin for Sphinx's Epub3Builder."""

    def build_epub(self):
        outname = self.config.epub_basename + ".epub"
        logger.info(__("writing %s file..."), outname)
        timestamp = max(ZIP_EPOCH, build_time().timetuple()[:6])
        entries = [("mimetype", ZIP_STORED)] + [(name, ZIP_DEFLATED) for name in (*PACKAGE_FILES, *self.files)]
        with ZipFile(self.outdir / outname, "w") as epub:
            for name, compression in entries:
                info = ZipInfo(name, date_time=timestamp)
                info.compress_type = compression
                info.external_attr = FILE_MODE << 16
                epub.writestr(info, (self.outdir / name).read_bytes())

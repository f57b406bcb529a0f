"""Two builds of the EPUB at the same SOURCE_DATE_EPOCH are byte-identical,
also when the second builds over the first's output, as `make epub` does."""

import shutil
from zipfile import ZIP_STORED

from epub import build_epub


def test_a_second_build_gives_the_same_bytes(epub, tmp_path):
    again = build_epub(tmp_path / "epub")
    assert again.name == epub.path.name
    assert again.read_bytes() == epub.path.read_bytes()


def test_a_build_over_old_output_leaves_out_stale_pages(epub, tmp_path):
    outdir = tmp_path / "epub"
    shutil.copytree(epub.path.parent, outdir)
    (outdir / "chapters" / "00-renamed-since.xhtml").write_text("<html/>", encoding="utf-8")
    assert build_epub(outdir).read_bytes() == epub.path.read_bytes()


def test_the_mimetype_comes_first_and_uncompressed(epub):
    first = epub.infos[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", ZIP_STORED, b"")
    assert epub.files["mimetype"] == b"application/epub+zip"

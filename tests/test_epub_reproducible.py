"""Two `make all` at the same SOURCE_DATE_EPOCH, in two copies of the book in
different folders, give byte-identical EPUBs; and the EPUB's archive starts
with its mimetype, stored uncompressed, as reading systems require."""

from zipfile import ZIP_STORED


def test_a_second_build_elsewhere_gives_the_same_bytes(epub, published_again):
    (again,) = (published_again / "epub").glob("*.epub")
    assert again.name == epub.path.name
    assert again.read_bytes() == epub.path.read_bytes()


def test_the_mimetype_comes_first_and_uncompressed(epub):
    first = epub.infos[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", ZIP_STORED, b"")
    assert epub.files["mimetype"] == b"application/epub+zip"

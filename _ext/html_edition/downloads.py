"""Offer the EPUB and the PDF from the HTML book, when they are of the same book.

The EPUB and PDF builders write beside the HTML (``_build/epub``,
``_build/pdf``). When the HTML builder finds their files there, it copies
them into the HTML book's ``downloads/`` folder and links them, with format
and size, from the sidebar of every page and from the place on the front
page marked by the ``edition-downloads`` directive. It offers only an edition
made from the book as it now is: each build takes a digest of every file in
the book's folder an edition could be made from as it begins (all but build
output, hidden files and what no build reads, such as a log written beside
the sources as make runs, which it tells once the sources are read), the EPUB
and the PDF write theirs beside their file, and the HTML offers a file whose
digest is its own. An EPUB or PDF build that finds, once it has written its
edition, that a file changed since it began fails, writing no digest. So an
edit, a restored backup, a removed chapter or a changed stylesheet since the
EPUB or the PDF was built (while ``make all`` ran too, until the HTML build
read the sources) leaves it out; when none is left, no link is written, so a
bare ``make html`` has no dead link. ``make all`` builds the HTML last, so it
offers the EPUB and PDF of the same run.
"""

import hashlib
import os
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from book_core import files_digest
from book_core.model import NOT_A_SOURCE

logger = logging.getLogger(__name__)

DOWNLOADS_DIR = "downloads"
DIGEST_FILE = "sources.sha256"  # beside the EPUB and the PDF: the digest of what they were made from
# What no build reads: at the book's top, the tests, the maintainers' commands and the Node tools; anywhere,
# Python's caches.
NOT_READ_BY_A_BUILD = {"tests", "scripts", "node_modules"}
PYTHON_CACHE = "__pycache__"
# At the book's top, what builds write: make's default build folder, which `make serve`'s preview writes into
# without taking its lock.
MAKES_DEFAULT_BUILD_DIR = "_build"
# Beside a build folder, the lock its builds hold in turn (scripts/build_edition.py): any such folder is output.
BUILD_LOCK_SUFFIX = ".lock"


class edition_downloads_placeholder(nodes.General, nodes.Element):
    """Where the front page lists the downloads; removed where there are none."""


class EditionDownloads(SphinxDirective):
    def run(self):
        return [edition_downloads_placeholder()]


def _human_size(path):
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def book_file_digests(book, build_dir):
    """{path from the book's top: digest} of every file in `book` an edition could be made from: none of a build's
    (in `build_dir`, a folder with its lock beside it or make's default one), nor of a virtual environment."""
    paths = []
    for folder, subfolders, files in os.walk(book, followlinks=True):  # as Sphinx follows a linked folder
        at_top = Path(folder) == Path(book)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not NOT_A_SOURCE.fullmatch(name)
            and not (at_top and name in NOT_READ_BY_A_BUILD)
            and name != PYTHON_CACHE
            and not Path(folder, name, "pyvenv.cfg").exists()
            and not Path(f"{Path(folder, name).resolve()}{BUILD_LOCK_SUFFIX}").exists()
            and Path(folder, name).resolve() != build_dir.resolve()
            and not (at_top and name == MAKES_DEFAULT_BUILD_DIR)
        )
        paths += [
            Path(folder, name)
            for name in sorted(files)
            if not NOT_A_SOURCE.fullmatch(name) and not name.endswith(BUILD_LOCK_SUFFIX)
        ]
    return {Path(os.path.relpath(path, book)).as_posix(): files_digest(book, [path]) for path in paths}


def book_digest(file_digests, read_at_top):
    """One digest of the files `file_digests` holds, of those at the book's top only the ones named in
    `read_at_top`: a build's output written there as it runs (make all > build.txt) is none of the book."""
    digest = hashlib.sha256()
    for path, file_digest in sorted(file_digests.items()):
        if "/" in path or path in read_at_top:
            digest.update(file_digest.encode())
    return digest.hexdigest()


def files_read_at_top(env):
    """The names of the files at the book's top a build has read: conf.py, the sources and what they include."""
    top = Path(env.srcdir)
    read = [env.doc2path(docname) for docname in env.found_docs]
    read += [top / dependency for dependencies in env.dependencies.values() for dependency in dependencies]
    return {"conf.py"} | {path.name for path in read if Path(os.path.normpath(path)).parent == top}


def file_digests_now(app):
    """book_file_digests of the book this build builds, its output left out."""
    return book_file_digests(Path(app.srcdir), Path(app.outdir).parent)


def take_file_digests(app):
    """Each file's digest as this build begins, before it reads any: an edit saved while it reads makes the
    book's digest another than the next build's, so no build offers an edition that may lack the edit."""
    app.book_file_digests = file_digests_now(app)


def take_book_digest(app, env):
    """The digest of the book this build was made from, which the EPUB and the PDF write beside them; once the
    sources are read, when the build knows which files at the book's top it read."""
    app.files_read_at_top = files_read_at_top(env)
    app.digest_of_the_book = book_digest(app.book_file_digests, app.files_read_at_top)


def made_from_the_book_as_it_is(app, edition_dir):
    """Whether the EPUB or the PDF in `edition_dir` was made from the book as this build read it."""
    made_from = edition_dir / DIGEST_FILE
    return made_from.is_file() and made_from.read_text(encoding="utf-8").strip() == app.digest_of_the_book


def find_downloads(app, env):
    """The EPUB and the PDF made from the book as this HTML build read it."""
    app.edition_downloads = []
    if app.builder.name != "html":
        return
    build_dir = Path(app.outdir).parent
    for fmt, kind, path in [
        ("EPUB", "E-book", build_dir / "epub" / f"{app.config.epub_basename}.epub"),
        ("PDF", "Print edition", build_dir / "pdf" / app.config.pdf_file_name),
    ]:
        if not path.is_file():
            continue
        if not made_from_the_book_as_it_is(app, path.parent):
            logger.info(
                f"{path} is not of the book as it now is, so this HTML does not offer it: make all builds all three"
            )
            continue
        app.edition_downloads.append(
            {
                "label": f"{kind} ({fmt}, {_human_size(path)})",
                "source": path,
                "path": f"{DOWNLOADS_DIR}/{path.name}",
            }
        )


def write_digest(app, exception):
    """Beside the EPUB or the PDF, the digest of the book it was made from; unless the book changed as the build
    ran (a file saved after its digest was taken, which the edition may hold or not), which fails the build."""
    if exception is not None or app.builder.name not in {"epub", "pdf"}:
        return
    digest = Path(app.outdir, DIGEST_FILE)
    digest.unlink(missing_ok=True)  # a folder built into before holds the last build's
    if book_digest(file_digests_now(app), app.files_read_at_top) != app.digest_of_the_book:
        logger.warning(
            "the book changed while this build ran, so this edition may hold the change or not: build it again",
            type="book",
            subtype="changed",
        )
        return
    digest.write_text(app.digest_of_the_book + "\n", encoding="utf-8")


def fill_placeholders(app, doctree, docname):
    for placeholder in list(doctree.findall(edition_downloads_placeholder)):
        if not app.edition_downloads:
            placeholder.parent.remove(placeholder)
            continue
        page = app.builder.get_target_uri(docname)
        paragraph = nodes.paragraph("", "Download the book: ", classes=["edition-downloads"])
        for position, download in enumerate(app.edition_downloads):
            if position:
                paragraph += nodes.Text(", ")
            paragraph += nodes.reference("", download["label"], refuri=relative_uri(page, download["path"]))
        placeholder.replace_self(paragraph)


def add_to_context(app, pagename, templatename, context, doctree):
    context["edition_downloads"] = app.edition_downloads


def copy_downloads(app, exception):
    if exception is not None or not app.edition_downloads:
        return
    Path(app.outdir, DOWNLOADS_DIR).mkdir(exist_ok=True)
    for download in app.edition_downloads:
        shutil.copy2(download["source"], Path(app.outdir, download["path"]))


def keep_digest_out_of_the_epub(app, config):
    """A folder built into before holds a digest the new EPUB's archive must not take in."""
    config.epub_exclude_files = [*config.epub_exclude_files, DIGEST_FILE]


def setup(app):
    app.add_node(edition_downloads_placeholder)
    app.add_directive("edition-downloads", EditionDownloads)
    app.connect("config-inited", keep_digest_out_of_the_epub)
    app.connect("builder-inited", take_file_digests)
    app.connect("env-updated", take_book_digest)
    app.connect("env-updated", find_downloads)
    app.connect("build-finished", write_digest)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("html-page-context", add_to_context)
    app.connect("build-finished", copy_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

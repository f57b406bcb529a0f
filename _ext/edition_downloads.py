"""Offer the EPUB and the PDF from the HTML book, when they have been built.

The EPUB and PDF builders write beside the HTML (``_build/epub``,
``_build/pdf``). When the HTML builder finds their files there, it copies
them into the HTML book's ``downloads/`` folder and links them, with format
and size, from the sidebar of every page and from the place on the front
page marked by the ``edition-downloads`` directive. When it finds none, no
link is written, so a bare ``make html`` has no dead link.

``make all`` builds the three editions at once (``scripts/build_editions.py``),
so the HTML offers the files of the same build though they do not exist yet
when its pages are written. The editions named in
``edition_downloads_alongside`` are taken to be on their way: their links
are written with a mark in place of the size, and once the pages are written
the build waits to read ``edition_downloads_ready``, which names those that
passed. Each mark then becomes its file's size, exactly as a build after
them would have written it; if one of them failed, so does this build, for
it would offer a file older than itself, and so it does if part of a mark
was copied where it cannot be filled in. The size is kept out of the search
index, which is written before it is known.
"""

import secrets
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

DOWNLOADS_DIR = "downloads"
# A size still to come is written as a mark that begins with a Unicode noncharacter, kept for a program's
# own use and never in text: should another extension copy a page's text and cut it inside a mark (a page
# description cut at its length), what is left still shows, and the build fails rather than publish it.
MARK = "\ufdd0"


class edition_downloads_placeholder(nodes.General, nodes.Element):
    """Where the front page lists the downloads; removed where there are none."""


class EditionDownloads(SphinxDirective):
    def run(self):
        return [edition_downloads_placeholder()]


def _editions(app):
    """The other editions' files beside the HTML output, with their builders' and formats' names."""
    build_dir = Path(app.outdir).parent
    return [
        ("epub", "EPUB", "E-book", build_dir / "epub" / f"{app.config.epub_basename}.epub"),
        ("pdf", "PDF", "Print edition", build_dir / "pdf" / app.config.pdf_file_name),
    ]


def _human_size(path):
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def find_downloads(app):
    app.edition_downloads, app.edition_sizes_to_come = [], {}
    if app.builder.name != "html":
        return
    for builder, fmt, kind, path in _editions(app):
        if builder in app.config.edition_downloads_alongside:
            size = f"{MARK}{builder}-size-{secrets.token_hex(8)}"  # no source can hold it: it is new each build
            app.edition_sizes_to_come[size] = (builder, path)
        elif path.is_file():
            size = _human_size(path)
        else:
            continue
        app.edition_downloads.append(
            {"label": f"{kind} ({fmt}, {size})", "source": path, "path": f"{DOWNLOADS_DIR}/{path.name}"})


def rewrite_when_downloads_change(app, env):
    """Every page shows the downloads, so all are written again when the set of files changes."""
    signature = [(d["label"], d["source"].is_file() and d["source"].stat().st_mtime_ns) for d in app.edition_downloads]
    if getattr(env, "edition_downloads_signature", None) == signature:
        return []
    env.edition_downloads_signature = signature
    return sorted(env.found_docs)


def fill_placeholders(app, doctree, docname):
    for placeholder in list(doctree.findall(edition_downloads_placeholder)):
        if not app.edition_downloads:
            placeholder.parent.remove(placeholder)
            continue
        page = app.builder.get_target_uri(docname)
        paragraph = nodes.paragraph("", "Download the book: ", classes=["edition-downloads", "no-search"])
        for position, download in enumerate(app.edition_downloads):
            if position:
                paragraph += nodes.Text(", ")
            paragraph += nodes.reference("", download["label"], refuri=relative_uri(page, download["path"]))
        placeholder.replace_self(paragraph)


def add_to_context(app, pagename, templatename, context, doctree):
    context["edition_downloads"] = app.edition_downloads


def fill_in_sizes(app, exception):
    """Once the editions built alongside have passed, write their sizes where their marks stand."""
    if exception is not None or not app.edition_sizes_to_come:
        return
    passed = Path(app.config.edition_downloads_ready).read_text(encoding="utf-8").split()
    failed = [path.name for builder, path in app.edition_sizes_to_come.values() if builder not in passed]
    if failed:
        logger.error("the builds of %s failed, so this HTML, which offers them, fails too", ", ".join(failed))
        return
    sizes = {mark: _human_size(path) for mark, (_builder, path) in app.edition_sizes_to_come.items()}
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if MARK not in text:
            continue
        for mark, size in sizes.items():
            text = text.replace(mark, size)
        if MARK in text:
            logger.error("%s: a file's size goes where only part of its mark was copied, cut short (a page's "
                         "description?): build this HTML after the EPUB and PDF", page.relative_to(app.outdir))
            continue
        # A new file, not a write into this one: an unchanged page is the published edition's, linked.
        sized = page.with_name(page.name + ".sized")
        sized.write_text(text, encoding="utf-8")
        sized.replace(page)


def copy_downloads(app, exception):
    if exception is not None or not app.edition_downloads:
        return
    target = Path(app.outdir) / DOWNLOADS_DIR
    target.mkdir(exist_ok=True)
    for download in app.edition_downloads:
        shutil.copy2(download["source"], target / download["source"].name)


def setup(app):
    app.add_node(edition_downloads_placeholder)
    app.add_directive("edition-downloads", EditionDownloads)
    app.add_config_value("edition_downloads_alongside", [], "", types=frozenset({list}))
    app.add_config_value("edition_downloads_ready", "", "", types=frozenset({str}))
    app.connect("builder-inited", find_downloads)
    app.connect("env-get-updated", rewrite_when_downloads_change)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("html-page-context", add_to_context)
    # Last of all that runs when the pages are written (icon_subset's trimming among them), for it may wait.
    app.connect("build-finished", fill_in_sizes, priority=900)
    app.connect("build-finished", copy_downloads, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

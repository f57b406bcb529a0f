"""Offer the EPUB and the PDF from the HTML book, when they have been built.

The EPUB and PDF builders write beside the HTML (``_build/epub``,
``_build/pdf``). When the HTML builder finds their files there, it copies
them into the HTML book's ``downloads/`` folder and links them, with format
and size, from the sidebar of every page and from the place on the front
page marked by the ``edition-downloads`` directive. It offers only files
newer than every source (and conf.py), so never an edition of a book that
has changed since; when it finds none, no link is written, so a bare
``make html`` has no dead link. ``make all`` builds the HTML last, so it
offers the EPUB and PDF of the same run.
"""

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

DOWNLOADS_DIR = "downloads"


class edition_downloads_placeholder(nodes.General, nodes.Element):
    """Where the front page lists the downloads; removed where there are none."""


class EditionDownloads(SphinxDirective):
    def run(self):
        return [edition_downloads_placeholder()]


def _editions(app):
    """The other editions' files beside the HTML output, with their formats' names."""
    build_dir = Path(app.outdir).parent
    return [
        ("EPUB", "E-book", build_dir / "epub" / f"{app.config.epub_basename}.epub"),
        ("PDF", "Print edition", build_dir / "pdf" / app.config.pdf_file_name),
    ]


def _human_size(path):
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def init_downloads(app):
    app.edition_downloads = []


def find_downloads(app, env):
    if app.builder.name != "html":
        return
    sources = [env.doc2path(docname) for docname in env.found_docs] + [Path(app.confdir, "conf.py")]
    newest_source = max(path.stat().st_mtime for path in sources)
    for fmt, kind, path in _editions(app):
        if not path.is_file():
            continue
        if path.stat().st_mtime < newest_source:
            logger.info(f"{path} is older than the sources, so this HTML does not offer it: make all builds all three")
        else:
            app.edition_downloads.append(
                {
                    "label": f"{kind} ({fmt}, {_human_size(path)})",
                    "source": path,
                    "path": f"{DOWNLOADS_DIR}/{path.name}",
                }
            )


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
    target = Path(app.outdir) / DOWNLOADS_DIR
    target.mkdir(exist_ok=True)
    for download in app.edition_downloads:
        shutil.copy2(download["source"], target / download["source"].name)


def setup(app):
    app.add_node(edition_downloads_placeholder)
    app.add_directive("edition-downloads", EditionDownloads)
    app.connect("builder-inited", init_downloads)
    app.connect("env-updated", find_downloads)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("html-page-context", add_to_context)
    app.connect("build-finished", copy_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

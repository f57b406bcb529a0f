"""Keep incremental builds as strict and as current as clean ones, writing only what a change reaches.

Sphinx reads and writes again only the pages whose source changed. But a page
of this book also shows what other sources say: every fact's title (sidebar,
previous and next), other facts' numbers in cross-references, glossary terms,
and the glossary lists the facts that name each person. So after reading,
this compares what each source offers the other pages, its outward face: its
headings, labels, glossary terms, front matter, toctrees and numbers, and the
people it names. When any of those changed, or a source was added or removed,
every page is written again, which also resolves, and so checks, every
reference once more; when only a page's own text changed, Sphinx writes just
that page (not the page whose toctree lists it, as it would by itself: the
toctree shows only what the page offers others). A build that failed or
warned makes the next one write every page again, so a problem is reported
until it is mended. A change to the book's own extensions in ``_ext/``, which
Sphinx does not notice, makes it read every source again.

``make`` starts each build from a copy of the last good edition, so the pages
not written again are that edition's; pages of sources since removed are
deleted from it. The chapters' pages in that copy are hard links to the
edition's, so each page is removed before Sphinx writes it.
"""

import hashlib
import json
from collections import defaultdict
from pathlib import Path

EXTENSIONS_DIR = Path(__file__).parent
CLEAN_BUILD_MARK = "last-build-clean"
PAGES_RECORD = "pages-written.txt"


def _extensions_digest():
    digest = hashlib.sha256()
    for path in sorted(EXTENSIONS_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def reread_all_when_extensions_change(app, env, added, changed, removed):
    digest = _extensions_digest()
    if getattr(env, "book_extensions_digest", None) == digest:
        return []
    env.book_extensions_digest = digest
    return sorted(env.found_docs)


def outward_faces(env):
    """For each source, what other pages show or check of it, as comparable text."""
    targets = defaultdict(list)
    for kind, entries in env.domains.standard_domain.data.items():
        if isinstance(entries, dict):
            for name, (docname, *target) in entries.items():
                targets[docname].append((kind, name, *target))
    return {
        docname: repr((
            env.tocs[docname].pformat() if docname in env.tocs else None,
            sorted(targets[docname]),
            # Front matter, less the word count MyST adds, which no other page shows.
            {key: value for key, value in env.metadata.get(docname, {}).items() if key != "wordcount"},
            env.toctree_includes.get(docname),
            env.toc_secnumbers.get(docname),
            env.toc_fignumbers.get(docname),
            # The glossary's "Appears in" lists (people_appearances).
            sorted(getattr(env, "people_mentions", {}).get(docname, ())),
        ))
        for docname in sorted(env.found_docs)
    }


def write_all_when_a_face_changed(app, env):
    faces = outward_faces(env)
    unchanged = getattr(env, "book_outward_faces", None) == faces
    env.book_outward_faces = faces
    app.book_only_changed_pages = unchanged and app.book_last_build_clean
    return [] if app.book_only_changed_pages else sorted(env.found_docs)


def keep_toctree_pages(app, builder):
    """Spare the pages whose toctrees list a changed page, when no outward face changed.

    Sphinx writes such a page again in case the listed page's headings
    changed; they are part of its face, so when no face changed the page is
    as the last good build wrote it. Sphinx reads the record of these pages
    only now, when it chooses the pages to write; it is given back after.
    """
    if getattr(app, "book_only_changed_pages", False):
        app.book_files_to_rebuild, app.env.files_to_rebuild = app.env.files_to_rebuild, {}


def restore_search_index_entries(app, builder):
    """Give Sphinx back the index entries of the pages it keeps.

    Sphinx reloads the search index of the last build for the pages it does
    not write again, all of it but the index entries, which would then be
    missing from the search; they are read back here from that build's
    ``searchindex.js``. Every page has its place, in page order, so a page
    written again takes the same place as in a clean build.
    """
    index = Path(app.outdir) / "searchindex.js"
    if builder.name != "html" or not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    frozen = json.loads(text[text.index("(") + 1:text.rindex(")")])
    entries = {docname: [] for docname in sorted(app.env.found_docs)}
    for entry, places in frozen.get("indexentries", {}).items():
        for number, target, main in places:
            docname = frozen["docnames"][number]
            if docname in entries:
                entries[docname].append((entry, target, "main" if main else ""))
    app.env._search_index_index_entries = {docname: sorted(found) for docname, found in entries.items()}


def note_page_written(app, pagename, templatename, context, doctree):
    app.book_pages_written.add(pagename)


def write_page_as_new_file(app, pagename, templatename, context, doctree):
    """Remove the page Sphinx is about to write, so that it writes a new file rather than into the old one.

    ``make`` stages the chapters' pages as hard links to the last good
    edition's (far cheaper than copies, and there are as many as facts);
    written into, the edition's own page would change with the staged one.
    """
    output_path = getattr(app.builder, "get_output_path", None)
    if output_path is not None:
        output_path(pagename).unlink(missing_ok=True)


def start_build(app):
    app.book_pages_written = set()
    mark = Path(app.doctreedir) / CLEAN_BUILD_MARK
    app.book_last_build_clean = mark.exists()
    mark.unlink(missing_ok=True)


def build_passed(app, exception):
    """At build-finished: whether the build passes, warnings counted (Sphinx fails a warned build only after this event)."""
    return exception is None and not app._warncount


def finish_build(app, exception):
    if hasattr(app, "book_files_to_rebuild"):
        app.env.files_to_rebuild = app.book_files_to_rebuild
    if not build_passed(app, exception):
        return
    drop_pages_of_removed_sources(app)
    (Path(app.doctreedir) / CLEAN_BUILD_MARK).touch()


def drop_pages_of_removed_sources(app):
    """Delete the pages the last good build had and this one has not: a source removed since."""
    suffix = getattr(app.builder, "out_suffix", None)
    if suffix is None:
        return
    record = Path(app.doctreedir) / PAGES_RECORD
    pages = app.env.found_docs | app.book_pages_written
    if record.exists():
        for pagename in set(record.read_text(encoding="utf-8").splitlines()) - pages:
            (Path(app.outdir) / f"{pagename}{suffix}").unlink(missing_ok=True)
    record.write_text("".join(f"{pagename}\n" for pagename in sorted(pages)), encoding="utf-8")


def setup(app):
    app.connect("builder-inited", start_build)
    app.connect("env-get-outdated", reread_all_when_extensions_change)
    app.connect("env-get-updated", write_all_when_a_face_changed, priority=900)
    app.connect("write-started", restore_search_index_entries)
    app.connect("write-started", keep_toctree_pages)
    app.connect("html-page-context", note_page_written)
    app.connect("html-page-context", write_page_as_new_file)
    app.connect("build-finished", finish_build)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

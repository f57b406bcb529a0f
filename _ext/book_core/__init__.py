"""The book itself, whatever the edition: its sources' rules, the facts'
numbering, the glossary of people, the index, and the source it retells.

Each part is a module of this package, set up from here; ``model`` is the
book model they all read. Here too: every source and included file read in
composed form, and which sources Sphinx reads again, beyond those its times
tell it of.
"""

import hashlib
import os
from pathlib import Path

from .sources import composed

PARTS = ["facts", "checks", "numbering", "people", "index"]
EXTENSIONS_DIR = Path(__file__).parent.parent


def files_digest(root, paths):
    """A digest of files, in the order given: each one's path from `root`, size and bytes (a missing file, none)."""
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes() if path.is_file() else b""
        digest.update(f"{Path(os.path.relpath(path, root)).as_posix()}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def document_digest(env, docname):
    """A digest of what a document was read from: its source and the files it included when last read (one it
    includes since is seen at its next read, which reads it once more)."""
    includes = sorted(Path(env.srcdir, dep) for dep in env.dependencies.get(docname, ()))
    return files_digest(env.srcdir, [env.doc2path(docname), *includes])


def reread_what_changed(app, env, added, changed, removed):
    """Read again what Sphinx, which compares times, would not: every source when the book's own extensions
    changed, and a source whose content changed under an older time (a backup restored, a file copied)."""
    extensions = files_digest(EXTENSIONS_DIR, sorted(EXTENSIONS_DIR.rglob("*.py")))
    sources = {docname: document_digest(env, docname) for docname in env.found_docs}
    unchanged = getattr(env, "book_extensions_digest", None) == extensions
    known = getattr(env, "book_source_digests", {})
    env.book_extensions_digest, env.book_source_digests = extensions, sources
    return sorted(docname for docname in env.found_docs if not unchanged or known.get(docname) != sources[docname])


def compose_source(app, docname, source):
    source[0] = composed(source[0])


def compose_included(app, relative_path, parent_docname, content):
    content[0] = composed(content[0])


def setup(app):
    # The article the book retells, cited by its title in every edition.
    app.add_config_value("source_title", "", "env", types=frozenset({str}))
    for part in PARTS:
        app.setup_extension(f"book_core.{part}")
    app.connect("source-read", compose_source)
    app.connect("include-read", compose_included)
    app.connect("env-get-outdated", reread_what_changed)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

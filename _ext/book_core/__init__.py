"""The book itself, whatever the edition: its sources' rules, the facts'
numbering, the glossary of people, the index, and the source it retells.

Each part is a module of this package, set up from here; ``model`` is the
book model they all read. Here too: which sources Sphinx reads again, beyond
those its times tell it of.
"""

import hashlib
from pathlib import Path

PARTS = ["facts", "checks", "numbering", "people", "index"]
EXTENSIONS_DIR = Path(__file__).parent.parent


def extensions_digest():
    digest = hashlib.sha256()
    for path in sorted(EXTENSIONS_DIR.rglob("*.py")):
        digest.update(path.relative_to(EXTENSIONS_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def source_digest(env, docname):
    """A digest of what a document was read from: its source and the files it includes."""
    digest = hashlib.sha256()
    for path in [env.doc2path(docname), *sorted(Path(env.srcdir, dep) for dep in env.dependencies.get(docname, ()))]:
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def reread_what_changed(app, env, added, changed, removed):
    """Read again what Sphinx, which compares times, would not: every source when the book's own extensions
    changed, and a source whose content changed under an older time (a backup restored, a file copied)."""
    extensions = extensions_digest()
    sources = {docname: source_digest(env, docname) for docname in env.found_docs}
    unchanged = getattr(env, "book_extensions_digest", None) == extensions
    known = getattr(env, "book_source_digests", {})
    env.book_extensions_digest, env.book_source_digests = extensions, sources
    return sorted(docname for docname in env.found_docs if not unchanged or known.get(docname) != sources[docname])


def setup(app):
    # The article the book retells, cited by its title in every edition.
    app.add_config_value("source_title", "", "env", types=frozenset({str}))
    for part in PARTS:
        app.setup_extension(f"book_core.{part}")
    app.connect("env-get-outdated", reread_what_changed)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Keep incremental builds as strict and as current as clean ones.

Sphinx reads and writes again only the pages whose source changed. But every
page of this book lists every fact's title (sidebar, previous and next), and
its cross-references name other facts' numbers and reach into the glossary,
so one changed source can change, or break, any page. So when any source is
read again, every page is written again, which also resolves, and so checks,
every reference once more. A change to the book's own extensions in ``_ext/``,
which Sphinx does not notice, makes it read every source again.
"""

import hashlib
from pathlib import Path

EXTENSIONS_DIR = Path(__file__).parent


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


def note_sources_read(app, env, docnames):
    app.book_sources_read = bool(docnames)


def write_all_when_a_source_was_read(app, env):
    return sorted(env.found_docs) if getattr(app, "book_sources_read", False) else []


def setup(app):
    app.connect("env-get-outdated", reread_all_when_extensions_change)
    app.connect("env-before-read-docs", note_sources_read)
    app.connect("env-get-updated", write_all_when_a_source_was_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

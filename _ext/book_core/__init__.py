"""The book itself, whatever the edition: its sources' rules, the facts'
numbering, the glossary of people, the index, and the source it retells.

Each part is a module of this package, set up from here; ``model`` is the
book model they all read.
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


def reread_all_when_extensions_change(app, env, added, changed, removed):
    """A change to the book's own extensions, which Sphinx does not notice, makes it read every source again."""
    digest = extensions_digest()
    if getattr(env, "book_extensions_digest", None) == digest:
        return []
    env.book_extensions_digest = digest
    return sorted(env.found_docs)


def setup(app):
    # The article the book retells, cited by its title in every edition.
    app.add_config_value("source_title", "", "env", types=frozenset({str}))
    for part in PARTS:
        app.setup_extension(f"book_core.{part}")
    app.connect("env-get-outdated", reread_all_when_extensions_change)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

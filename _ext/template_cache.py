"""Keep the HTML templates compiled between builds.

Sphinx compiles the theme's Jinja templates afresh in every build, which is a
good part of an incremental build's time. Jinja's own bytecode cache, kept
with the builder's doctrees, reuses them; it recompiles a template whenever
the template's source changes.
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def cache_compiled_templates(app):
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:
        return
    cache_dir = Path(app.doctreedir) / "jinja-bytecode"
    cache_dir.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(cache_dir))


def setup(app):
    app.connect("builder-inited", cache_compiled_templates)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

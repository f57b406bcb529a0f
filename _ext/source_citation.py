"""The article the book retells, cited by its title in every edition.

conf.py's ``source_title`` holds the title. The front page names it in its
text; the EPUB's package carries it as ``dc:source`` (``epub_package``) and the
print edition's copyright page names it (``pdf_builder``).
"""


def setup(app):
    app.add_config_value("source_title", "", "env", types=frozenset({str}))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

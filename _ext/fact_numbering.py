"""Fail the build when the fact chapters' numbers disagree.

A fact chapter is a document in ``chapters/``. Its number is stated three
times: the two-digit prefix of its file name, the ``fact`` key of its front
matter, and its place in the root document's numbered toctree. All three must
agree, and the numbers must run 1..N with no gap and no duplicate
(``fact_sequence`` holds those rules).

Each disagreement is logged as an error located at the file concerned, which
fails the nitpicky, warnings-as-errors build. The check runs on
``env-updated``, which Sphinx emits on every build, so a problem is reported
again on the next run rather than cached away.
"""

from sphinx import addnodes
from sphinx.util import logging

from fact_sequence import numbering_problems

logger = logging.getLogger(__name__)

CHAPTER_DIR = "chapters/"


def _report(docname, message):
    logger.error(message, location=docname, type="fact", subtype="numbering")


def front_matter_number(env, docname):
    try:
        return int(env.metadata.get(docname, {}).get("fact"))
    except (TypeError, ValueError):
        return None


def _numbered_toctree_entries(env):
    return [
        docname
        for toctree in env.get_doctree(env.config.root_doc).findall(addnodes.toctree)
        if toctree.get("numbered")
        for _title, docname in toctree["entries"]
    ]


def _check_toctree(env, numbers):
    root = env.config.root_doc
    entries = _numbered_toctree_entries(env)
    for docname in sorted(numbers.keys() - set(entries)):
        _report(docname, f"fact chapter is missing from the numbered toctree in {env.doc2path(root, base=False)}")
    for position, docname in enumerate(entries, start=1):
        if docname not in numbers:
            _report(root, f"the numbered toctree holds only fact chapters, but entry {position} is {docname!r}")
        elif numbers[docname] is not None and numbers[docname] != position:
            _report(docname, f"is fact {numbers[docname]} but stands at place {position} in the numbered toctree")


def check_fact_numbering(app, env):
    numbers = {
        docname: front_matter_number(env, docname)
        for docname in env.found_docs if docname.startswith(CHAPTER_DIR)
    }
    docname_of = {env.doc2path(docname, base=False).name: docname for docname in numbers}
    for file_name, message in numbering_problems({name: numbers[d] for name, d in docname_of.items()}):
        _report(docname_of[file_name], message)
    _check_toctree(env, numbers)


def setup(app):
    app.connect("env-updated", check_fact_numbering)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

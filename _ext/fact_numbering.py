"""Fail the build when the fact chapters' numbers disagree.

A fact chapter is a document in ``chapters/``. Its number is stated three
times: the two-digit prefix of its file name, the ``fact`` key of its front
matter, and its place in the root document's numbered toctree. All three must
agree, and the numbers must run 1..N with no gap and no duplicate.

Each disagreement is logged as an error located at the file concerned, which
fails the nitpicky, warnings-as-errors build. The check runs on
``env-updated``, which Sphinx emits on every build, so a problem is reported
again on the next run rather than cached away.
"""

import re
from collections import defaultdict

from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

CHAPTER_DIR = "chapters/"
FILE_NAME = re.compile(r"(?P<prefix>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*")


def _report(location, message):
    logger.error(message, location=location, type="fact", subtype="numbering")


def _front_matter_number(env, docname):
    value = env.metadata.get(docname, {}).get("fact")
    try:
        return int(value)
    except (TypeError, ValueError):
        _report(docname, f"front matter needs 'fact: N' with the fact's number, found {value!r}")
        return None


def _file_number(docname):
    match = FILE_NAME.fullmatch(docname.removeprefix(CHAPTER_DIR))
    if match is None:
        _report(
            docname,
            "a fact chapter's file name must be 'NN-slug.md' "
            "(two digits, a hyphen, lower-case words joined by hyphens)",
        )
        return None
    return int(match["prefix"])


def _numbered_toctree_entries(env):
    return [
        docname
        for toctree in env.get_doctree(env.config.root_doc).findall(addnodes.toctree)
        if toctree.get("numbered")
        for _title, docname in toctree["entries"]
    ]


def _check_sequence(env, by_number):
    expected = 1
    for number, docnames in sorted(by_number.items()):
        files = ", ".join(str(env.doc2path(d, base=False)) for d in docnames)
        if len(docnames) > 1:
            for docname in docnames:
                _report(docname, f"fact {number} is claimed by more than one chapter: {files}")
        if number != expected:
            missing = (
                f"fact {expected} is" if number == expected + 1 else f"facts {expected} to {number - 1} are"
            )
            _report(docnames[0], f"is fact {number}, but {missing} missing: facts run 1, 2, 3, ... with no gap")
        expected = number + 1


def _check_toctree(env, numbers):
    root = env.config.root_doc
    entries = _numbered_toctree_entries(env)
    for docname in numbers.keys() - set(entries):
        _report(docname, f"fact chapter is missing from the numbered toctree in {env.doc2path(root, base=False)}")
    for position, docname in enumerate(entries, start=1):
        if docname not in numbers:
            _report(root, f"the numbered toctree holds only fact chapters, but entry {position} is {docname!r}")
        elif numbers[docname] is not None and numbers[docname] != position:
            _report(docname, f"is fact {numbers[docname]} but stands at place {position} in the numbered toctree")


def check_fact_numbering(app, env):
    numbers = {}
    by_number = defaultdict(list)
    for docname in sorted(d for d in env.found_docs if d.startswith(CHAPTER_DIR)):
        claimed = _front_matter_number(env, docname)
        prefix = _file_number(docname)
        numbers[docname] = claimed
        if claimed is None or prefix is None:
            continue
        if claimed != prefix:
            _report(docname, f"the file name says fact {prefix} but the front matter says fact: {claimed}")
        by_number[claimed].append(docname)
    _check_sequence(env, by_number)
    _check_toctree(env, numbers)


def setup(app):
    app.connect("env-updated", check_fact_numbering)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

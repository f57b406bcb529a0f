"""Fail the build when the fact chapters' numbers disagree.

A fact chapter is a document in ``chapters/``. Its number is stated three
times: the two-digit prefix of its file name, the ``fact`` key of its front
matter, and its place in the root document's numbered toctree, which numbers
the facts alone, not their sections, as the PDF does. All three must
agree, and the numbers must run 1..N with no gap and no duplicate
(``model`` holds those rules). The number readers see, the section
number Sphinx gives the chapter (in the navigation, the heading, "Fact N"
references, the EPUB's navigation and the PDF's outline), must be the same,
and no heading below a title may be pointed to by ``{numref}``, which would
print "Fact " with no number (``checks`` refuses a second top-level heading,
which would take a number of its own). Where the book counts its facts (its
title, "Eight Facts", in words or digits, its descriptions, the front page's
lead and captions), it counts them all.

Each disagreement is logged as an error located at the file concerned, and
stops the build before anything is written (``checks``). The checks run
on every build, so a problem is reported again on the next run rather than
cached away.
"""

import html
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from .checks import report
from .facts import lead_of, prose
from .model import fact_counts, fact_label, front_matter_number, is_fact, numbering_problems


def _fact_numbers(env):
    return {docname: front_matter_number(env, docname) for docname in env.found_docs if is_fact(docname)}


def _numbered_toctrees(env):
    return [
        (toctree, toctree["numbered"], [docname for _title, docname in toctree["entries"]])
        for toctree in env.get_doctree(env.config.root_doc).findall(addnodes.toctree)
        if toctree.get("numbered")
    ]


def toctree_problems(numbers, numbered, root, root_path):
    """(where, message) for each way the numbered toctrees, (where it is, depth, entries) each, disagree with the
    facts' `numbers`; where is a document, or a toctree."""
    if numbers and not numbered:
        return [(root, "no toctree here is numbered: give the toctree of the facts the option ':numbered: 1'")]
    problems = [
        (
            where,
            "the numbered toctree numbers the facts' sections too, as the HTML and the EPUB would show them and the "
            "PDF not: write ':numbered: 1'",
        )
        for where, depth, _entries in numbered
        if depth > 1
    ]
    entries = [docname for _where, _depth, listed in numbered for docname in listed]
    problems += [
        (docname, f"fact chapter is missing from the numbered toctree in {root_path}")
        for docname in sorted(numbers.keys() - set(entries))
    ]
    for position, docname in enumerate(entries, start=1):
        if docname not in numbers:
            problems.append(
                (root, f"the numbered toctree holds only fact chapters, but entry {position} is {docname!r}")
            )
        elif numbers[docname] is not None and numbers[docname] != position:
            problems.append(
                (docname, f"is fact {numbers[docname]} but stands at place {position} in the numbered toctree")
            )
    return problems


def check_fact_numbering(app, env):
    numbers = _fact_numbers(env)
    docname_of = {env.doc2path(docname, base=False).name: docname for docname in numbers}
    for file_name, message in numbering_problems({name: numbers[d] for name, d in docname_of.items()}):
        report(app, docname_of[file_name], message)
    root = env.config.root_doc
    for where, message in toctree_problems(numbers, _numbered_toctrees(env), root, env.doc2path(root, base=False)):
        report(app, where, message)


def check_numbers_readers_see(app, env):
    """The section numbers Sphinx assigned, which every edition shows, are the facts' own."""
    for docname, number in sorted(_fact_numbers(env).items()):
        shown = env.toc_secnumbers.get(docname, {})
        if number is not None and shown.get("") not in (None, (number,)):
            report(app, docname, f"is fact {number}, but readers would see it as fact {'.'.join(map(str, shown['']))}")
    return []


def check_numrefs_reach_a_number(app, env):
    """A {numref} to a heading below a document's title would print "Fact " and no number: only facts are numbered."""
    doctrees = {docname: env.get_doctree(docname) for docname in sorted(env.found_docs)}
    below_a_title = {
        name
        for doctree in doctrees.values()
        for section in doctree.findall(nodes.section)
        if section.parent is not doctree
        for name in section["names"]
        if doctree.nametypes.get(name)
    }
    for doctree in doctrees.values():
        for xref in doctree.findall(addnodes.pending_xref):
            if xref.get("reftype") == "numref" and xref["reftarget"] in below_a_title:
                report(
                    app,
                    xref,
                    f"{{numref}}`{xref['reftarget']}` points to a heading below a title, which has no number: "
                    "it would print the word alone; write {ref} to give the heading's title",
                )


class FactHeadings:
    """An HTML writer's mixin (the HTML's and the EPUB's): a fact's heading, and each title of it a page gives (its
    <title>, the previous and next links), opens with its label, "Fact 2", as every reference names it, where
    Sphinx writes "2."; a colon joins the label to the title, which the stylesheets show only where the label does
    not stand on a line of its own (in the page's <title> and the HTML's previous and next links)."""

    def add_secnumber(self, node):
        number = self.get_secnumber(node)
        if not (number and len(number) == 1):  # one number is a fact's: the numbered toctree holds facts alone
            return super().add_secnumber(node)
        label = html.escape(fact_label(self.config, number))
        self.body.append(f'<span class="section-number">{label}<span class="label-colon">: </span></span>')


# The settings that describe the book, and count its facts where they do: the titles and the descriptions (conf.py's
# descriptions of the cover and the social card read the title from project).
COUNTING_SETTINGS = ["project", "html_title", "epub_description", "pdf_description"]


def check_every_count_of_the_facts(app, env):
    """A fact added or removed changes every count of the facts where the book describes itself: its title
    ("Eight Facts"), its descriptions, and the front page's lead and contents' captions (the front page's text
    may count other things: "where two facts touch")."""
    facts, word = len(_fact_numbers(env)), fact_label(env.config, "").strip()
    front = env.get_doctree(env.config.root_doc).next_node(nodes.section)
    if front is None:
        return  # a page without a title, which checks reports
    conf = Path(app.confdir, "conf.py")
    texts = [(None, f"{conf}: {name}: ", env.config[name]) for name in COUNTING_SETTINGS]
    texts += [(block, "", prose(block)) for block in (front[0], lead_of(front)) if block is not None]
    texts += [(toctree, "the caption ", toctree["caption"]) for toctree in front.findall(addnodes.toctree)]
    for location, where, text in texts:
        for _start, said, number in fact_counts(text or "", word):
            if number != facts:
                report(
                    app,
                    location,
                    f"{where}{' '.join(text.split())[:60]!r} counts {said} {word.lower()}s, but the book has {facts}: "
                    f"count {facts} here",
                )


def setup(app):
    app.connect("env-updated", check_fact_numbering)
    app.connect("env-updated", check_every_count_of_the_facts)
    app.connect("env-updated", check_numrefs_reach_a_number)
    # After Sphinx's toctree collector has numbered the sections.
    app.connect("env-get-updated", check_numbers_readers_see, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

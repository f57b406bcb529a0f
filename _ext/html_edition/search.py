"""What the search page's scorer (``_static/search-scorer.js``, conf.py's
``html_search_scorer``, which tells how it ranks) knows of each fact: its label
("Fact 6") and how much it is about each word, by ``WEIGHTS``, where a
paragraph that points to another fact by number ("… is told in Fact 3") tells
of that fact, not of this one; the name of each glossary term, by its page and
id, so that a result that is a person's entry reads "Lars Ulrich · People",
not "People" as the page it is on, and its entry's element, which the result
leads to and is summarised from, definition and all; each entry's text, so that
a query only one entry holds leads to it; and where each page's own text
begins, which its result's summary is taken from.
"""

import json
import re

from docutils import nodes
from sphinx import addnodes

from book_core.facts import lead_of, prose
from book_core.model import facts_in_order, label_of
from book_core.people import glossary_documents, glossary_items

from . import glossary_entry_id

SEARCH_PAGE = "search"
WORD = re.compile(r"\w+")
WEIGHTS = {"title": 3, "lead": 2, "index": 2, "text": 1}


def points_to_a_fact(paragraph, fact_ids):
    """Whether a paragraph refers to a fact by number ({numref}), as chapters refer to each other."""
    return any(
        xref.get("reftype") == "numref" and xref.get("reftarget") in fact_ids
        for xref in paragraph.findall(addnodes.pending_xref)
    )


def count(words, text, weight):
    for word in WORD.findall(text.lower()):
        words[word] = words.get(word, 0) + weight


def index_text(entries):
    """The words of index entries: "Glastonbury Music Festival, places; …", each word once."""
    return " ".join(sorted({word for entry in entries for word in WORD.findall(entry[1].lower())}))


def fact_words(section, other_fact_ids):
    """{word: weight} for one fact."""
    words = {}
    lead = lead_of(section)
    count(words, prose(section[0], leaving_out=None), WEIGHTS["title"])
    for paragraph in section.findall(nodes.paragraph):
        if points_to_a_fact(paragraph, other_fact_ids):
            continue
        count(words, prose(paragraph, leaving_out=None), WEIGHTS["lead"] if paragraph is lead else WEIGHTS["text"])
        for index in paragraph.findall(addnodes.index):
            count(words, index_text(index["entries"]), WEIGHTS["index"])
    return dict(sorted(words.items()))


def term_names(env):
    """{document: {id: [name, its entry's id]}} of every glossary term, as the glossary writes the name."""
    names = {}
    for docname in glossary_documents(env):
        for item, terms, _definition in glossary_items(env.get_doctree(docname)):
            for term in terms:
                entry = [prose(term, leaving_out=None), glossary_entry_id(item)]
                names.setdefault(docname, {}).update(dict.fromkeys(term["ids"], entry))
    return names


def entry_texts(env):
    """{document: {entry's id: [its first name, its text: names and definition]}} of every glossary entry: a query
    whose words one entry alone holds ("drummer") leads to it."""
    return {
        docname: {
            glossary_entry_id(item): [prose(terms[0], leaving_out=None), item.astext()]
            for item, terms, _definition in glossary_items(env.get_doctree(docname))
        }
        for docname in glossary_documents(env)
    }


def page_anchors(env):
    """{document: id of its first section}, where its own text begins: Sphinx summarises a result with the text
    at its anchor, and without one, with the page's main element, which the theme opens with its buttons."""
    anchors = {}
    for docname in sorted(env.found_docs):
        section = env.get_doctree(docname).next_node(nodes.section)
        if section is not None and section["ids"]:
            anchors[docname] = section["ids"][0]
    return anchors


def search_data(env):
    # Each fact's section as read, its {numref} references still pending, as points_to_a_fact finds them.
    sections = {docname: env.get_doctree(docname).next_node(nodes.section) for docname in facts_in_order(env)}
    fact_ids = {node_id for section in sections.values() for node_id in section["ids"]}
    return {
        "facts": {
            docname: {"label": label_of(env, docname), "words": fact_words(section, fact_ids - set(section["ids"]))}
            for docname, section in sections.items()
        },
        "terms": term_names(env),
        "entries": entry_texts(env),
        "anchors": page_anchors(env),
    }


def add_search_data(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or pagename != SEARCH_PAGE:
        return
    data = json.dumps(search_data(app.env), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    app.add_js_file(None, body=f"window.bookSearch = {data};")


def setup(app):
    app.connect("html-page-context", add_search_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

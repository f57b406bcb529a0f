"""The book's index: entries in the text's typography, links named by where they lead.

Sphinx's smart quotes change the text of a page but not the entries its
``{index}`` roles and glossary terms hand to the index, so the index printed
"Sonja Durham's husband" where the glossary prints "Sonja Durham’s husband".
``FiledIndexEntries`` runs docutils' own smartquotes over each entry, under
the same settings as Sphinx's transform of the text, before the index
collects the entries.

Sphinx's index links an entry's first place by the entry's name and every
other by a running number, "[1]", "[2]", which in a book of numbered facts
reads as "Fact 1", "Fact 2". Before the HTML and EPUB builders render the
index, this gives each link the place it leads to: in a numbered chapter, the
fact's label as cross-references print it (``numfig_format``); in a glossary,
its page's title ("People"), whichever group holds the entry; elsewhere, the
title of the section holding the entry. Places come in reading order, one link
each; ``_templates/genindex.html`` prints them. The print edition's
index prints page numbers instead (``pdf_edition``).

A person is filed under the name the glossary gives after " : " ("Bradley
Cooper : Cooper, Bradley"; ``FiledIndexEntries``), and their name says where
("Bradley Cooper, *see* Cooper, Bradley"). Their entry, which Sphinx links to
the glossary alone, leads first to each fact that names them
(``people_mentions``), in every edition, as their "Appears in" list does.

The index sets "see" in italics, as indexes do, and a title as the text does,
wherever it files it: a work's in italics, a work's title within it upright,
a song's in quotes, by the group conf.py's ``index_groups`` names
("works", "songs"), its qualifier upright; a title that opens with an article is filed under the word after it
(``filed_titles``): "*Star Is Born, A* (film)" under S. An entry filed under a group that is not one of
``index_groups`` (a typo, "place") stops the build, as it would make a group of its own, and so does an entry
with an empty part ("places;"), and an ``index_groups`` that sets titles otherwise than as written, in italics or in
quotes.

The HTML's "previous" and "next" links, which Sphinx gives pages alone, go on
to the index from the last page, and back from it, as the contents list it.
"""

import html
import re
from pathlib import Path

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from markupsafe import Markup
from sphinx import addnodes
from sphinx.locale import _
from sphinx.transforms import SphinxSmartQuotes

from .checks import report, stop
from .model import is_fact, label_of, reading_order
from .people import facts_naming, glossary_documents, glossary_terms


def filed_under(entry, node):
    """An index entry as the index files it: a glossary term's under its classifier, "Bradley Cooper : Cooper,
    Bradley" under "Cooper, Bradley" (Sphinx takes a classifier for the heading of the entry's letter), and
    under its name "see Cooper, Bradley", main as the term's entry is, which is how the search finds the
    person's glossary entry first by the name."""
    kind, name, target, main, key = entry
    if not isinstance(node.parent, nodes.term) or not key:
        return [entry]
    see = [("see", f"{name}; {key}", target, main, None)] if key != name else []
    return [(kind, key, target, main, None), *see]


# A title as an index files it, its qualifier after it: "A Star Is Born (film)"; and one that opens with an article,
# as written and as filed.
QUALIFIED_TITLE = re.compile(r"(?P<title>.*?)(?P<qualifier>(?: \([^()]*\))?)")
OPENING_ARTICLE = re.compile(r"(?P<article>A|An|The) (?P<rest>.+)")
FILED_ARTICLE = re.compile(r"(?P<rest>.+), (?P<article>A|An|The)")


def as_written(filed):
    """A title as the text writes it, its article put back in front: "Star Is Born, A" is "A Star Is Born"."""
    article = FILED_ARTICLE.fullmatch(filed)
    return f"{article['article']} {article['rest']}" if article else filed


def filed_titles(entries, groups):
    """An index node's entries, each title that opens with an article filed under the word after it, as indexes
    file titles ("Fame, The (album)"): a title is what the node files under a group that sets titles too ("works;
    The Fame (album)"), as `groups` (conf.py's index_groups) says."""
    titles = {value.partition("; ")[2] for _kind, value, *_ in entries if groups.get(value.partition("; ")[0])}

    def filed(part):
        title, qualifier = QUALIFIED_TITLE.fullmatch(part).groups()
        article = OPENING_ARTICLE.fullmatch(title)
        return f"{article['rest']}, {article['article']}{qualifier}" if part in titles and article else part

    return [(kind, "; ".join(map(filed, value.split("; "))), *rest) for kind, value, *rest in entries]


class FiledIndexEntries(SphinxSmartQuotes):
    default_priority = SphinxSmartQuotes.default_priority + 1

    def apply(self, **kwargs):
        language, action = self.document.settings.language_code, self.config.smartquotes_action
        for node in self.document.findall(addnodes.index):
            entries = [filed for entry in node["entries"] for filed in filed_under(entry, node)]
            entries = filed_titles(entries, self.config.index_groups)
            if self.is_available():  # where Sphinx sets the text's quotes
                entries = [(kind, smartyPants(value, action, language), *rest) for kind, value, *rest in entries]
            node["entries"] = entries


def mention_order(doctree):
    """{id: position} of every element of a document with an id, in reading order: where each mention stands."""
    return {
        node_id: position for position, node in enumerate(doctree.findall(nodes.Element)) for node_id in node["ids"]
    }


def first_mentions(links, where):
    """(main, uri, *more) for each place an entry's links lead to, in the places' order: the link to the first
    mention there, main if any is. `where(uri)` gives (place, the mention's mention_order, *more).
    (Sphinx orders an entry's links by their addresses as text, which puts "#index-10" before "#index-2".)"""
    places = {}
    for main, uri in links:
        place, mention, *more = where(uri)
        places.setdefault(place, []).append((mention, main, uri, *more))
    return [
        (any(main for _mention, main, *_ in mentions), *min(mentions)[2:])
        for _place, mentions in sorted(places.items())
    ]


def people_mentions(env, builder):
    """{the index's link to a person's glossary entry: the index's links to the facts that name that person}, as
    the builder writes the index's links: so the entry leads, as the person's "Appears in" does, to each fact."""

    def index_link(docname, anchor):
        return f"{builder.get_relative_uri('genindex', docname)}#{anchor}"

    return {
        index_link(docname, anchor): [
            (False, index_link(fact, env.book_chapters[fact].anchor)) for fact in facts_naming(env, {name})
        ]
        for (docname, anchor), name in glossary_terms(env).items()
    }


class Places:
    """Where the index's links lead, as `builder` writes them, for one build."""

    def __init__(self, builder):
        self.env = builder.env
        self.position = {docname: position for position, docname in enumerate(reading_order(self.env))}
        self.docname_at = {builder.get_relative_uri("genindex", docname): docname for docname in self.env.found_docs}
        self.sections = {}
        self.glossaries = glossary_documents(self.env)

    def of(self, uri):
        """(sort key, the mention's place in its document, label) of the place `uri` leads to."""
        path, _, fragment = uri.rpartition("#")  # the PDF's path is "#document-DOC"
        docname = self.docname_at[path]
        position = self.position.get(docname, len(self.position))  # a page outside the toctrees comes last
        section_position, section, mention = self.read(docname)[fragment]
        if is_fact(docname):
            return (position, 0), mention, label_of(self.env, docname)
        if docname in self.glossaries:  # the glossary's page ("People"), whichever group holds the entry
            return (position, section_position), mention, self.env.titles[docname].astext()
        return (position, section_position), mention, section.next_node(nodes.title).astext()

    def in_book(self, uri):
        """(the document's position, the mention's place in it) of the mention `uri` leads to: the PDF's index
        leads to each document once, by its page number."""
        (position, _section_position), mention, _label = self.of(uri)
        return position, mention

    def read(self, docname):
        """{id: (position of the innermost section holding it, that section, the id's mention_order)}."""
        if docname not in self.sections:
            doctree = self.env.get_doctree(docname)
            order = mention_order(doctree)
            # An id outside every section (a footnote's, which MyST sets after them) is the page's own section's.
            page = doctree.next_node(nodes.section)
            holding = {node_id: (0, page, mention) for node_id, mention in order.items()}
            # Sections come outer before inner, so the innermost is the last to claim an id.
            for position, section in enumerate(doctree.findall(nodes.section)):
                for node in section.findall(nodes.Element):
                    holding.update({node_id: (position, section, order[node_id]) for node_id in node["ids"]})
            self.sections[docname] = holding
        return self.sections[docname]


def titles_in(index, groups):
    """{title: how it is set} of each entry the index files under one of `groups` (conf.py's index_groups:
    "works" in italics, "songs" in quotes), its qualifier left out, as an index sets a title wherever it files it."""
    return {
        QUALIFIED_TITLE.fullmatch(sub)["title"]: groups[name]
        for _letter, entries in index
        for name, (_links, subentries, _category) in entries
        if name in groups
        for sub, _sublinks in subentries
    }


def set_as(name, titles):
    """An index entry's words, each (text, in italics): "see" and "see also" in italics, as indexes set them, and
    a title as the text sets it (`titles`, from titles_in), its qualifier upright: "*A Star Is Born* (film)",
    "“Never Love Again” (song)"."""
    for see in (_("see also %s") % "", _("see %s") % ""):
        if name.startswith(see):
            return [(see.strip(), True), (" " + name.removeprefix(see), False)]
    title, qualifier = QUALIFIED_TITLE.fullmatch(name).groups()
    if titles.get(title) == "italic":
        return [*in_italics_but_titles_within(title, titles), (qualifier, False)]
    if titles.get(title) == "quoted":
        return [(f"\N{LEFT DOUBLE QUOTATION MARK}{title}\N{RIGHT DOUBLE QUOTATION MARK}{qualifier}", False)]
    return [(name, False)]


def in_italics_but_titles_within(title, titles):
    """An italic title's words, each (text, in italics), a work's title within it upright, as the text sets a title
    within a title: "*Road to Stardom: Making* A Star Is Born*, The*"."""
    within = [as_written(other) for other, setting in titles.items() if setting == "italic" and other != title]
    if not within:
        return [(title, True)]
    alternatives = "|".join(re.escape(other) for other in sorted(within, key=len, reverse=True))
    # The title's own words, then a title within, by turns; a title within stands apart from the words around it.
    parts = re.split(rf"(?<!\w)({alternatives})(?!\w)", title)
    return [(part, position % 2 == 0) for position, part in enumerate(parts) if part]


def as_markup(words):
    """set_as()'s words as the HTML's markup."""
    return Markup("").join(Markup("<em>{}</em>").format(text) if italic else text for text, italic in words if text)


def placed_index(index, builder, where, typeset):
    """Sphinx's index (IndexEntries.create_index's) as an edition prints it: each entry's words as set_as() sets
    them, in the edition's `typeset`, and its links the first_mentions() in each place `where` finds, a link to a
    person's glossary entry with links to the facts that name them (people_mentions)."""
    titles, mentions = titles_in(index, builder.config.index_groups), people_mentions(builder.env, builder)

    def words(name):
        return typeset(set_as(name, titles))

    def places(links):
        return first_mentions(links + [fact for _main, uri in links for fact in mentions.get(uri, [])], where)

    return [
        (
            letter,
            [
                (
                    words(name),
                    (places(links), [(words(sub), places(sublinks)) for sub, sublinks in subentries], category),
                )
                for name, (links, subentries, category) in entries
            ],
        )
        for letter, entries in index
    ]


def name_places(app, pagename, templatename, context, doctree):
    if "genindexentries" in context:
        where = Places(app.builder).of
        context["genindexentries"] = placed_index(context["genindexentries"], app.builder, where, as_markup)


def link_the_index_in_reading_order(app, pagename, templatename, context, doctree):
    order = reading_order(app.env)
    if app.builder.name != "html" or "genindex" not in order:
        return
    position = order.index("genindex")
    before, after = order[position - 1], order[position + 1] if position + 1 < len(order) else None

    def link(docname, title):
        return {"link": app.builder.get_relative_uri(pagename, docname), "title": html.escape(title)}

    if pagename == "genindex":
        context["prev"] = link(before, app.env.titles[before].astext())
        context["next"] = link(after, app.env.titles[after].astext()) if after else None
    elif pagename in (before, after):
        context["next" if pagename == before else "prev"] = link("genindex", _("Index"))


def index_entry_problem(kind, value, groups):
    """Why the index would misfile an entry, or None: a part of it empty ("places;"), which would be an entry of no
    name, or a group that is not one of `groups` (conf.py's index_groups) as written: a group is a word in lower case
    ("places; Coachella", as Sphinx's index splits it, at ";"), where a person's entry may hold subentries of its own
    ("Cooper, Bradley; lessons"), and "Places" would be a group of its own."""
    parts = [part.strip() for part in value.split(";")]
    if "" in parts:
        return "has an empty part, which the index would show as an entry of no name: write it, or remove its ';'"
    group, *subentries = parts
    if kind == "single" and subentries and group not in groups and (group.islower() or group.lower() in groups):
        return (
            f"is filed under {group!r}, which is not one of the index's groups ({', '.join(sorted(groups))}, "
            "conf.py's index_groups): it would make a group of its own; name one of them"
        )
    return None


def check_index_entries(app, env):
    """Every index entry is filed as written: no part of it empty, its group one of conf.py's index_groups."""
    groups = app.config.index_groups
    for docname in sorted(env.found_docs):
        for node in env.get_doctree(docname).findall(addnodes.index):
            for kind, value, *_more in node["entries"]:
                if problem := index_entry_problem(kind, value, groups):
                    report(app, node, f"the index entry {value!r} {problem}")


# How a group sets the titles the index files under it: as written, in italics (a work's), in quotes (a song's).
TITLE_STYLES = (None, "italic", "quoted")


def index_groups_problem(groups):
    """Why conf.py's index_groups is not {group: how it sets its titles}, or None."""
    if not isinstance(groups, dict) or not all(isinstance(group, str) for group in groups):
        return "is not a dict of the index's groups"
    return next(
        (
            f"sets {group!r} titles {style!r}, where a group sets them None, 'italic' or 'quoted'"
            for group, style in groups.items()
            if style not in TITLE_STYLES
        ),
        None,
    )


def check_index_groups_setting(app, config):
    """Stop at once where conf.py's index_groups is not one, which the index would stop on, or set titles as typed."""
    if problem := index_groups_problem(config.index_groups):
        report(app, None, f"{Path(app.confdir, 'conf.py')}: index_groups {problem}")
        stop(app, None)


def setup(app):
    app.add_config_value("index_groups", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", check_index_groups_setting, priority=100)  # before Sphinx's own handlers
    app.connect("env-updated", check_index_entries)
    app.add_transform(FiledIndexEntries)
    app.connect("html-page-context", name_places)
    app.connect("html-page-context", link_the_index_in_reading_order)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

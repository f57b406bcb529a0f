"""The print edition: the whole book as one PDF, typeset by WeasyPrint.

A builder over Sphinx's singlehtml output, written here because singlehtml
joins the chapters but not into a book: its links read
"#document-people#term-Ally", ids such as "index-0" repeat in every chapter,
and it has no index. This builder arranges the joined doctree as a book
(title page, contents, facts under "Fact N", glossary, index), gives every id
one owner and points every link at it, renders the page with the lean print
theme and has WeasyPrint lay it out and write it, with the page map the EPUB
marks its page breaks by (``page_map``).
"""

import gc
import html
import logging
import re
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from fontTools.ttLib import TTFont
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment.adapters.indexentries import IndexEntries
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging as sphinx_logging
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees

from book_core.checks import PRINTED_SETTINGS, report
from book_core.dates import build_time
from book_core.facts import blocks, is_code, prose
from book_core.index import Places, placed_index
from book_core.model import is_fact, label_of

from .page_map import INDEX, INDEX_LETTER_PREFIX, walk, write_page_map

logger = sphinx_logging.getLogger(__name__)

DOCUMENT_ANCHOR = "#document-"
# A heading the builder adds (the contents' and its parts', each letter's of the index): a rubric, which Sphinx
# writes as a heading at this level, where it would write a paragraph, which a screen reader does not move to.
HEADING = {"heading-level": 2}


# Where HarfBuzz's subsetter is not installed, WeasyPrint subsets the fonts with
# fontTools instead and says so: a note on the machine, not a fault in the book.
FONTTOOLS_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"


class PDFError(SphinxError):
    category = "PDF"


class WeasyPrintWarnings(logging.Handler):
    """Pass each warning WeasyPrint logs on to Sphinx, so that -W fails the build."""

    def emit(self, record):
        message = record.getMessage()
        if message.startswith(FONTTOOLS_FALLBACK):
            logger.info("WeasyPrint: %s", message)
        else:
            logger.warning("WeasyPrint: %s", message, type="pdf", subtype="weasyprint")


@contextmanager
def weasyprint_at_work(page, target):
    """WeasyPrint's warnings passed on to Sphinx, and its failure the build's, leaving no PDF."""
    warnings = WeasyPrintWarnings(logging.WARNING)
    logging.getLogger("weasyprint").addHandler(warnings)
    try:
        yield
    except Exception as error:
        target.unlink(missing_ok=True)
        raise PDFError(f"WeasyPrint failed to lay out {page}: {type(error).__name__}: {error}") from error
    finally:
        logging.getLogger("weasyprint").removeHandler(warnings)


def give_ids_one_owner(tree, root):
    """Rename ids that repeat across documents, then point every link at its target.

    A link into another document, "#document-DOC#ID", becomes "#ID" under the
    id's new name; "#document-DOC" becomes that document's first section, the
    heading a reader expects to land on. Returns each (document, old id)'s new id.
    """
    owner, first_section, taken = {}, {}, set()
    for node, docname in walk(tree, root):
        renamed = []
        for old in node["ids"]:
            new = old if old not in taken else f"{docname.replace('/', '-')}-{old}"
            taken.add(new)
            owner[docname, old] = new
            renamed.append(new)
        node["ids"] = renamed
        if isinstance(node, nodes.section) and renamed:
            first_section.setdefault(docname, renamed[0])
    for node, docname in walk(tree, root):
        if "refid" in node:  # a reference, or a footnote's reference to its note
            node["refid"] = owner.get((docname, node["refid"]), node["refid"])
        if node.get("backrefs"):  # a footnote's links back to where it is referenced
            node["backrefs"] = [owner.get((docname, backref), backref) for backref in node["backrefs"]]
        if isinstance(node, nodes.reference) and node.get("refuri", "").startswith(DOCUMENT_ANCHOR):
            target, _, fragment = node["refuri"].removeprefix(DOCUMENT_ANCHOR).partition("#")
            node["refuri"] = "#" + (owner[target, fragment] if fragment else first_section[target])
    return owner


def link_text_alone(tree):
    """Each link's text without the inline element Sphinx wraps it in (<span class="xref">): WeasyPrint (70) gives
    an element in a link a link annotation of its own, which it tags as a span of text, not as a link (PDF/UA-1
    7.18.5 wants every link annotation in a Link), and which a reader tabbing through the links meets twice.
    Code or emphasis in a link keeps its element, and with it that tag: its look is the text's."""
    for reference in tree.findall(nodes.reference):
        for inline in [child for child in reference.children if isinstance(child, nodes.inline)]:
            reference.replace(inline, inline.children)


def spaces_after_index_targets(tree):
    """Move the space before an index entry's target (an empty element) after it: WeasyPrint (70) keeps a space
    followed by an empty element at the end of a line, so a justified line that breaks there stops short."""
    for target in list(tree.findall(nodes.target)):
        parent, position = target.parent, target.parent.index(target)
        before = position - 1
        while before >= 0 and isinstance(parent[before], addnodes.index):
            before -= 1
        if target.children or before < 0 or not isinstance(parent[before], nodes.Text):
            continue
        text = parent[before]
        words = text.rstrip()
        if words != text:
            parent[before] = nodes.Text(words)
            parent.insert(position + 1, nodes.Text(text[len(words) :]))


def lift_documents(tree, front):
    """Move the documents the front matter's toctrees pulled in up beside it, as the book's parts."""
    parts = list(front.findall(addnodes.start_of_file))
    for start in parts:
        wrapper = start.parent
        wrapper.remove(start)
        tree += start
        if not wrapper.children:
            wrapper.parent.remove(wrapper)
    return parts


def label_fact(section, label):
    """Head a fact's section with its label ("Fact 1") above its title."""
    title = section[0]
    heading = title.astext()
    section["classes"].append("fact")
    text = nodes.inline("", "", *title.children, classes=["fact-title"])
    # The outline entry reads "Fact 1: title"; HTML attributes carry it to the stylesheet.
    mark = nodes.raw(
        "",
        f'<span class="fact-label" data-bookmark="{html.escape(f"{label}: {heading}")}">{html.escape(label)}</span> ',
        format="html",
    )
    title.children = []
    title += [mark, text]


def without_links(node):
    """A copy of `node` whose links are their text, with no element around it (``link_text_alone``): an entry
    that is a link holds no other."""
    copy = node.deepcopy()
    for reference in list(copy.findall(nodes.reference)):
        reference.parent.replace(reference, reference.children)
    return copy


def contents_entry(refuri, label, title):
    """An entry of the contents: its label ("Fact 1"), then its title, linked (an element in a link would be tagged
    as no link: ``link_text_alone``)."""
    paragraph = nodes.paragraph()
    if label:
        paragraph += [nodes.inline("", label, classes=["fact-label"]), nodes.Text(" ")]
    paragraph += nodes.reference("", "", *without_links(title).children, refuri=refuri, internal=True)
    return nodes.list_item("", paragraph)


def index_words(words):
    """set_as()'s words as the doctree's nodes."""
    return [nodes.emphasis("", text) if italic else nodes.Text(text) for text, italic in words if text]


def index_item(words, places):
    """An entry, its words, linked to the first mention in each place, in bold where a mention there is main."""
    paragraph = nodes.paragraph("", "", *words)
    for main, uri in places:
        paragraph += nodes.Text(", ")
        classes = ["page-ref", "main"] if main else ["page-ref"]
        paragraph += nodes.reference("", "", refuri=uri, internal=True, classes=classes)
    return nodes.list_item("", paragraph)


class PDFBuilder(SingleFileHTMLBuilder):
    """Builds the book as one PDF, through one HTML page and WeasyPrint."""

    name = "pdf"
    epilog = "The PDF book is in %(outdir)s."
    add_permalinks = False
    search = False

    def get_theme_config(self):
        return self.config.pdf_theme, {}

    def get_target_uri(self, docname, typ=None):
        if docname == INDEX:
            return "#" + INDEX
        return super().get_target_uri(docname, typ)

    def get_doc_context(self, docname, body, metatags):
        return super().get_doc_context(docname, body, metatags) | {
            "author": self.config.author,
            "pdf_description": self.config.pdf_description,
            "pdf_keywords": self.config.pdf_keywords,
            "pdf_date": build_time().strftime("%Y-%m-%dT%H:%M:%SZ"),
        }

    def assemble_toc_secnumbers(self):
        # Facts are labelled "Fact N" in their headings instead of "N.".
        return {self.config.root_doc: {}}

    def assemble_doctree(self):
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        parts = self.take_parts(tree)
        tree = inline_all_toctrees(self, set(), root, tree, lambda text: text, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        link_text_alone(tree)
        spaces_after_index_targets(tree)

        front = tree.next_node(nodes.section)
        front["classes"].append("front-matter")
        lifted = {start["docname"]: start for start in lift_documents(tree, front)}
        for docname, start in lifted.items():
            if is_fact(docname):
                label_fact(start.next_node(nodes.section), label_of(self.env, docname))
            else:
                start.next_node(nodes.section)["classes"].append("back-matter")
        listed = [docname for _caption, entries in parts for _title, docname in entries]
        if INDEX in listed:  # after the part the toctrees list before it
            before = [lifted[docname] for docname in listed[: listed.index(INDEX)] if docname in lifted]
            tree.insert(tree.index(before[-1] if before else front) + 1, self.index_section())

        first_part = front.first_child_matching_class(nodes.section) or len(front)
        front[first_part:first_part] = [
            nodes.paragraph("", self.config.author, classes=["byline"]),
            self.colophon(front),
            self.contents(front, parts),
        ]
        self.id_owner = give_ids_one_owner(tree, root)
        return tree

    def assemble_toc_fignumbers(self):
        # Sphinx's HTML writer (9.0, add_fignumber) finds figure numbers by document only for a builder
        # named "singlehtml"; for any other, by type alone: so here by type, under the ids of the whole book.
        numbers = {}
        for docname, by_type in self.env.toc_fignumbers.items():
            for figtype, by_id in by_type.items():
                for figure_id, number in by_id.items():
                    numbers.setdefault(figtype, {})[self.id_owner.get((docname, figure_id), figure_id)] = number
        return {self.config.root_doc: numbers}

    def colophon(self, front):
        """The copyright page: the copyright, and the article the book retells, its title set as the front page
        sets it (a title within it upright), where the front page names it."""
        # Made after Sphinx's smart quotes ran, so its apostrophes are made typographic here.
        title = smartyPants(self.config.source_title)
        as_set = (
            without_links(node) for node in front.findall(nodes.emphasis) if " ".join(node.astext().split()) == title
        )
        source = nodes.paragraph(
            "",
            "",
            nodes.Text("Retold from the article "),
            next(as_set, nodes.emphasis("", title)),
            nodes.Text(". Every quotation is the article’s, word for word."),
        )
        return nodes.container("", nodes.paragraph("", f"© {self.config.copyright}"), source, classes=["colophon"])

    def take_parts(self, tree):
        """The root toctrees' captions and (title or None, document) entries; the index leaves the toctrees,
        as the builder writes it."""
        parts = []
        for toctree in tree.findall(addnodes.toctree):
            parts.append((toctree.get("caption"), toctree["entries"]))
            toctree["includefiles"] = [name for name in toctree["includefiles"] if name != INDEX]
        return parts

    def contents(self, front, parts):
        root = self.config.root_doc
        contents = nodes.container(classes=["contents"])
        contents += nodes.rubric("", _("Contents"), **HEADING)
        front_entries = nodes.bullet_list(classes=["front"])
        for section in front.children:
            if isinstance(section, nodes.section):
                front_entries += contents_entry(f"{DOCUMENT_ANCHOR}{root}#{section['ids'][0]}", None, section[0])
        contents += front_entries
        for caption, entries in parts:
            listed = nodes.bullet_list()
            for title, docname in entries:
                if docname == INDEX:
                    listed += contents_entry("#" + INDEX, None, nodes.title("", title or _("Index")))
                    continue
                label = label_of(self.env, docname) if is_fact(docname) else None
                heading = nodes.title("", title) if title else self.env.titles[docname]
                listed += contents_entry(DOCUMENT_ANCHOR + docname, label, heading)
            if caption:
                contents += nodes.rubric("", caption, **HEADING)
            contents += listed
        return contents

    def index_section(self):
        """The index as back matter: each entry links once per document, to its first mention there."""
        section = nodes.section(ids=[INDEX], classes=["back-matter", "book-index"])
        section += nodes.title("", _("Index"))
        section += (columns := nodes.container(classes=["index-entries"]))
        index = IndexEntries(self.env).create_index(self)
        for letter, entries in placed_index(index, self, Places(self).in_book, index_words):
            group = nodes.bullet_list(classes=["index-group"])
            for words, (places, subentries, _category) in entries:
                item = index_item(words, places)
                if subentries:
                    item += nodes.bullet_list("", *(index_item(*subentry) for subentry in subentries))
                group += item
            columns += nodes.rubric("", letter, ids=[INDEX_LETTER_PREFIX + letter], **HEADING)
            columns += group
        if any("main" in reference["classes"] for reference in columns.findall(nodes.reference)):
            key = (
                "A page number in bold leads to where the entry is described, such as a person’s entry in the glossary."
            )
            section.insert(1, nodes.paragraph("", key, classes=["index-key"]))
        return section

    def finish(self):
        self.copy_image_files()
        self.copy_static_files()
        page = self.outdir / (self.config.root_doc + self.out_suffix)
        target = self.outdir / self.config.pdf_file_name
        # pdf_identifier=True hashes the file's content: equal builds, equal files.
        # presentational_hints: WeasyPrint reads HTML's attributes of style (an <ol>'s start) only when asked.
        options = {"pdf_variant": self.config.pdf_variant, "pdf_identifier": True, "presentational_hints": True}
        import weasyprint  # slow to import: not before the book is written

        # What writing the page left (the whole book's doctree), and then what only the layout needed
        # (boxes before pagination, their styles), is garbage in cycles: collected at once, its memory
        # serves the next step (a 96-fact book peaks 15 MB lower than with either collection alone).
        gc.collect()
        with weasyprint_at_work(page, target), progress_message(f"laying out {target.name}"):
            book = weasyprint.HTML(filename=page).render(**options)
        write_page_map(self.outdir, page.read_text(encoding="utf-8"), book.pages, self.env.found_docs)
        gc.collect()
        with weasyprint_at_work(page, target), progress_message(f"writing {target.name}"):
            book.write_pdf(target, **options)


STYLESHEET_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")
FONT_SUFFIXES = (".otf", ".ttf")
BOLD = 600  # a font's weight class (OS/2 usWeightClass) from semi-bold on
ITALIC = 1  # the italic bit of a font's OS/2 fsSelection
ITALIC_HEADINGS_FROM = 3  # print.css sets h3 to h6 in italics


def theme_files(app):
    """(stylesheet, path) of each file of the print theme its stylesheets name: the typeface."""
    # The theme's folder: the book's themes are in html_theme_path.
    folders = (Path(app.confdir, path, app.config.pdf_theme) for path in app.config.html_theme_path)
    static = next(folder for folder in folders if folder.is_dir()) / "static"
    return [
        (stylesheet, static / url)
        for stylesheet in sorted(static.glob("*.css"))
        for url in STYLESHEET_URL.findall(stylesheet.read_text(encoding="utf-8"))
        if ":" not in url
    ]


def check_theme_files(app):
    """Every file the print stylesheets name (the typeface) is there: WeasyPrint would only warn of a font."""
    if app.builder.name != PDFBuilder.name:
        return
    for stylesheet, path in theme_files(app):
        if not path.is_file():
            report(
                app,
                None,
                f"{path}: missing, and {stylesheet.name} needs it: "
                "restore it (git checkout -- _themes) to build the PDF",
            )


def unprintable(text, typeface):
    """The characters of `text` none of the typeface's fonts has (`typeface`: their code points), but the spaces
    and the invisible format characters (a soft hyphen) that are set as none."""
    return sorted({c for c in text if ord(c) not in typeface and not c.isspace() and unicodedata.category(c) != "Cf"})


def face(font):
    """(bold, italic) of a font of the typeface."""
    return font["OS/2"].usWeightClass >= BOLD, bool(font["OS/2"].fsSelection & ITALIC)


def in_italics(node):
    """Whether print.css sets a node's text in italics: emphasis, the lead and the headings below the second
    level are; emphasis in emphasis, or in the lead, is upright."""
    emphasis, lead, in_title, sections = 0, False, False, 0
    while node is not None:
        emphasis += isinstance(node, nodes.emphasis)
        lead = lead or (isinstance(node, nodes.paragraph) and "lead" in node["classes"])
        in_title = in_title or isinstance(node, nodes.title)
        sections += isinstance(node, nodes.section)
        node = node.parent
    if emphasis:
        return emphasis == 1 and not lead
    return lead or (in_title and sections >= ITALIC_HEADINGS_FROM)


def check_the_typeface_prints_every_character(app, env):
    """Every character the PDF prints from the book is in the print typeface: the text, the index's entries and
    the settings the title page and colophon print. For one no font of the machine has, WeasyPrint prints a box
    and warns without saying where; one only the machine's own fonts have would print otherwise on another
    machine. Bold text ({strong}, a table's header) is held to its bold face, upright or italic: for a character
    a bold face lacks, WeasyPrint (70) prints another glyph and says nothing, where the other faces borrow the
    regular face's. Code, which prints in the machine's monospace font, is left out."""
    if app.builder.name != PDFBuilder.name:
        return
    # The fonts the stylesheets name; a missing one check_theme_files has reported.
    paths = {path for _stylesheet, path in theme_files(app) if path.suffix in FONT_SUFFIXES and path.is_file()}
    faces = {face(font): set(font.getBestCmap()) for font in (TTFont(path) for path in sorted(paths))}
    typeface = set().union(*faces.values())

    def tell(location, missing, what="the print typeface", printed="a box, or another machine's font"):
        if missing:
            listed = ", ".join(f"{character} (U+{ord(character):04X})" for character in missing)
            report(app, location, f"{what} has no {listed}: the PDF would print {printed}; write it otherwise")

    for name in PRINTED_SETTINGS:
        tell(
            None, unprintable(app.config[name], typeface), f"{Path(app.confdir, 'conf.py')}: {name}: the print typeface"
        )
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        for block in blocks(doctree):
            tell(block, unprintable(prose(block), typeface))
        for bold in doctree.findall(lambda node: isinstance(node, (nodes.strong, nodes.thead))):
            lacking = {
                character
                for text in bold.findall(nodes.Text)
                if not is_code(text.parent)
                for character in unprintable(text, faces.get((True, in_italics(text)), typeface))
                if ord(character) in typeface  # a character no face has is told above
            }
            tell(bold, sorted(lacking), "the print typeface's bold", "another character in its place")
        for entry in doctree.findall(addnodes.index):
            tell(entry, unprintable(" ".join(value for _kind, value, *_ in entry["entries"]), typeface))


def setup(app):
    app.add_builder(PDFBuilder)
    app.setup_extension("pdf_edition.page_map")
    app.add_config_value("pdf_file_name", "book.pdf", "", types=frozenset({str}))
    app.add_config_value("pdf_theme", "print", "", types=frozenset({str}))
    app.add_config_value("pdf_description", "", "", types=frozenset({str}))
    app.add_config_value("pdf_keywords", [], "", types=frozenset({list}))
    app.add_config_value("pdf_variant", None, "", types=frozenset({str, type(None)}))
    app.connect("builder-inited", check_theme_files)
    app.connect("env-updated", check_the_typeface_prints_every_character)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

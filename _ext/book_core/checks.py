"""Stop the build, before any edition is written, unless the book is whole.

Each check says what it refuses in its docstring and its messages. They run:

- when the settings are read: the settings every edition prints are text;
- before Sphinx parses a source: the rules of each source's text
  (``sources``), chapters/ holding fact chapters only, and the cover's pictures
  drawn from its drawing as it is;
- after reading, each document (``document_problems``): its title (the front
  page's is conf.py's ``project``) and what stands above it; a fact's label,
  heading and lead; fact numbers typed by hand; and what one edition would show
  otherwise than another, what could run in a reader's browser or come from
  elsewhere (``refused``, ``text_refused``);
- after reading, the whole book: no page left out of the toctrees, every
  included file within the book's folder and what its name says, and every
  person in the glossary referenced by a fact and linked where a fact names them.

Each problem is logged as an error at its file and line. Problems that would
publish a wrong book, or make a builder fail on it, stop the build once
everything is read, before anything is written, so no builder meets a broken
book. Other extensions report such problems through ``report``. A person no
chapter references fails the build without stopping it there, so a renamed
glossary entry is reported beside the chapters still using the old name.
"""

import hashlib
import mimetypes
import os
import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import PIL.Image
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from .facts import blocks, label_above_heading, lead_of, prose
from .model import (
    LABEL_PREFIX,
    NOT_A_SOURCE,
    NUMBERS_IN_WORDS,
    PLACEHOLDER_LEAD,
    Problem,
    chapter_files,
    fact_label,
    is_fact,
)
from .people import glossary_documents
from .sources import (
    CONTROL_CHARACTER,
    control_characters,
    glossary_entries,
    read_source,
    source_problems,
    text_problems,
)

logger = logging.getLogger(__name__)

# URLs that run code when followed; browsers ignore whitespace and control characters in them.
ACTIVE_URLS = ("javascript:", "vbscript:", "data:text/html")
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")
# The images every edition shows and none runs, by the name's ending; what Pillow calls each.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}
JPEG_WITH_MORE_PICTURES = {"MPO": "JPEG"}  # a camera's JPEG, as Pillow names it


def report(app, location, message, stops=True):
    """Log a problem, at a document or "path:line", that stops the build before anything is written, if it `stops`."""
    logger.error(message, location=location, type="book", subtype="whole")
    if stops:
        app.book_not_whole = True


def halt(message, outcome):
    """Log a problem the build cannot go on from, and stop it there; `outcome` says what was not made."""
    logger.error(message, type="book", subtype="halt")
    raise SystemExit(outcome)


def report_problem(app, problem, stops=True):
    """Report a model.Problem; one without a line names its file in the message, as Sphinx takes a bare path for
    a document's name."""
    path = Path(app.srcdir, problem.path)
    if problem.line:
        report(app, f"{path}:{problem.line}", problem.message, stops)
    else:
        report(app, None, f"{path}: {problem.message}", stops)


def _is_active_url(url):
    return IGNORED_IN_URLS.sub("", url).lower().startswith(ACTIVE_URLS)


# MyST writes a line ending in two spaces or a backslash as these two raw nodes (facts.prose reads them as a space).
HARD_LINE_BREAK = {("html", "<br />\n"), ("latex", "\\\\\n")}
# References whose text is found only as a page is written, unless given: contents and sidebars show a title as read.
RESOLVED_LATER = {"numref", "ref", "doc", "myst"}


def refused(node):
    """Why the book refuses a node of a read document, or None: what one edition would show
    otherwise than another, what could run in a reader's browser, what would come from elsewhere."""
    if isinstance(node, nodes.raw) and (node["format"], node.astext()) not in HARD_LINE_BREAK:
        return (
            f"raw {node['format']} ({' '.join(node.astext().split())[:40]!r}) is refused: each edition would read "
            "it its own way, and it could run a script; write it in MyST (a comment is a line starting with %)"
        )
    if isinstance(node, addnodes.only):
        return (
            f"{{only}} ({node['expr']}) is refused: every edition shows the same book, and the EPUB marks the "
            "PDF's pages by the blocks both hold; write the text for all three"
        )
    if isinstance(node, (nodes.math, nodes.math_block)):
        return (
            "math is refused: the HTML would load MathJax from another site, and the EPUB and the PDF would "
            "print its LaTeX; write it in words"
        )
    if isinstance(node, nodes.meta) and node.get("http-equiv"):
        return f"the metadata http-equiv={node['http-equiv']!r} is refused: it acts on the reader's browser; remove it"
    if isinstance(node, addnodes.download_reference):
        return (
            f"the link to the file {node['reftarget']!r} is refused: the EPUB and the PDF cannot carry a file; "
            "link to its address on the web instead"
        )
    if isinstance(node, nodes.image):
        uri = node["uri"]
        if urlsplit(uri).scheme:
            return (
                f"the image {uri[:40]!r} is not a file of the book: save it in the book's folder, outside "
                "chapters/ (in images/, say), and link to that"
            )
        if not uri.endswith(tuple(IMAGE_FORMATS)):
            return (
                f"the image {uri!r} is refused: save it as PNG, JPEG or GIF, which every edition shows "
                "and none runs (an SVG may hold a script), its name ending in .png, .jpg, .jpeg or .gif, "
                "in lower case, as the EPUB needs"
            )
        if any(NOT_A_SOURCE.fullmatch(part) for part in Path(uri).parts if part not in (".", "..")):
            return f"the image {uri!r} is hidden, or an editor's backup, which the HTML's downloads overlook: rename it"
        if not node.get("alt", "").strip():
            return (
                f"the image {uri!r} has no alternative text: say what it shows, between the brackets of "
                "![…](…) or in the :alt: option of {image} or {figure}"
            )
    if (
        isinstance(node, addnodes.pending_xref)
        and node.get("reftype") in RESOLVED_LATER
        and (node["reftype"] == "numref" or not node.get("refexplicit"))
        and _in_title(node)
    ):
        return (
            f"the {{{node['reftype']}}} in a heading would show as {node['reftarget']!r} in the contents and "
            "sidebars, which take the heading as written: write its words in the heading, and link from the text"
        )
    if isinstance(node, nodes.footnote) and not node.astext().removeprefix(node[0].astext()).strip():
        return f"the footnote [^{node['names'][0]}] has no text: write it after its '[^…]:'"
    if isinstance(node, addnodes.pending_xref) and node.get("reftype") == "numref" and node.get("refexplicit"):
        if node["reftarget"].startswith(LABEL_PREFIX):
            return (
                f"{{numref}}`{node.astext()} <{node['reftarget']}>` names the fact in words of its own, where every "
                f"other reference prints 'Fact N' (conf.py's numfig_format): write {{numref}}`{node['reftarget']}`"
            )
    if isinstance(node, nodes.reference) and _is_active_url(node.get("refuri", "")):
        return f"the link {node['refuri'][:40]!r} runs a script, which the book never publishes: remove it"
    return None


# What markdown-it leaves as text where a link was meant: one it refuses (it would run a script or open a file, or
# its address holds a space), in brackets, in angle brackets or by reference, which every edition would print as
# typed; or a link to a reference never defined.
LINK_TEXT = r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]"  # brackets, and brackets in them (one level deep)
LINK_AS_TYPED = re.compile(
    rf"{LINK_TEXT}\((?:[^()]|\([^()]*\))*\)|{LINK_TEXT}\[[^\]]*\]|<[a-z][a-z0-9+.-]+:(?!\s)[^<>]*>", re.IGNORECASE
)
# A role of the book's MyST did not read as one: {term} with no backticks after it, curly quotes instead, or no
# closing backtick (one followed by text in backticks, escaped, is written to be shown as typed; the code spans
# a role's syntax is shown in are not read here).
ROLE_AS_TYPED = re.compile(r"\{(?:term|numref|ref|doc|index)\}(?!`[^`]+`)")


UNREADABLE = "\ufffd"  # what markdown-it makes of an entity no text may hold, such as &#7;


def text_refused(env, text):
    """Why the book refuses a block's text, one message a reason: a fact's number typed by hand, a character
    an entity wrote that the source itself may not hold, a link printed as typed."""
    word = re.escape(fact_label(env.config, "").strip())
    # "Fact 3", "fact 3", "Facts 2 and 3", "Fact #3", "Fact No. 3": one fact or more, in any case, but for "in fact
    # 20 people"; and "Fact three", as a label is written, but for "the fact three people ..." and "facts one may
    # not know".
    typed_label = re.compile(
        rf"\b(?:{word}|(?i:{word}s)|(?<!\b[Ii]n )(?i:{word}))\s+(?:#\s*|No\.\s*)?\d+"
        rf"|\b{word}\s+(?i:{NUMBERS_IN_WORDS})\b"
    )
    for label in typed_label.findall(text):
        yield (
            f"{' '.join(label.split())!r} is a fact's number typed by hand, which no renumbering would follow: "
            "write {numref}`fact-…` instead (in a heading, which takes no reference, name the fact in words)"
        )
    for character in CONTROL_CHARACTER.findall(text):
        yield (
            f"an entity writes the control character U+{ord(character):04X}, which no edition shows as written: "
            "remove it"
        )
    if UNREADABLE in text:
        yield (
            "holds U+FFFD, the mark of a character that could not be read (one an entity writes, such as "
            "&#7;), which every edition would show: remove it"
        )
    for link in LINK_AS_TYPED.findall(text):
        yield (
            f"{link!r} would print as typed: a link that runs a script or opens a file, or whose address holds "
            "a space, is no link; give it a web address, or write the text alone"
        )
    for role in ROLE_AS_TYPED.findall(text):
        yield f"{role!r} would print as typed: a role takes its text in straight backticks, {role}`…`"


def _in_title(node):
    while node is not None and not isinstance(node, nodes.title):
        node = node.parent
    return node is not None


def _line(node):
    while node is not None and not node.line:  # None, or 0 where MyST knows no line
        node = node.parent
    return node.line if node is not None else None


def _problem_in(env, source, docname, line, message):
    """A Problem in the file `source` (an included one, say), else in the document."""
    path = Path(source) if source else env.doc2path(docname)
    if path.is_relative_to(env.srcdir):
        path = path.relative_to(env.srcdir)
    return Problem(str(path), line, message)


def what_stands(node):
    """A node as a message names it: its text, or what it is (an index entry, a rule)."""
    if node.astext().strip():
        return repr(node.astext()[:40])
    return "an index entry" if isinstance(node, addnodes.index) else f"a {node.tagname}"


# What may stand above a page's title: its labels, its front matter (and the html_meta it gives) and comments.
ABOVE_THE_TITLE = (nodes.target, nodes.docinfo, nodes.meta, nodes.comment, nodes.substitution_definition)


def document_problems(env, docname, doctree):
    """What is wrong in a read document, as Problems."""

    def at(node, message):
        """A Problem where `node` came from: its own file (an included one, say) and line, else the document."""
        source = node.source or (node.parent.source if node.parent is not None else None)
        return _problem_in(env, source, docname, _line(node), message)

    problems = [at(node, reason) for node in doctree.findall(nodes.Element) if (reason := refused(node)) is not None]
    problems += [at(block, message) for block in blocks(doctree) for message in text_refused(env, prose(block))]

    contents = env.doc2path(env.config.root_doc, base=False)
    for toctree in doctree.findall(addnodes.toctree):
        if docname != env.config.root_doc:
            problems.append(
                at(
                    toctree,
                    f"a table of contents belongs to {contents} alone: here it would list its pages a second time "
                    "in the book; link to a fact with {numref}`fact-…`",
                )
            )
        problems += [
            at(
                toctree,
                f"the table of contents' entry {ref!r} is not a page of the book, which the EPUB's and the PDF's "
                "contents list: link to it from a page's text",
            )
            for _title, ref in toctree["entries"]
            if urlsplit(ref).scheme or ref == "self"
        ]

    sections = [node for node in doctree.children if isinstance(node, nodes.section)]
    if not sections:
        return [*problems, at(doctree, "has no title: start it with a '# ' heading")]
    problems += [
        at(
            node,
            f"{what_stands(node)} stands above the page's title, which opens the page in every edition and its "
            "contents: move it below the '# ' heading",
        )
        for node in doctree.children[: doctree.index(sections[0])]
        if not isinstance(node, ABOVE_THE_TITLE)
    ]
    title = sections[0][0]
    if not title.astext().strip():
        problems.append(at(title, "its title is empty: write the title after the '# '"))
    problems += [
        at(section[0], "this heading is empty: write its text after the '#' marks")
        for section in doctree.findall(nodes.section)
        if section is not sections[0] and not section[0].astext().strip()
    ]
    if docname == env.config.root_doc and title.astext() != env.config.project:
        problems.append(
            at(
                title,
                f"the book's title, {title.astext()!r}, is not conf.py's project, {env.config.project!r}, "
                "which every edition's metadata gives: make the two the same",
            )
        )
    leads = [paragraph for paragraph in doctree.findall(nodes.paragraph) if "lead" in paragraph["classes"]]
    problems += [
        at(extra, "a page has one lead, its opening paragraph: remove the '{.lead}' above") for extra in leads[1:]
    ]
    if is_fact(docname):
        problems += [
            at(paragraph, "the lead is still new_fact.py's placeholder: write the fact's own")
            for paragraph in doctree.findall(nodes.paragraph)
            if paragraph.astext().strip() == PLACEHOLDER_LEAD
        ]
        lead = lead_of(sections[0])
        if lead is None or lead is not sections[0].next_node(nodes.paragraph):
            problems.append(
                at(
                    lead or title,
                    "the fact does not open with its lead, which its previews and the search show: mark its "
                    "opening paragraph, and it alone, with a line '{.lead}' above it",
                )
            )
        problems += [
            at(
                extra[0],
                f"a second top-level heading ({extra[0].astext()!r}) would make a fact of its own and renumber "
                "every later fact: a fact chapter has one '# ' heading; use '## ' below it",
            )
            for extra in sections[1:]
        ]
        if label_above_heading(doctree) is None:
            labels = [name for name in sections[0]["names"] if doctree.nametypes.get(name)]
            problems.append(
                at(
                    title,
                    f"the fact's label, '({labels[0]})=', does not start with '{LABEL_PREFIX}': write "
                    f"'({LABEL_PREFIX}{labels[0]})=', which {{numref}} references name"
                    if labels
                    else f"the fact's heading has no label: put a line '({LABEL_PREFIX}slug)=' right above it",
                )
            )
    return problems


# The cover's drawing, and the pictures scripts/render_cover.py draws from it (the EPUB's cover, the social card).
COVER_DRAWING = "_themes/ereader/static/cover.svg"
COVER_PICTURE, SOCIAL_CARD = DRAWN_FROM_THE_COVER = ("_themes/ereader/static/cover.jpg", "_web/social-card.jpg")


def drawing_mark(book):
    """The comment a picture drawn from the cover's drawing carries: the drawing's digest."""
    return f"sha256:{hashlib.sha256((book / COVER_DRAWING).read_bytes()).hexdigest()}"


def cover_problems(book):
    """A Problem for each picture drawn from another drawing than the cover's: the editions would show the old."""
    mark = drawing_mark(book).encode()
    problems = []
    for picture in DRAWN_FROM_THE_COVER:
        if (book / picture).is_file():
            with PIL.Image.open(book / picture) as image:
                if image.info.get("comment") == mark:
                    continue
        problems.append(
            Problem(picture, None, f"was not drawn from {COVER_DRAWING} as it is: run scripts/render_cover.py")
        )
    return problems


def check_sources_before_reading(app, env, docnames):
    book = Path(env.srcdir)
    problems = chapter_files(book)[1] + cover_problems(book)
    for docname in docnames:
        path = env.doc2path(docname, base=False)
        if (book / path).is_file():  # else a link to nothing, which chapter_files reports
            problems += source_problems(book, path)
    for problem in problems:
        report_problem(app, problem)
    if problems:
        stop(app, env)


def glossary_entries_with_paths(env):
    """(path, entry) of each entry of each glossary, read from its document's source."""
    paths = [env.doc2path(docname, base=False) for docname in glossary_documents(env)]
    return [(path, entry) for path in paths for entry in glossary_entries(read_source(Path(env.srcdir), path))]


def check_people_are_referenced(app, env, entries):
    """Every glossary term is referenced by a fact chapter, or its "Appears in" list would be empty."""
    mentioned = set().union(*(chapter.people for chapter in env.book_chapters.values()))
    for path, entry in entries:
        if not any(term.lower() in mentioned for _line, term in entry.terms):
            line, term = entry.terms[0]
            message = (
                f"{term!r} is referenced by no fact chapter, so its 'Appears in' list would be empty: "
                "reference it with {term} in a chapter, or remove the entry"
            )
            report_problem(app, Problem(str(path), line, message), stops=False)


# The quotation marks Sphinx's smart quotes set, as a glossary's source writes them.
STRAIGHT_QUOTES = str.maketrans(
    "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}",
    "''\"\"",
)


def names(text, name, longer):
    """Whether `text` names `name`, as a word of its own and outside the `longer` terms that hold it ("Sonja
    Durham" in "Sonja Durham's husband"); a one-word name not in a compound ("Bobby-pins"), a longer one in
    one too ("Lars Ulrich-filmed")."""
    text, name = text.translate(STRAIGHT_QUOTES), name.translate(STRAIGHT_QUOTES)
    for term in longer:
        text = text.replace(term.translate(STRAIGHT_QUOTES), " ")
    word_ends = r"(?![\w-])" if " " not in name else r"(?!\w)"
    return re.search(rf"(?<![\w-]){re.escape(name)}{word_ends}", text) is not None


def check_people_are_linked(app, env, entries):
    """A fact chapter that names a person, by a term of their entry or by the surname it files them under, links
    them to the glossary (the editorial guide's rule for a first mention), or their "Appears in" list would leave
    the fact out."""
    people_and_surnames = [([term for _line, term in entry.terms], entry.surnames) for _path, entry in entries]
    names_of_all = [name for people, surnames in people_and_surnames for name in people + surnames]
    holding = {name: [other for other in names_of_all if name in other and other != name] for name in names_of_all}
    for docname, chapter in sorted(env.book_chapters.items()):
        for people, surnames in people_and_surnames:
            if {person.lower() for person in people} & chapter.people:
                continue
            named = [
                (source, line, name)
                for source, line, text in chapter.unlinked
                for name in people + surnames
                if names(text, name, holding[name])
            ]
            if named:
                source, line, name = named[0]
                reference = name if name in people else f"{name} <{people[0]}>"
                message = (
                    f"names {name!r} without a link to the glossary, so their 'Appears in' list would leave this "
                    f"fact out: write {{term}}`{reference}` at the first mention"
                )
                report_problem(app, _problem_in(env, source, docname, line, message))


def check_no_page_is_left_out(app, env):
    """No page is an orphan: the HTML would have it, the EPUB and the PDF (what the toctrees list) not."""
    for docname in sorted(env.found_docs):
        if "orphan" in env.metadata.get(docname, {}):
            report(
                app,
                docname,
                "is marked 'orphan', a page of the HTML alone: list it in a toctree of "
                f"{env.doc2path(env.config.root_doc, base=False)} and remove 'orphan' from its front matter",
            )


def image_problems(book, path):
    """A Problem if an image is not what its name says (an SVG named .png, an empty file), which an edition
    would show broken or an e-reader refuse, or is too large to read safely."""
    expected = IMAGE_FORMATS[path.suffix]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)  # else printed, and built on
            with PIL.Image.open(book / path) as image:
                found = JPEG_WITH_MORE_PICTURES.get(image.format, image.format)
                image.verify()  # a file cut short
    except (PIL.Image.DecompressionBombWarning, PIL.Image.DecompressionBombError):
        return [
            Problem(
                str(path),
                None,
                f"has more than {PIL.Image.MAX_IMAGE_PIXELS:,} pixels, more than any edition needs, which would "
                "take every build gigabytes of memory to read: save it smaller",
            )
        ]
    except (OSError, SyntaxError):  # how Pillow tells what it cannot read
        found = "not an image Pillow reads whole"
    if found == expected:
        return []
    return [Problem(str(path), None, f"is named a {expected} image, but is {found}: save it as {expected}")]


def check_included_files(app, env):
    """The files documents include are in the book's folder; images are what their names say, other files
    UTF-8 with no control character, as the documents are, and Markdown held to the documents' text rules."""
    book = Path(env.srcdir)
    inside = set()
    for docname, dependencies in sorted(env.dependencies.items()):
        # Linked folders are not resolved: a folder linked into the book is in it, as the downloads' digest has it.
        for path in sorted(Path(os.path.normpath(book / dependency)) for dependency in dependencies):
            if path.is_relative_to(book):
                inside.add(path.relative_to(book))
            else:
                report(
                    app,
                    docname,
                    f"includes {path}, from outside the book's folder, which a clone of the book lacks and no "
                    "edition's download follows: move it into the book",
                )
    for path in sorted(inside):
        if not (book / path).is_file():
            continue
        if path.suffix in IMAGE_FORMATS:
            problems = image_problems(book, path)
        elif (mimetypes.guess_type(path.name)[0] or "").startswith("image/"):
            continue  # refused where a document shows it
        else:  # Markdown included is read as its document's source: held to the same text rules.
            problems = source_problems(book, path, text_problems if path.suffix == ".md" else control_characters)
        for problem in problems:
            report_problem(app, problem)


def report_document_problems(app, env):
    for docname in sorted(env.found_docs):
        for problem in document_problems(env, docname, env.get_doctree(docname)):
            report_problem(app, problem)
    entries = glossary_entries_with_paths(env)
    check_people_are_referenced(app, env, entries)
    check_people_are_linked(app, env, entries)
    check_no_page_is_left_out(app, env)
    check_included_files(app, env)


# The settings the editions print: the title, the author, the copyright and the article the book retells.
PRINTED_SETTINGS = ["project", "author", "copyright", "source_title"]


def unprinted_settings(config):
    """The printed settings that are not text, or empty, which would print "Retold from the article ." or an
    empty byline, leave the EPUB's metadata empty, which epubcheck refuses, or crash the builders."""
    return [name for name in PRINTED_SETTINGS if not isinstance(config[name], str) or not config[name].strip()]


def check_printed_settings(app, config):
    """Stop at once, before Sphinx and the editions read the settings, where one is not text to print."""
    for name in unprinted_settings(config):
        report(
            app,
            None,
            f"{Path(app.confdir, 'conf.py')}: {name} is {config[name]!r}, and the editions print it: "
            "set it to its text",
        )
    stop(app, None)


def stop(app, env):
    if getattr(app, "book_not_whole", False):
        raise SystemExit("The build stopped before writing anything: fix the errors above.")
    return []


def setup(app):
    app.connect("config-inited", check_printed_settings, priority=100)  # before Sphinx's own handlers
    app.connect("env-before-read-docs", check_sources_before_reading, priority=100)
    app.connect("env-updated", report_document_problems)
    # Last of all, after the section numbers are assigned and checked (``numbering``).
    app.connect("env-get-updated", stop, priority=999)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

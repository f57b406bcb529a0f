"""The book's sources as text: how they are decoded and composed, what a
chapter's front matter states, and the rules a source must meet before it is
parsed (no control character, every fence closed, no class but the lead's,
no MyST setting of its own but html_meta, every glossary entry defined once,
after an empty line, and no glossary in a fact).

Shared by the build's checks and ``scripts/new_fact.py``, so the two read the
book alike. No Sphinx here: the script runs without it.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from .model import Problem, is_fact

# Sphinx reads sources as 'utf-8-sig' (its default source_encoding): a leading
# byte-order mark is dropped, anything else must be UTF-8.
ENCODING = "utf-8-sig"


def composed(text):
    """The text in Unicode's composed form (NFC), as the web writes it and the build reads every source: a name
    typed with a combining accent (e + U+0301) in one file is then the same name as one typed with "é" in
    another."""
    return unicodedata.normalize("NFC", text)


class SourceError(Exception):
    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def read_source(book, path):
    """The text of the source at ``book / path``, as the build decodes it; SourceError if it cannot."""
    data = (book / path).read_bytes()
    try:
        return data.decode(ENCODING)
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        raise SourceError(
            Problem(
                str(path),
                data.count(b"\n", 0, error.start) + 1,
                f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at column {error.start - line_start + 1}): "
                "save the file with the UTF-8 encoding",
            )
        ) from None


_FRONT_MATTER_PARSER = MarkdownIt("commonmark").use(front_matter_plugin)


# A line's end as CommonMark, and so MyST, counts lines; str.splitlines() also ends a line at characters the
# checks refuse (U+2028, a form feed), which would put each later problem of the file a line off.
LINE_END = re.compile(r"\r\n|\r|\n")


def source_lines(text):
    """The lines of a source, as MyST numbers them."""
    return LINE_END.split(text)


def front_matter(text):
    """The front matter's keys and values, found and parsed as MyST does; {} where there is none or it is not YAML."""
    tokens = _FRONT_MATTER_PARSER.parse(text)
    if not tokens or tokens[0].type != "front_matter":
        return {}
    try:
        data = yaml.safe_load(tokens[0].content)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# A backslash before an ASCII punctuation character, which Markdown shows as the character alone.
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def top_headings(text):
    """The text of each top-level ('# ') heading outside fences, as written but for its backslash escapes, and
    composed, as the build reads it."""
    tokens = _FRONT_MATTER_PARSER.parse(text)
    return [
        composed(BACKSLASH_ESCAPE.sub(r"\1", inline.content))
        for heading, inline in zip(tokens, tokens[1:], strict=False)
        if heading.type == "heading_open" and heading.tag == "h1"
    ]


FENCE = re.compile(r"^(?P<indent> {0,3})(?P<marker>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE = re.compile(r"\{(?P<name>[^}\s]+)\}")
# Directives whose content is not Markdown: fences inside them are their text.
LITERAL_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "raw", "eval-rst", "math"}


def _closes(line, marker):
    match = FENCE.match(line)
    return (
        match is not None
        and match["marker"][0] == marker[0]
        and len(match["marker"]) >= len(marker)
        and not match["info"].strip()
    )


@dataclass(frozen=True)
class Fence:
    line: int  # where it opens
    marker: str  # ``` or ::: or longer
    info: str  # what follows the marker: {note}, python, ...
    body: list  # the lines inside
    closed: bool

    @property
    def directive(self):
        match = DIRECTIVE.match(self.info)
        return match["name"] if match else None


def fences(lines, first_line=1):
    """Each fence in ``lines``, nested ones too, as CommonMark and MyST find them."""
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match is None or (match["marker"][0] == "`" and "`" in match["info"]):
            index += 1
            continue
        marker, info = match["marker"], match["info"].strip()
        end = next((i for i in range(index + 1, len(lines)) if _closes(lines[i], marker)), None)
        fence = Fence(first_line + index, marker, info, lines[index + 1 : end], end is not None)
        yield fence
        if fence.directive and fence.directive not in LITERAL_DIRECTIVES:
            yield from fences(fence.body, fence.line + 1)
        if end is None:
            return
        index = end + 1


def unclosed_fences(path, text):
    """A Problem for each fence that is never closed, which would swallow the rest of its document."""
    return [
        Problem(
            path,
            fence.line,
            f"the fence '{fence.marker}{fence.info}' opened here is never closed: end it "
            f"with a line '{fence.marker}', or everything after it is published inside it",
        )
        for fence in fences(source_lines(text))
        if not fence.closed
    ]


@dataclass
class GlossaryEntry:
    terms: list  # (line, term) pairs: a term and the aliases written on the lines below it
    defined: bool = False
    after_blank: bool = True  # an entry starts after an empty line
    # The surnames of the terms filed "Surname, Given": "Cooper" for "Bradley Cooper : Cooper, Bradley".
    surnames: list = field(default_factory=list)


# Emphasis, strong emphasis or code around words of a term: the term, as read, is their text.
INLINE_MARKUP = re.compile(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1")


def glossary_entries(text):
    """The entries of every {glossary} in ``text``, as Sphinx's glossary directive groups its lines.

    Read here, not from the doctree: under MyST the terms' lines count from the directive, not the
    file (executablebooks/MyST-Parser#1175), and Sphinx tells a term defined twice only in one case."""
    entries = []
    for fence in fences(source_lines(text)):
        if fence.directive != "glossary":
            continue
        glossary, in_options, after_blank = [], True, False
        for line_number, line in enumerate(fence.body, start=fence.line + 1):
            if in_options and line.startswith(":"):
                continue
            in_options = False
            if not line.strip():
                after_blank = True
            elif line[0].isspace():
                if glossary:
                    glossary[-1].defined = True
            else:  # a term: an alias of the entry above, right under its term, or a new entry's
                if not (glossary and not glossary[-1].defined and not after_blank):
                    glossary.append(GlossaryEntry([], after_blank=after_blank or not glossary))
                # The term as its text reads (composed, as the build reads it), without the classifiers Sphinx reads
                # after " : " nor the marks of emphasis or code; "Durham, Sonja, husband of" files no surname,
                # nor ", Lars".
                term, *classifiers = re.split(r" +: +", composed(line).strip())
                glossary[-1].terms.append((line_number, INLINE_MARKUP.sub(r"\2", term)))
                filed = classifiers[0].split(", ") if classifiers else []
                if len(filed) == 2 and filed[0]:
                    glossary[-1].surnames.append(filed[0])
            if line.strip():
                after_blank = False
        entries += glossary
    return entries


def glossary_problems(path, text):
    """A Problem, at the entry's own line, for each glossary entry without a definition, defined twice, or run on."""
    problems, first_seen = [], {}
    for entry in glossary_entries(text):
        line, term = entry.terms[0]
        if not entry.after_blank:
            problems.append(Problem(path, line, f"the glossary entry {term!r} needs an empty line above it"))
        if not entry.defined:
            problems.append(
                Problem(
                    path,
                    line,
                    f"the glossary entry {term!r} has no definition: indent its definition on the lines below it",
                )
            )
        for line, term in entry.terms:
            if term.lower() in first_seen:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"the glossary entry {term!r} is already defined "
                        f"on line {first_seen[term.lower()]}: merge the two",
                    )
                )
            first_seen.setdefault(term.lower(), line)
    return problems


# Characters no edition shows as written: the C0 and C1 controls but tab, line feed and carriage return, which
# XHTML (the EPUB's pages) may not even hold; the bidirectional embeddings, overrides and isolates, which show
# the text around them reversed or reordered; the zero-width space, word joiner and no-break space (U+FEFF,
# a byte-order mark but at a file's start), which hide in a word ("Fact\u200b2" reads as a typed fact's number);
# and the line and paragraph separators, which a browser shows as a space and the print typeface has no glyph for.
CONTROL_CHARACTER = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def control_characters(path, text):
    """A Problem for each control character, at its line and column."""
    return [
        Problem(
            path,
            line,
            f"holds the control character U+{ord(match[0]):04X} at column {match.start() + 1}, "
            "which no edition shows as written: remove it",
        )
        for line, text_line in enumerate(source_lines(text), start=1)
        for match in CONTROL_CHARACTER.finditer(text_line)
    ]


# The one class a source may give a block, which every edition's stylesheet styles alike: a page's lead.
BOOK_CLASSES = {"lead"}
ATTRIBUTE_BLOCK = re.compile(r"^\s*\{(?P<attributes>[^}]*)\}\s*$")  # {#id .name class=name}, for the next block
CLASS_ATTRIBUTE = re.compile(r"(?:^|\s)(?:\.|class=)\"?([^\s\"}]+)")
# A directive's option that gives classes: :class:, :figclass:, :class-container: ..., or in YAML, class: ...
CLASS_OPTION = re.compile(r"^\s*:?[\w-]*class[\w-]*:(?P<names>.*)$")
CLASS_DIRECTIVES = {"rst-class", "cssclass", "container"}  # whose argument is classes
RST_CLASS = re.compile(r"^\s*(?:\.\.\s+(?:rst-class|cssclass|class|container)::|:[\w-]*class[\w-]*:)(?P<names>.*)$")
CLASS_NAME = re.compile(r"[^\s,\[\]\"']+")


def _options(numbered):
    """(line, text) of a directive's options, from its body's (line, text): a YAML block between '---' lines, or
    its first lines starting ':'."""
    if numbered and numbered[0][1].strip() == "---":
        end = next((i for i, (_, line) in enumerate(numbered[1:], 1) if line.strip() == "---"), len(numbered))
        return numbered[1:end]
    return list(itertools.takewhile(lambda item: item[1].lstrip().startswith(":"), numbered))


def given_classes(text):
    """(line, class) of each class a source gives: to the next block ({.name}), to a directive (its :class:,
    :figclass: ... options, or the argument of {rst-class} or {container}), or in reStructuredText ({eval-rst})."""
    lines = source_lines(text)
    given, literal = set(), set()
    for fence in fences(lines):
        body = list(enumerate(fence.body, start=fence.line + 1))
        if fence.directive is None or fence.directive in LITERAL_DIRECTIVES:
            literal.update(number for number, _ in body)
        if fence.directive in CLASS_DIRECTIVES:
            given.update((fence.line, name) for name in CLASS_NAME.findall(fence.info.partition("}")[2]))
        for number, line in _options(body) if fence.directive else []:
            if match := CLASS_OPTION.match(line):
                given.update((number, name) for name in CLASS_NAME.findall(match["names"]))
        for number, line in body if fence.directive == "eval-rst" else []:
            if match := RST_CLASS.match(line):
                given.update((number, name) for name in CLASS_NAME.findall(match["names"]))
    for number, line in enumerate(lines, start=1):
        if number not in literal and (match := ATTRIBUTE_BLOCK.match(line)):
            given.update((number, name) for name in CLASS_ATTRIBUTE.findall(match["attributes"]))
    return sorted(given)


def foreign_classes(path, text):
    """A Problem for each class a source gives that is not one of BOOK_CLASSES: the HTML theme styles many
    (``d-none`` hides a block, ``only-dark`` shows it in dark mode alone), the EPUB and the PDF none."""
    return [
        Problem(
            path,
            line,
            f"the class {name!r} is refused: the HTML theme's styles would show the block otherwise than the "
            f"EPUB and the PDF, or hide it; the book's blocks take {', '.join(sorted(BOOK_CLASSES))!r} alone",
        )
        for line, name in given_classes(text)
        if name not in BOOK_CLASSES
    ]


# The one MyST setting a page's front matter may give (under "myst:"): the others are conf.py's, alike for every page.
PAGE_MYST_SETTINGS = {"html_meta"}
MYST_FRONT_MATTER = re.compile(r"myst\s*:")


def page_myst_settings(path, text):
    """A Problem for each MyST setting a source's front matter gives its page alone, but its html_meta: an extension
    enabled there (attrs_inline) would let a span take a class the HTML theme hides, which the checks do not see."""
    settings = front_matter(text).get("myst")
    if settings is None:
        return []
    line = next((n for n, text_line in enumerate(source_lines(text), 1) if MYST_FRONT_MATTER.match(text_line)), 1)
    return [
        Problem(
            path,
            line,
            f"the MyST setting {name!r} is refused in a page's front matter: conf.py's myst_ settings are the book's, "
            "alike for every page (html_meta alone may be given here)",
        )
        for name in (settings if isinstance(settings, dict) else [str(settings)])
        if name not in PAGE_MYST_SETTINGS
    ]


def glossaries_in_facts(path, text):
    """A Problem for each glossary in a fact chapter, which would list its people, with the facts they appear in,
    in the fact's own text."""
    if not is_fact(path):
        return []
    return [
        Problem(path, fence.line, "a glossary in a fact lists people in its text: the glossary of people is people.md")
        for fence in fences(source_lines(text))
        if fence.directive == "glossary"
    ]


def text_problems(path, text):
    """What is wrong in a source's text that parsing would hide or pass on."""
    return (
        control_characters(path, text)
        + unclosed_fences(path, text)
        + foreign_classes(path, text)
        + page_myst_settings(path, text)
        + glossary_problems(path, text)
        + glossaries_in_facts(path, text)
    )


def source_problems(book, path, rules=text_problems):
    """What `rules` find wrong in the source at ``book / path``, or that it cannot be decoded."""
    try:
        return rules(str(path), read_source(book, path))
    except SourceError as error:
        return [error.problem]

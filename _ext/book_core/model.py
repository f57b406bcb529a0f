"""The book model: which sources are facts, their numbers, labels and order, "Fact N", and a count of them.

Every part of the book reads the facts through here: the checks, the
glossary's "Appears in" lists, the index, the HTML's previews and search, the
print edition and ``scripts/new_fact.py``. No Sphinx here: the script runs without
it; the functions that read a build take its environment or config.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

CHAPTER_DIR = "chapters"

# A fact chapter's file name: its number in two digits, then its words.
FILE_NAME = re.compile(r"(?P<prefix>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md")
MAX_FACTS = 99  # the last number two digits write

# The label line above a fact's heading: (fact-glastonbury)=
LABEL_PREFIX = "fact-"
LABEL = re.compile(rf"^\(({LABEL_PREFIX}[^)\s]+)\)=[ \t\r]*$", re.M)
# The lead scripts/new_fact.py writes into a new chapter, for its writer to replace.
PLACEHOLDER_LEAD = "One or two sentences that say what this fact is."

# Never sources, and never refused: hidden files (macOS's "._" resource files,
# .DS_Store, editors' swap files) and editors' backups ("name~", "#name#").
NOT_A_SOURCE = re.compile(r"\..*|.*~|#.*#")


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: a path relative to the book, and a line (1-based) when there is one."""

    path: str
    line: int | None
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def is_fact(docname):
    """Whether a document is a fact chapter: every document in chapters/ is one."""
    return docname.startswith(f"{CHAPTER_DIR}/")


def fact_label(config, number):
    """How every edition names a fact: "Fact 7", from ``numfig_format``, as {numref} prints it."""
    if isinstance(number, (tuple, list)):  # as Sphinx's section numbers come: (7,), or [7] on a node
        number = ".".join(map(str, number))
    return config.numfig_format["section"] % number


def label_of(env, docname):
    """A fact's label as readers see it in every edition: "Fact 7", from the number Sphinx gave its section."""
    return fact_label(env.config, env.toc_secnumbers[docname][""])


UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen \
eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_in_words(number):
    """0 to 99 in words, as the book counts its facts: "eight", "twenty-one"."""
    if number < 20:
        return UNITS[number - 1] if number else "zero"
    return TENS[number // 10 - 2] + (f"-{UNITS[number % 10 - 1]}" if number % 10 else "")


# 1 to 99 in words, and the number each says.
NUMBERS = {number_in_words(number): number for number in range(1, 100)}
# Between the words of a number: a space, a hyphen, or a hyphen that does not break (U+2010, U+2011).
HYPHEN_OR_SPACE = "[\\s\\-\u2010\u2011]+"
# The same as a pattern, the longest first, so that "twenty-one" is read whole, not as "twenty".
NUMBERS_IN_WORDS = "|".join(sorted((said.replace("-", HYPHEN_OR_SPACE) for said in NUMBERS), key=len, reverse=True))


def fact_counts(text, word):
    """Each count of the facts in `text`, as (where it starts, as written, its number): "Eight Facts" (`word`,
    "Fact", in the plural, in any case) gives (0, "Eight", 8), as "Eight Surprising Facts" does, a word between;
    "Twenty One", "Twenty-One" or "21" facts 21; "the facts" or "many facts" none."""
    return [
        (
            said.start(1),
            said[1],
            int(said[1]) if said[1].isdigit() else NUMBERS[re.sub(HYPHEN_OR_SPACE, "-", said[1].lower())],
        )
        for said in re.finditer(rf"\b(\d+|{NUMBERS_IN_WORDS})\s+(?:\w+\s+)?{re.escape(word)}s\b", text, re.IGNORECASE)
    ]


def chapter_file_name(number, slug):
    """The file name of fact `number`, as FILE_NAME reads it: "07-music-lessons.md"."""
    return f"{number:02d}-{slug}.md"


def file_number(file_name):
    """The number in a chapter's file name, or None if the name is not 'NN-slug.md'."""
    match = FILE_NAME.fullmatch(file_name)
    return int(match["prefix"]) if match else None


def fact_number(value):
    """The number a front matter's ``fact`` value states, or None; MyST hands metadata on as text."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def front_matter_number(env, docname):
    """The number a fact's front matter states, as the build read it."""
    return fact_number(env.metadata.get(docname, {}).get("fact"))


def reading_order(env, docname=None):
    """The documents in the order the toctrees give them, from the root document (or `docname`) on."""
    docname = docname or env.config.root_doc
    order = [docname]
    for child in env.toctree_includes.get(docname, []):
        order += reading_order(env, child)
    return order


def facts_in_order(env):
    """The fact chapters, in reading order."""
    return [docname for docname in reading_order(env) if is_fact(docname)]


def chapter_files(book):
    """The fact chapters in ``book / chapters``, sorted, and a Problem for each entry there that is not one.

    Every entry must be a file named ``*.md`` (``FILE_NAME`` holds the rest of
    the name), in the book's folder (not a link to a file outside it), except
    the editor and system files NOT_A_SOURCE matches.
    """
    chapters, problems = [], []
    if not (book / CHAPTER_DIR).is_dir():
        return chapters, [Problem(CHAPTER_DIR, None, "is missing: the facts live in chapters/NN-slug.md")]
    for entry in sorted((book / CHAPTER_DIR).iterdir()):
        if NOT_A_SOURCE.fullmatch(entry.name):
            continue
        if entry.is_symlink() and not entry.exists():
            wrong = f"is a link to {entry.readlink()}, which does not exist: restore its target or remove the link"
        elif entry.is_symlink() and not entry.resolve().is_relative_to(book.resolve()):
            wrong = (
                f"is a link to {entry.readlink()}, outside the book's folder, which a clone of the book lacks: "
                "move the file into chapters/"
            )
        elif not entry.is_file():
            wrong = "is not a file: chapters/ holds only fact chapters, NN-slug.md"
        elif entry.suffix != ".md":
            wrong = (
                "is not a fact chapter: chapters/ holds only NN-slug.md files; "
                "rename it to .md or move it out of chapters/"
            )
        else:
            chapters.append(entry)
            continue
        problems.append(Problem(f"{CHAPTER_DIR}/{entry.name}", None, wrong))
    return chapters, problems


def numbering_problems(chapters):
    """What is wrong with the fact numbers, as (file name, message) pairs.

    ``chapters`` maps each chapter's file name (``NN-slug.md``) to the number
    its front matter claims, or None where the front matter states none.
    """
    problems = []
    by_number = defaultdict(list)
    for name, claimed in sorted(chapters.items()):
        prefix = file_number(name)
        if prefix is None:
            problems.append(
                (
                    name,
                    "a fact chapter's file name must be 'NN-slug.md' "
                    f"(two digits, 01 to {MAX_FACTS}, a hyphen, lower-case words joined by hyphens)",
                )
            )
        if claimed is None:
            problems.append((name, "front matter needs 'fact: N' with the fact's number"))
        if prefix is None or claimed is None:
            continue
        if claimed != prefix:
            problems.append((name, f"the file name says fact {prefix} but the front matter says fact: {claimed}"))
        by_number[claimed].append(name)

    expected = 1
    for number, names in sorted(by_number.items()):
        if len(names) > 1:
            problems += [
                (name, f"fact {number} is claimed by more than one chapter: {', '.join(names)}") for name in names
            ]
        if number != expected:
            missing = f"fact {expected} is" if number == expected + 1 else f"facts {expected} to {number - 1} are"
            problems.append((names[0], f"is fact {number}, but {missing} missing: facts run 1, 2, 3, ... with no gap"))
        expected = number + 1
    return problems

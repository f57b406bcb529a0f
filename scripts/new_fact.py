#!/usr/bin/env python3
"""Create the next fact chapter: .venv/bin/python scripts/new_fact.py "The fact's heading".

Writes chapters/NN-slug.md with the next number, its front matter, a label,
the heading and a lead to fill in, and nothing else: the numbered toctree in
index.md takes every file in chapters/ in file-name order. Reads chapters/ as
the build does (the book model, ``_ext/book_core/``), refuses to run while the
existing numbering is broken or another fact has the same name or heading,
and never overwrites a file. The heading shows the title exactly; the file
name transliterates it into lower-case ASCII words.
"""

import argparse
import re
import sys
import unicodedata
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BOOK / "_ext"))

try:
    from anyascii import anyascii

    from book_core import model
    from book_core.sources import SourceError, composed, front_matter, read_source, top_headings
except ImportError as error:
    raise SystemExit(
        f"new_fact.py needs the book's environment ({error.name} is missing): run `make venv`, "
        'then .venv/bin/python scripts/new_fact.py "The fact\'s heading"'
    ) from None

MAX_SLUG_LENGTH = 40
# Characters Markdown or MyST would read as markup in a heading; written escaped, they show as typed.
MARKUP = re.compile(r"([\\`*_\[\]<>{}&#|$~])")

TEMPLATE = """\
---
fact: {number}
---

({label})=
# {heading}

{{.lead}}
{lead}
"""


def slugify(title):
    """Lower-case ASCII words joined by hyphens, transliterated from any script; '' if nothing is left."""
    without_apostrophes = re.sub(r"['\u2019]", "", title)
    words = re.findall(r"[a-z0-9]+", anyascii(without_apostrophes).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if slug and len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug


def heading(title):
    """The Markdown heading text that shows ``title`` exactly; SystemExit for a title no heading can hold."""
    breaks = sorted({repr(c) for c in title if unicodedata.category(c) in {"Cc", "Zl", "Zp"}})
    if breaks:
        raise SystemExit(
            f"A heading is one line of text, but the title holds {', '.join(breaks)}: "
            "give the title on one line, without tabs or control characters."
        )
    if not title.strip():
        raise SystemExit("The title is empty: give the fact's heading.")
    return MARKUP.sub(r"\\\1", title.strip())


def read_chapters(book):
    """Each chapter's file name, the number its front matter claims and its text, read as the build reads them."""
    chapters, problems = model.chapter_files(book)
    texts = {}
    for path in chapters:
        try:
            texts[path.name] = read_source(book, path.relative_to(book))
        except SourceError as error:
            problems.append(error.problem)
    if problems:
        details = "\n".join(f"  {problem}" for problem in problems)
        raise SystemExit(f"chapters/ cannot be read as the build reads it; fix it first:\n{details}")
    return {name: (model.fact_number(front_matter(text).get("fact")), text) for name, text in texts.items()}


def new_fact(book, title):
    """Create the next chapter in ``book`` and return its path; raise SystemExit on refusal."""
    text_of_heading = heading(title)
    existing = read_chapters(book)
    problems = model.numbering_problems({name: number for name, (number, _text) in existing.items()})
    if problems:
        details = "\n".join(f"  chapters/{name}: {message}" for name, message in problems)
        raise SystemExit(f"The fact numbering is already broken; fix it first:\n{details}")

    number = len(existing) + 1
    if number > model.MAX_FACTS:
        raise SystemExit(
            f"The book holds {model.MAX_FACTS} facts, the most a chapter's file name can number "
            f"(two digits, 01 to {model.MAX_FACTS}); nothing was written."
        )
    slug = slugify(title) or f"fact-{number}"
    label = model.LABEL_PREFIX + slug
    heading_as_read = composed(title.strip()).casefold()
    for name, (_number, text) in existing.items():
        if model.FILE_NAME.fullmatch(name)["slug"] == slug or label in model.LABEL.findall(text):
            raise SystemExit(f"chapters/{name} already holds a fact named {slug!r}: choose another title.")
        taken = [written for written in top_headings(text) if written.casefold() == heading_as_read]
        if taken:
            raise SystemExit(f"chapters/{name} already has the heading {taken[0]!r}: choose another title.")

    path = book / model.CHAPTER_DIR / model.chapter_file_name(number, slug)
    try:
        with path.open("x", encoding="utf-8") as chapter:
            chapter.write(
                TEMPLATE.format(number=number, label=label, heading=text_of_heading, lead=model.PLACEHOLDER_LEAD)
            )
    except FileExistsError:
        raise SystemExit(f"{path.relative_to(book)} already exists; nothing was written.") from None
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help="the fact's heading, as the chapter will show it")
    parser.add_argument("--book", type=Path, default=BOOK, help="the book's folder (default: this checkout)")
    args = parser.parse_args()
    path = new_fact(args.book.resolve(), args.title)
    print(f"Created {path.relative_to(args.book.resolve())} (fact {model.file_number(path.name)}).")
    print("Write its lead and body, link people with {term} and related facts with {numref}, then run make html.")
    print(
        "The build stops until every count of the facts in conf.py and index.md counts them all (the title first); "
        "the cover counts them too: update _themes/ereader/static/cover.svg and the social card's page in "
        "scripts/render_cover.py, then run it."
    )


if __name__ == "__main__":
    main()

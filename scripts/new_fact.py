#!/usr/bin/env python3
"""Create the next fact chapter: scripts/new_fact.py "The fact's heading".

Writes chapters/NN-slug.md with the next number, its front matter, a label,
the heading and a lead to fill in, and nothing else: the numbered toctree in
index.md takes every file in chapters/ in file-name order. Refuses to run
while the existing numbering is broken, and never overwrites a file.
"""

import argparse
import re
import sys
import unicodedata
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BOOK / "_ext"))

from fact_sequence import FILE_NAME, numbering_problems  # noqa: E402

# `fact: 3`, also quoted or followed by a comment, inside the front matter.
FRONT_MATTER_FACT = re.compile(r"""\A---\n(?:.*\n)*?fact:\s*(["']?)(\d+)\1\s*(?:#.*)?\n(?:.*\n)*?---\n""")
LABEL = re.compile(r"^\((fact-[^)]+)\)=$", re.M)
MAX_SLUG_LENGTH = 40

TEMPLATE = """\
---
fact: {number}
---

(fact-{slug})=
# {title}

{{.lead}}
One or two sentences that say what this fact is.
"""


def slugify(title):
    without_apostrophes = re.sub(r"['\u2019]", "", title)
    ascii_title = unicodedata.normalize("NFKD", without_apostrophes).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if slug and len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug


def claimed_number(path):
    match = FRONT_MATTER_FACT.match(path.read_text(encoding="utf-8"))
    return int(match[2]) if match else None


def new_fact(book, title):
    """Create the next chapter in ``book`` and return its path; raise SystemExit on refusal."""
    chapters = book / "chapters"
    existing = {path.name: claimed_number(path) for path in sorted(chapters.glob("*.md"))}
    problems = numbering_problems(existing)
    if problems:
        details = "\n".join(f"  chapters/{name}: {message}" for name, message in problems)
        raise SystemExit(f"The fact numbering is already broken; fix it first:\n{details}")

    slug = slugify(title)
    if not slug:
        raise SystemExit(f"Cannot make a file name from the title {title!r}: give it some letters or digits.")
    for name in existing:
        text = (chapters / name).read_text(encoding="utf-8")
        if FILE_NAME.fullmatch(name)["slug"] == slug or f"fact-{slug}" in LABEL.findall(text):
            raise SystemExit(f"chapters/{name} already holds a fact named {slug!r}: choose another title.")

    number = len(existing) + 1
    path = chapters / f"{number:02d}-{slug}.md"
    try:
        with path.open("x", encoding="utf-8") as chapter:
            chapter.write(TEMPLATE.format(number=number, slug=slug, title=title.strip()))
    except FileExistsError:
        raise SystemExit(f"{path.relative_to(book)} already exists; nothing was written.") from None
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help="the fact's heading, as the chapter will show it")
    parser.add_argument("--book", type=Path, default=BOOK, help="the book's folder (default: this checkout)")
    args = parser.parse_args()
    path = new_fact(args.book.resolve(), args.title)
    print(f"Created {path.relative_to(args.book.resolve())} (fact {int(path.name[:2])}).")
    print("Write its lead and body, link people with {term} and related facts with {numref}, then run make html.")


if __name__ == "__main__":
    main()

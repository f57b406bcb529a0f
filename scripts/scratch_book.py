"""A copy of the book somewhere else, to build or break without touching this one.

Everything in the checkout except version control, the virtual environment,
the Node tools, build output and builds' locks; time stamps are kept, so
`make` there sees an environment made from the same requirements as current.
Used by `make bench` and by the tests.

A copy can also hold a longer book, of any number of facts up to 99, made from
the real chapters taken in turn and renumbered: the ninth fact is the first
chapter again, under number 9, its label and the labels it references given
the suffix ``-2`` so that each round of chapters links within itself; its
title and front page count them (``retitle``).
"""

import re
import shutil
import sys
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BOOK / "_ext"))
from book_core import model  # noqa: E402  (the book model, as the build reads it)

LEFT_OUT = shutil.ignore_patterns(".git", ".venv*", "node_modules", "_build", "*.lock", "__pycache__", ".pytest_cache")
FRONT_MATTER_NUMBER = re.compile(r"^fact: \d+$", re.M)


def copy_book(destination, facts=None):
    """Copy the book to `destination`; with `facts`, its chapters become that many facts."""
    shutil.copytree(BOOK, destination, ignore=LEFT_OUT, dirs_exist_ok=True)
    if facts is not None:
        _grow_chapters(Path(destination) / "chapters", facts)
        retitle(Path(destination), facts)
    return destination


def retitle(book, facts):
    """Count `facts` wherever conf.py and the front page count the book's facts, as the build asks; with None, count
    none ("Facts from ..."), so that facts can come and go without a new title."""
    for path in (book / "conf.py", book / "index.md"):
        text = path.read_text(encoding="utf-8")
        if not (counts := model.fact_counts(text, "Fact")):
            raise ValueError(f"{path.name}: the book counts no facts here to count again")
        book_count = counts[0][2]  # the title's, which opens both files; "two facts" is no count of the book's
        for start, said, _number in reversed([count for count in counts if count[2] == book_count]):
            counted = text[start + len(said) :].lstrip()  # "facts from ...": the word counted, and on
            if facts:
                counted = f"{facts if said.isdigit() else model.number_in_words(facts)} {counted}"
            text = text[:start] + (counted[0].upper() if said[0].isupper() else counted[0]) + counted[1:]
        path.write_text(text, encoding="utf-8")


def _grow_chapters(chapter_dir, facts):
    if not 1 <= facts <= model.MAX_FACTS:
        raise ValueError(f"a fact number has two digits: {facts} facts cannot be numbered")
    originals = sorted(chapter_dir.glob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    labels = sorted({label for text in texts for label in model.LABEL.findall(text)}, key=len, reverse=True)
    label_reference = re.compile(rf"\b({'|'.join(map(re.escape, labels))})(?![a-z0-9-])")
    for path in originals:
        path.unlink()
    for number in range(1, facts + 1):
        round_, place = divmod(number - 1, len(originals))
        source, text = originals[place], texts[place]
        slug = model.FILE_NAME.fullmatch(source.name)["slug"]
        if round_:
            suffix = f"-{round_ + 1}"
            slug += suffix
            text = label_reference.sub(lambda match, suffix=suffix: match[1] + suffix, text)
        text = FRONT_MATTER_NUMBER.sub(f"fact: {number}", text, count=1)
        (chapter_dir / model.chapter_file_name(number, slug)).write_text(text, encoding="utf-8")

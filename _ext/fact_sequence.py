"""The numbering rules for fact chapters, on plain file names and numbers.

Shared by the ``fact_numbering`` extension (on the build's documents) and by
``scripts/new_fact.py`` (on the files, before a build), so both hold a fact
chapter to the same rules. No Sphinx here: the script runs without it.
"""

import re
from collections import defaultdict

FILE_NAME = re.compile(r"(?P<prefix>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md")


def file_number(file_name):
    """The number in a chapter's file name, or None if the name is not 'NN-slug.md'."""
    match = FILE_NAME.fullmatch(file_name)
    return int(match["prefix"]) if match else None


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
            problems.append((name, "a fact chapter's file name must be 'NN-slug.md' "
                                   "(two digits, 01 to 99, a hyphen, lower-case words joined by hyphens)"))
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
            problems += [(name, f"fact {number} is claimed by more than one chapter: {', '.join(names)}")
                         for name in names]
        if number != expected:
            missing = f"fact {expected} is" if number == expected + 1 else f"facts {expected} to {number - 1} are"
            problems.append((names[0], f"is fact {number}, but {missing} missing: facts run 1, 2, 3, ... with no gap"))
        expected = number + 1
    return problems

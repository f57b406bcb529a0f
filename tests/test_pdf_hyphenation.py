"""The print edition breaks a word at a line's end only after its first four letters (print.css's
hyphenate-limit-chars): no "Be-hind" nor "mo-ment", and no name broken where its dictionary errs ("Gla-stonbury")."""

import re

# The hyphen WeasyPrint prints where it breaks a word (U+2010), unlike a hyphen the text holds ("Gut-Wrenching").
BROKEN_WORD = re.compile(r"(\w+)\N{HYPHEN}$")
FIRST_LETTERS = 4


def test_no_word_is_broken_before_its_fourth_letter(pdf):
    broken = [
        (number, match[1])
        for number, page in enumerate(pdf.pages, 1)
        for line in page.extract_text().splitlines()
        if (match := BROKEN_WORD.search(line))
    ]
    assert [(number, start) for number, start in broken if len(start) < FIRST_LETTERS] == [], broken

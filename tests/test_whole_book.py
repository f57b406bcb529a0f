"""A book that is not whole stops `make html` before anything is published,
with an error naming each file and, where there is one, the line, and never a
traceback. The rules themselves are tested case by case in process
(test_book_rules); here two real builds prove that the build applies them and
reports every problem it finds, not only the first:

- before Sphinx parses anything: a source that is not UTF-8, an unclosed
  fence, a glossary entry without a definition, a file in chapters/ that is
  not a chapter;
- once the book is read: a gap in the facts' numbers, a chapter out of place
  in the numbered toctree, a stray second top-level heading (and the numbers
  readers would see shift after it), raw HTML, a fact's number typed by
  hand, a link to a file no EPUB or PDF can carry, a {numref} to a heading
  that has no number, a toctree in a chapter, a {numref} in a heading, a
  page marked orphan, a control character in an included file, a person in
  the glossary whom no chapter references.

Broken references, which Sphinx finds as it writes the pages, are proved in
test_rebuilds; a missing font of the print edition in test_failed_builds. The
two builds run in the background from the session's start (background.py).
"""

import re

import pytest

from background import built, in_background
from book import append, build_errors, chapter, copy_book, glossary_line, make


def at(path, line=None):
    """How an error names a place: the file's path, and its line."""
    return f"{path}:{line}:" if line else f"{path}:"


def glossary_definition_dropped(book, term):
    """Remove `term`'s definition from the glossary of people; the line of the term."""
    path = book / "people.md"
    text = path.read_text(encoding="utf-8")
    lines, line = text.splitlines(keepends=True), glossary_line(text, term)
    del lines[line]
    path.write_text("".join(lines), encoding="utf-8")
    return line


def glossary_entry_added(book, entry):
    """Add an entry at the end of the glossary of people; the line of its term."""
    path = book / "people.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = len(lines) - 1 - lines[::-1].index(":::\n")
    lines[end:end] = ["\n", entry]
    path.write_text("".join(lines), encoding="utf-8")
    return end + 2


def failed_make_html(book):
    """`make html` of a broken book: it fails, with no traceback, and publishes nothing."""
    result = make(book, "html")
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert not (book / "_build" / "html").exists(), "an edition was published"
    assert not (book / "_build" / "html.new").exists(), "the staging folder was left behind"
    return build_errors(result)


def assert_named(errors, *places_and_messages):
    """Each (place, message) is in one error line; the error lines are listed when one is not."""
    for place, message in places_and_messages:
        assert any(place in line and message in line for line in errors), (place, message, errors)


@in_background("problems_before_reading")
def break_before_reading(folder):
    """The errors of `make html` in a book broken in four files, each in a way found before any is parsed."""
    book = copy_book(folder / "book")
    second = chapter(book, "02")
    text = second.read_text(encoding="utf-8").replace("Glastonbury", "Glastonbüry", 1)
    latin1_line = text[: text.index("Glastonbüry")].count("\n") + 1
    second.write_bytes(text.encode("latin-1", "replace"))
    third = chapter(book, "03")
    fence_line = append(third, "\n:::{note}\nA note never closed.\n\nMore text.\n") + 1
    glossary_line = glossary_definition_dropped(book, "Tony Bennett")
    (book / "chapters" / "09-ninth.markdown").write_text("---\nfact: 9\n---\n\n(fact-ninth)=\n# Ninth\n")
    expected = {
        "not_utf8": (at(second, latin1_line), "is not valid UTF-8"),
        "unclosed_fence": (at(third, fence_line), "the fence ':::{note}' opened here is never closed"),
        "glossary_entry_without_definition": (
            at(book / "people.md", glossary_line),
            "the glossary entry 'Tony Bennett' has no definition",
        ),
        "not_a_chapter_in_chapters": (at(book / "chapters" / "09-ninth.markdown"), "is not a fact chapter"),
    }
    return failed_make_html(book), expected


@pytest.fixture(scope="module")
def problems_before_reading(request):
    return built(request, "problems_before_reading")


@pytest.mark.parametrize(
    "problem", ["not_utf8", "unclosed_fence", "glossary_entry_without_definition", "not_a_chapter_in_chapters"]
)
def test_a_problem_found_before_reading_stops_the_build_naming_file_and_line(problems_before_reading, problem):
    errors, expected = problems_before_reading
    assert_named(errors, expected[problem])


def test_the_build_stops_before_reading_having_told_every_problem(problems_before_reading):
    errors, expected = problems_before_reading
    assert len(errors) == len(expected), errors


def swap_first_two_in_the_toctree(book):
    """List the chapters in index.md's numbered toctree by hand, the first two swapped; their paths."""
    paths = sorted((book / "chapters").glob("*.md"))
    paths[0], paths[1] = paths[1], paths[0]
    index = book / "index.md"
    text = index.read_text(encoding="utf-8")
    assert ":glob:\n\nchapters/*\n" in text
    index.write_text(
        text.replace(":glob:\n\nchapters/*\n", "\n" + "".join(f"chapters/{path.stem}\n" for path in paths)),
        encoding="utf-8",
    )
    return paths[:2]


@in_background("problems_in_the_read_book")
def break_the_read_book(folder):
    """The errors of `make html` in a book broken in several files, each in a way found once the book is read."""
    book = copy_book(folder / "book")
    last = chapter(book, "08")
    gap = last.rename(last.with_name("09" + last.name[2:]))
    gap.write_text(
        re.sub(r"^fact: 8$", "fact: 9", gap.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8"
    )
    second, third = chapter(book, "02"), chapter(book, "03")
    heading_line = append(second, "\n# Another Title\n\nText.\n") + 1
    misfiled = second.read_text(encoding="utf-8").replace("Coachella, places; Coachella", "Coachella, place; Coachella")
    second.write_text(misfiled, encoding="utf-8")
    misfiled_line = misfiled[: misfiled.index("place; Coachella")].count("\n") + 1
    fourth = chapter(book, "04")
    script_line = append(fourth, "\n<script>alert(1)</script>\n") + 1
    fifth = chapter(book, "05")
    typed_line = append(fifth, "\nAs Fact 12 shows, the roses mattered.\n") + 1
    surname_line = append(fifth, "\nKristofferson was not there.\n") + 1
    first, seventh = chapter(book, "01"), chapter(book, "07")
    append(seventh, "\n(the-lessons)=\n## The lessons\n\nText.\n")
    unlinked_line = append(seventh, "\nWhether Sam\nElliott took lessons, the article does not say.\n") + 1
    numref_line = append(first, "\nAs {numref}`the-lessons` tells.\n") + 1
    named_line = append(first, "\nAs {numref}`Chapter %s <fact-glastonbury>` tells.\n") + 1
    sixth = chapter(book, "06")
    file_link_line = append(sixth, "\nThe book's [Makefile](../Makefile) says how it is made.\n") + 1
    toctree_line = append(sixth, "\n```{toctree}\n05-first-scene-shot\n```\n") + 1
    title_line = 6
    lines = fifth.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[title_line - 1] = lines[title_line - 1].rstrip("\n") + ", Unlike {numref}`fact-glastonbury`\n"
    fifth.write_text("".join(lines), encoding="utf-8")
    people = book / "people.md"
    people.write_text("---\norphan: true\n---\n" + people.read_text(encoding="utf-8"), encoding="utf-8")
    person_line = glossary_entry_added(book, "Nobody In Particular\n   Real person, named by no chapter.\n")
    (book / "snippets").mkdir()
    included = book / "snippets" / "born.md"
    included.write_text(
        "She was born in 1986.\nShe sang\x08 at twenty.\n\n{.d-none}\nHidden.\n\nLibatique filmed it.\n",
        encoding="utf-8",
    )
    append(fourth, "\n```{include} ../snippets/born.md\n```\n")
    outside = folder / "outside.md"
    outside.write_text("Text kept beside the book, not in it.\n", encoding="utf-8")
    append(seventh, "\n```{include} ../../outside.md\n```\n")
    (book / "images").mkdir(exist_ok=True)
    script_as_png = book / "images" / "star.png"
    script_as_png.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', encoding="utf-8")
    append(third, "\n![A gold star](../images/star.png)\n")
    swapped_first, swapped_second = swap_first_two_in_the_toctree(book)
    expected = {
        "gap_in_the_numbers": (at(gap), "is fact 9, but fact 8 is missing"),
        "chapter_out_of_place_in_the_toctree": (
            at(swapped_first),
            "is fact 2 but stands at place 1 in the numbered toctree",
        ),
        "second_top_level_heading": (at(second, heading_line), "a second top-level heading ('Another Title')"),
        "numbers_readers_would_see": (at(third), "is fact 3, but readers would see it as fact 4"),
        "raw_html": (at(fourth, script_line), "raw html ('<script>alert(1)</script>') is refused"),
        "fact_number_typed_by_hand": (at(fifth, typed_line), "'Fact 12' is a fact's number typed by hand"),
        "link_to_a_file": (at(sixth, file_link_line), "the link to the file '../Makefile' is refused"),
        "numref_to_a_subheading": (at(first, numref_line), "{numref}`the-lessons` points to a heading below a title"),
        "toctree_in_a_chapter": (at(sixth, toctree_line), "a table of contents belongs to index.md alone"),
        "reference_in_a_heading": (at(fifth, title_line), "the {numref} in a heading would show as 'fact-glastonbury'"),
        "page_left_out_of_the_toctrees": (at(people), "is marked 'orphan', a page of the HTML alone"),
        "control_character_in_an_included_file": (at(included, 2), "holds the control character U+0008"),
        "class_in_an_included_file": (at(included, 4), "the class 'd-none' is refused"),
        "index_entry_under_a_group_the_book_has_not": (
            at(second, misfiled_line),
            "the index entry 'place; Coachella' is filed under 'place', which is not one of the index's groups",
        ),
        "person_named_without_a_link_in_an_included_file": (
            at(included, 7),
            "names 'Libatique' without a link to the glossary",
        ),
        "file_included_from_outside_the_book": (at(seventh), f"includes {outside}, from outside the book's folder"),
        "person_no_chapter_references": (
            at(book / "people.md", person_line),
            "'Nobody In Particular' is referenced by no fact chapter",
        ),
        "image_not_what_its_name_says": (
            at(script_as_png),
            "is named a PNG image, but is not an image Pillow reads whole",
        ),
        "fact_named_otherwise": (
            at(first, named_line),
            "{numref}`Chapter %s <fact-glastonbury>` names the fact in words of its own, where every other reference "
            "prints 'Fact N'",
        ),
        "person_named_without_a_link": (
            at(seventh, unlinked_line),
            "names 'Sam Elliott' without a link to the glossary",
        ),
        "person_named_by_surname_without_a_link": (
            at(fifth, surname_line),
            "names 'Kristofferson' without a link to the glossary, so their 'Appears in' list would leave this fact "
            "out: write {term}`Kristofferson <Kris Kristofferson>` at the first mention",
        ),
    }
    assert swapped_second.name.startswith("01-")
    return failed_make_html(book), expected


@pytest.fixture(scope="module")
def problems_in_the_read_book(request):
    return built(request, "problems_in_the_read_book")


@pytest.mark.parametrize(
    "problem",
    [
        "gap_in_the_numbers",
        "chapter_out_of_place_in_the_toctree",
        "second_top_level_heading",
        "numbers_readers_would_see",
        "raw_html",
        "fact_number_typed_by_hand",
        "link_to_a_file",
        "numref_to_a_subheading",
        "toctree_in_a_chapter",
        "reference_in_a_heading",
        "page_left_out_of_the_toctrees",
        "control_character_in_an_included_file",
        "class_in_an_included_file",
        "index_entry_under_a_group_the_book_has_not",
        "person_named_without_a_link_in_an_included_file",
        "file_included_from_outside_the_book",
        "person_no_chapter_references",
        "image_not_what_its_name_says",
        "person_named_without_a_link",
        "person_named_by_surname_without_a_link",
        "fact_named_otherwise",
    ],
)
def test_a_problem_in_the_read_book_stops_the_build_naming_file_and_line(problems_in_the_read_book, problem):
    errors, expected = problems_in_the_read_book
    assert_named(errors, expected[problem])

"""The book's rules, tested in process, in milliseconds a case: which files are
fact chapters and what numbers they carry (``book_core.model``), how a source is
decoded and which fences, classes and glossary entries are wrong
(``book_core.sources``), and what in a read document stops the build
(``book_core.checks``: raw HTML, a fact's number typed by hand, a link
markdown-it refuses and so prints as typed, a refused character an entity
writes, an image file that is not what its name says, a missing, empty or second
top-level heading, a heading without its label, a cross-reference in a heading,
a toctree outside the front page or naming what is not a page); and, of the HTML
edition, the titles the theme prints as read are escaped.

These are the functions the build itself calls, imported from _ext/book_core and
fed small texts, folders and documents that MyST parses as the build does.
Each rule is also held to the real book: none of them finds fault with it.
That the build applies them, stops, and names the file and line, is proved by
a few failing builds in test_whole_book and test_rebuilds.
"""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import PIL.Image
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser
from sphinx import addnodes

from book import BOOK, CONF, glossary_line
from book_core.checks import (
    COVER_DRAWING,
    DRAWN_FROM_THE_COVER,
    cover_problems,
    document_problems,
    image_problems,
    names,
    unprinted_settings,
    what_stands,
)
from book_core.facts import prose
from book_core.index import filed_titles, filed_under, index_entry_problem, index_groups_problem, set_as
from book_core.model import (
    LABEL,
    Problem,
    chapter_files,
    fact_counts,
    fact_label,
    fact_number,
    facts_in_order,
    file_number,
    front_matter_number,
    is_fact,
    number_in_words,
    numbering_problems,
    reading_order,
)
from book_core.numbering import FactHeadings, toctree_problems
from book_core.sources import (
    SourceError,
    fences,
    front_matter,
    glossary_entries,
    glossary_problems,
    read_source,
    text_problems,
)
from epub_edition import language_tag
from html_edition.previews import inline_html
from html_edition.theme_titles import escape_theme_titles

CONFIG = SimpleNamespace(numfig_format=CONF["numfig_format"], root_doc=CONF["root_doc"], project=CONF["project"])
SOURCES = sorted(
    path.relative_to(BOOK).as_posix() for pattern in CONF["include_patterns"] for path in BOOK.glob(pattern)
)


def problems_as_text(problems):
    return [str(problem) for problem in problems]


# --- the book model: chapters, numbers, labels, order ------------------------


def test_a_problem_names_its_file_and_line_as_an_editor_jumps_to_them():
    assert str(Problem("chapters/02-glastonbury.md", 7, "wrong")) == "chapters/02-glastonbury.md:7: wrong"
    assert str(Problem("chapters/09-drafts", None, "wrong")) == "chapters/09-drafts: wrong"


def test_every_document_in_chapters_and_no_other_is_a_fact():
    assert is_fact("chapters/02-glastonbury")
    assert not is_fact("index") and not is_fact("people") and not is_fact("genindex")


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("02-glastonbury.md", 2),
        ("10-a-tenth-fact.md", 10),
        ("99-last.md", 99),
        ("01-star2.md", 1),
        ("2-glastonbury.md", None),
        ("100-glastonbury.md", None),
        ("02_glastonbury.md", None),
        ("02-Glastonbury.md", None),
        ("02-glastonbury-.md", None),
        ("02-glaston--bury.md", None),
        ("02-.md", None),
        ("02-glastonbury.markdown", None),
        ("02-glastonbury.md.txt", None),
    ],
)
def test_a_chapters_number_is_the_two_digits_of_a_file_named_nn_slug_md(name, number):
    assert file_number(name) == number


@pytest.mark.parametrize(
    ("value", "number"), [(3, 3), ("3", 3), ("03", 3), (None, None), ("three", None), ("", None), ("3.5", None)]
)
def test_the_front_matters_fact_value_gives_a_number_or_none(value, number):
    assert fact_number(value) == number


def test_a_facts_label_joins_word_and_number_with_a_no_break_space():
    assert fact_label(CONFIG, 7) == "Fact\N{NO-BREAK SPACE}7"
    assert fact_label(CONFIG, (7,)) == "Fact\N{NO-BREAK SPACE}7"  # as Sphinx's section numbers come
    assert fact_label(CONFIG, [7]) == "Fact\N{NO-BREAK SPACE}7"  # as a section title's node holds its number
    assert fact_label(CONFIG, (2, 1)) == "Fact\N{NO-BREAK SPACE}2.1"


def test_the_label_line_is_read_as_the_build_reads_it():
    text = "(fact-roses)=\n# Roses\n\n(fact-trailing)=  \nSee (fact-inline)= here.\n(fact-two words)=\n(people)=\n"
    assert LABEL.findall(text) == ["fact-roses", "fact-trailing"]


def environment(toctrees, metadata=None):
    """What the model reads of a build's environment: the toctrees each document includes, and front matters."""
    return SimpleNamespace(config=CONFIG, toctree_includes=toctrees, metadata=metadata or {})


def test_the_reading_order_follows_the_toctrees_depth_first_from_the_front_page():
    env = environment(
        {
            "index": ["chapters/01-a", "chapters/02-b", "people"],
            "chapters/01-a": ["chapters/01-a-notes"],
            "people": ["genindex"],
        }
    )
    assert reading_order(env) == [
        "index",
        "chapters/01-a",
        "chapters/01-a-notes",
        "chapters/02-b",
        "people",
        "genindex",
    ]
    assert reading_order(env, "people") == ["people", "genindex"]
    assert facts_in_order(env) == ["chapters/01-a", "chapters/01-a-notes", "chapters/02-b"]


def test_the_number_a_front_matter_states_is_read_from_the_builds_metadata():
    env = environment({}, {"chapters/01-a": {"fact": "1"}, "chapters/02-b": {}, "chapters/03-c": {"fact": "x"}})
    assert [
        front_matter_number(env, name) for name in ["chapters/01-a", "chapters/02-b", "chapters/03-c", "chapters/04-d"]
    ] == [1, None, None, None]


@pytest.fixture
def chapters_copy(tmp_path):
    """A folder holding a copy of the book's chapters/, and nothing else."""
    shutil.copytree(BOOK / "chapters", tmp_path / "chapters")
    return tmp_path


def test_chapters_holds_the_books_eight_facts_and_nothing_else():
    chapters, problems = chapter_files(BOOK)
    assert problems == []
    assert [path.name for path in chapters] == sorted(path.name for path in (BOOK / "chapters").glob("*.md"))
    assert len(chapters) == 8


def test_editor_and_system_files_in_chapters_are_neither_chapters_nor_problems(chapters_copy):
    folder = chapters_copy / "chapters"
    for name in [
        "._01-mourning-during-the-finale.md",
        ".DS_Store",
        ".01-mourning-during-the-finale.md.swp",
        "01-mourning-during-the-finale.md~",
        "#01-mourning-during-the-finale.md#",
    ]:
        (folder / name).write_bytes(b"\x00\x05\x16\x07\xff")
    chapters, problems = chapter_files(chapters_copy)
    assert problems == []
    assert [path.name for path in chapters] == [path.name for path in chapter_files(BOOK)[0]]


def test_anything_else_in_chapters_is_a_problem_named_by_its_path(chapters_copy):
    folder = chapters_copy / "chapters"
    (folder / "09-ninth.markdown").write_text("---\nfact: 9\n---\n\n(fact-ninth)=\n# Ninth\n", encoding="utf-8")
    (folder / "09-drafts").mkdir()
    os.symlink("nowhere.md", folder / "09-gone.md")
    outside = chapters_copy.parent / "10-elsewhere.md"
    shutil.copy(next(folder.glob("01-*.md")), outside)
    os.symlink(outside, folder / "10-elsewhere.md")
    chapters, problems = chapter_files(chapters_copy)
    assert len(chapters) == 8
    assert [(problem.path, problem.line) for problem in problems] == [
        ("chapters/09-drafts", None),
        ("chapters/09-gone.md", None),
        ("chapters/09-ninth.markdown", None),
        ("chapters/10-elsewhere.md", None),
    ]
    drafts, gone, ninth, elsewhere = (problem.message for problem in problems)
    assert drafts.startswith("is not a file")
    assert gone.startswith("is a link to nowhere.md, which does not exist")
    assert ninth.startswith("is not a fact chapter") and "rename it to .md" in ninth
    assert elsewhere.startswith(f"is a link to {outside}, outside the book's folder")


def test_a_book_without_chapters_is_told_where_the_facts_live(tmp_path):
    assert problems_as_text(chapter_files(tmp_path)[1]) == [
        "chapters: is missing: the facts live in chapters/NN-slug.md"
    ]


def book_numbers(**changes):
    """The book's chapters as numbering_problems reads them (file name: front-matter number), changed."""
    numbers = {path.name: int(path.name[:2]) for path in (BOOK / "chapters").glob("*.md")}
    for name, number in changes.items():
        numbers.pop(next((old for old in numbers if old.split("-", 1)[1] == name.split("-", 1)[1]), None), None)
        if number is not False:
            numbers[name] = number
    return numbers


def test_the_books_numbers_run_one_to_eight_with_no_problem():
    assert sorted(book_numbers().values()) == list(range(1, 9))
    assert numbering_problems(book_numbers()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"09-camera-and-character.md": 9},
            [("09-camera-and-character.md", "is fact 9, but fact 8 is missing: facts run 1, 2, 3, ... with no gap")],
        ),
        (
            {"07-music-lessons.md": False, "08-camera-and-character.md": False, "09-extra.md": 9},
            [("09-extra.md", "is fact 9, but facts 7 to 8 are missing: facts run 1, 2, 3, ... with no gap")],
        ),
        (
            {"02-roses-in-the-truck.md": 2},
            [
                (
                    "02-glastonbury.md",
                    "fact 2 is claimed by more than one chapter: 02-glastonbury.md, 02-roses-in-the-truck.md",
                ),
                (
                    "02-roses-in-the-truck.md",
                    "fact 2 is claimed by more than one chapter: 02-glastonbury.md, 02-roses-in-the-truck.md",
                ),
                ("04-allys-struggles.md", "is fact 4, but fact 3 is missing: facts run 1, 2, 3, ... with no gap"),
            ],
        ),
        (
            {"04-allys-struggles.md": 5},
            [
                ("04-allys-struggles.md", "the file name says fact 4 but the front matter says fact: 5"),
                (
                    "04-allys-struggles.md",
                    "fact 5 is claimed by more than one chapter: 04-allys-struggles.md, 05-first-scene-shot.md",
                ),
                (
                    "05-first-scene-shot.md",
                    "fact 5 is claimed by more than one chapter: 04-allys-struggles.md, 05-first-scene-shot.md",
                ),
                ("04-allys-struggles.md", "is fact 5, but fact 4 is missing: facts run 1, 2, 3, ... with no gap"),
            ],
        ),
        (
            {"06-first-take.md": None},
            [
                ("06-first-take.md", "front matter needs 'fact: N' with the fact's number"),
                ("07-music-lessons.md", "is fact 7, but fact 6 is missing: facts run 1, 2, 3, ... with no gap"),
            ],
        ),
        (
            {"6-first-take.md": 6},
            [
                (
                    "6-first-take.md",
                    "a fact chapter's file name must be 'NN-slug.md' "
                    "(two digits, 01 to 99, a hyphen, lower-case words joined by hyphens)",
                ),
                ("07-music-lessons.md", "is fact 7, but fact 6 is missing: facts run 1, 2, 3, ... with no gap"),
            ],
        ),
    ],
    ids=["gap", "wider_gap", "duplicate", "prefix_disagrees_with_front_matter", "no_number", "misnamed_file"],
)
def test_each_numbering_problem_names_the_chapter_and_says_what_is_wrong(changes, expected):
    assert numbering_problems(book_numbers(**changes)) == expected


# --- the sources as text: encoding, front matter, fences, glossary ----------


def test_every_source_of_the_book_decodes_and_meets_the_text_rules():
    assert len(SOURCES) == 10
    assert [problem for source in SOURCES for problem in text_problems(source, read_source(BOOK, source))] == []


def test_a_class_but_the_lead_is_refused_at_its_line_however_it_is_given_outside_code():
    text = (
        "{.lead}\nThe lead.\n\n{.d-none}\nHidden in the HTML.\n\n{#roses class=only-dark}\nDark mode only.\n\n"
        "```{note}\n:class: visually-hidden\nA note.\n```\n\n```markdown\n{.in-code}\n:class: in-code\n```\n\n"
        "```{code-block} python\n:class: d-none\nx = 1\n```\n\n"
        "```{note}\n---\nclass: only-light\n---\nA note.\n```\n\n"
        "```{container} invisible\nText.\n```\n\n"
        "```{figure} ../images/rose.png\n:alt: A rose\n:figclass: sr-only\n```\n\n"
        "```{eval-rst}\n.. rst-class:: hidden\n\nText.\n```\n\n"
        "A class: prose, not an option.\n"
    )
    refused = [(p.line, p.message.split(":")[0]) for p in text_problems("chapters/02-glastonbury.md", text)]
    assert refused == [
        (4, "the class 'd-none' is refused"),
        (7, "the class 'only-dark' is refused"),
        (11, "the class 'visually-hidden' is refused"),
        (21, "the class 'd-none' is refused"),
        (27, "the class 'only-light' is refused"),
        (32, "the class 'invisible' is refused"),
        (38, "the class 'sr-only' is refused"),
        (42, "the class 'hidden' is refused"),
    ]


def test_a_page_gives_no_myst_setting_of_its_own_but_its_html_meta():
    """An extension enabled for one page (attrs_inline) lets a span take a class the HTML theme hides:
    "[unsigned]{.d-none}" was shown by the EPUB and the PDF alone."""
    settings = "---\nfact: 2\nmyst:\n  enable_extensions: [attrs_inline]\n  html_meta:\n    keywords: roses\n---\n"
    text = settings + "\n[Ally's card was unsigned]{.d-none}\n"
    assert problems_as_text(text_problems("chapters/02-glastonbury.md", text)) == [
        "chapters/02-glastonbury.md:3: the MyST setting 'enable_extensions' is refused in a page's front matter: "
        "conf.py's myst_ settings are the book's, alike for every page (html_meta alone may be given here)"
    ]
    assert text_problems("chapters/02-glastonbury.md", "---\nmyst:\n  html_meta:\n    keywords: roses\n---\n") == []


def test_a_picture_drawn_from_the_cover_before_its_drawing_changed_is_refused(tmp_path):
    for path in (COVER_DRAWING, *DRAWN_FROM_THE_COVER):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BOOK / path, tmp_path / path)
    assert cover_problems(tmp_path) == []
    drawing = tmp_path / COVER_DRAWING
    drawing.write_text(drawing.read_text(encoding="utf-8") + "<!-- redrawn -->\n", encoding="utf-8")
    expected = [
        f"{picture}: was not drawn from {COVER_DRAWING} as it is: run scripts/render_cover.py"
        for picture in DRAWN_FROM_THE_COVER
    ]
    assert problems_as_text(cover_problems(tmp_path)) == expected
    (tmp_path / DRAWN_FROM_THE_COVER[0]).unlink()
    assert problems_as_text(cover_problems(tmp_path)) == expected


def test_a_byte_order_mark_is_dropped_as_the_build_drops_it(tmp_path):
    (tmp_path / "page.md").write_bytes(b"\xef\xbb\xbf# Title\n")
    assert read_source(tmp_path, "page.md") == "# Title\n"


@pytest.mark.parametrize(
    ("data", "place", "detail"),
    [
        ("---\nfact: 2\n---\n\nAt Glastonbüry.\n".encode("latin-1"), "page.md:5:", "byte 0xfc at column 12"),
        ("# Title\n".encode("utf-16"), "page.md:1:", "byte 0xff at column 1"),
        (b"one\ntwo\n\x80three\n", "page.md:3:", "byte 0x80 at column 1"),
    ],
    ids=["latin1", "utf16", "stray_byte"],
)
def test_a_source_that_is_not_utf8_is_refused_at_its_line_and_column(tmp_path, data, place, detail):
    (tmp_path / "page.md").write_bytes(data)
    with pytest.raises(SourceError) as refused:
        read_source(tmp_path, "page.md")
    assert str(refused.value) == f"{place} is not valid UTF-8 ({detail}): save the file with the UTF-8 encoding"
    assert refused.value.problem.line == int(place.split(":")[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# T\n\nA \x01 here.\n", ["page.md:3: holds the control character U+0001 at column 3"]),
        ("# T\n\nA page\x0cbreak.\n", ["page.md:3: holds the control character U+000C at column 7"]),
        ("# T\n\nA\x85next line.\n", ["page.md:3: holds the control character U+0085 at column 2"]),
        ("# T\n\nCafe\u0301 \x01 here.\n", ["page.md:3: holds the control character U+0001 at column 7"]),
        ("# Why \u202edesserts Matter\n", ["page.md:1: holds the control character U+202E at column 7"]),
        ("# T\n\nAs Fact\u200b2 tells.\n", ["page.md:3: holds the control character U+200B at column 8"]),
        ("# T\n\nA word\ufeffjoined.\n", ["page.md:3: holds the control character U+FEFF at column 7"]),
        ("# T\n\nGlaston\u2028bury.\n", ["page.md:3: holds the control character U+2028 at column 8"]),
        (
            "# T\n\nAn \u2067isolate\u2069.\n",
            [
                "page.md:3: holds the control character U+2067 at column 4",
                "page.md:3: holds the control character U+2069 at column 12",
            ],
        ),
    ],
    ids=[
        "start_of_heading",
        "form_feed",
        "c1_next_line",
        "after_a_combining_accent",
        "right_to_left_override",
        "zero_width_space_in_a_facts_number",
        "no_break_zero_width_in_a_word",
        "line_separator",
        "right_to_left_isolate",
    ],
)
def test_a_control_character_is_refused_at_its_line_and_column_in_the_file(text, expected):
    assert problems_as_text(text_problems("page.md", text)) == [
        f"{problem}, which no edition shows as written: remove it" for problem in expected
    ]


def test_a_refused_line_separator_leaves_the_later_lines_numbered_as_myst_numbers_them():
    text = "# T\n\nGlaston\u2028bury.\r\n\n:::{note}\nNever closed.\n"
    assert [str(problem).split(": ")[0] for problem in text_problems("page.md", text)] == ["page.md:3", "page.md:5"]


def test_tabs_and_both_line_endings_are_text():
    assert text_problems("page.md", "# T\r\n\n\tIndented.\r\n") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("---\nfact: 3\n---\n\n# Roses\n", {"fact": 3}),
        ("\ufeff---\nfact: 3\n---\n", {}),  # as read_source leaves no mark, MyST finds none here either
        ("# Roses\n\n---\nfact: 3\n---\n", {}),
        ("---\nfact: [3\n---\n", {}),
        ("---\n- 3\n---\n", {}),
        ("", {}),
    ],
    ids=["front_matter", "after_a_mark", "not_at_the_start", "not_yaml", "not_a_mapping", "empty"],
)
def test_the_front_matter_is_found_and_parsed_as_myst_does(text, found):
    assert front_matter(text) == found


def test_fences_are_found_nested_and_not_inside_literal_text():
    lines = [
        "::::{note}",
        ":::{tip}",
        "```{code} md",
        ":::{warning}",
        "```",
        ":::",
        "::::",
        "``` with `backticks` is inline code",
        "~~~",
        "~~~",
    ]
    found = [(fence.line, fence.marker, fence.info, fence.closed) for fence in fences(lines)]
    assert found == [
        (1, "::::", "{note}", True),
        (2, ":::", "{tip}", True),
        (3, "```", "{code} md", True),
        (9, "~~~", "", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# T\n\n:::{note}\nA note never closed.\n\nMore text.\n",
            [
                "page.md:3: the fence ':::{note}' opened here is never closed: end it with a line ':::', "
                "or everything after it is published inside it"
            ],
        ),
        ("# T\n\n```{tip}\nA tip never closed.\n", ["page.md:3: the fence '```{tip}' opened here is never closed"]),
        (
            "# T\n\n::::{note}\n:::{tip}\nInner, never closed.\n::::\n",
            ["page.md:4: the fence ':::{tip}' opened here is never closed"],
        ),
        ("# T\n\n```python\ncode\n:::\n", ["page.md:3: the fence '```python' opened here is never closed"]),
        ("# T\n\n:::{note}\nclosed by a longer marker\n::::\n", []),
        ("# T\n\n```{code} md\n:::{note}\nnever closed, but text of the code block\n```\n", []),
        ("# T\n\n:::{note}\n```\nclosed\n```\n:::\n", []),
    ],
    ids=[
        "colon_fence",
        "backtick_directive",
        "inner_fence_in_a_closed_one",
        "other_marker_does_not_close",
        "longer_marker_closes",
        "fence_inside_literal_directive",
        "closed",
    ],
)
def test_an_unclosed_fence_is_told_at_the_line_it_opens(text, expected):
    found = problems_as_text(text_problems("page.md", text))
    assert len(found) == len(expected)
    assert all(problem.startswith(prefix) for problem, prefix in zip(found, expected, strict=True)), found


PEOPLE = (BOOK / "people.md").read_text(encoding="utf-8")


def people_line(term):
    """The line of `term` in the glossary of people."""
    return glossary_line(PEOPLE, term)


def definition_dropped(term):
    """The glossary of people with `term`'s definition removed; the problem at the term's line."""
    lines = PEOPLE.splitlines(keepends=True)
    del lines[people_line(term)]
    return "".join(lines), [
        (
            people_line(term),
            f"the glossary entry {term!r} has no definition: indent its definition on the lines below it",
        )
    ]


def last_entry_without_definition():
    body = PEOPLE.rsplit(":::{glossary}\n", 1)[1].split("\n:::", 1)[0]
    last = [line.partition(" : ")[0] for line in body.splitlines() if line and not line[0].isspace()][-1]
    return definition_dropped(last)


def entry_run_on():
    """Lady Gaga's entry written straight below the definition above it."""
    line = people_line("Lady Gaga")
    return PEOPLE.replace("\n\nLady Gaga\n", "\nLady Gaga\n", 1), [
        (line - 1, "the glossary entry 'Lady Gaga' needs an empty line above it")
    ]


def entry_defined_twice():
    """Lady Gaga again, in lower case, as the glossary's last entry."""
    assert PEOPLE.endswith("\n:::\n")
    text = PEOPLE.removesuffix(":::\n") + "\nlady gaga\n   Again.\n:::\n"
    return text, [
        (
            len(PEOPLE.splitlines()) + 1,
            f"the glossary entry 'lady gaga' is already defined on line {people_line('Lady Gaga')}: merge the two",
        )
    ]


@pytest.mark.parametrize(
    "edit",
    [lambda: definition_dropped("Tony Bennett"), last_entry_without_definition, entry_run_on, entry_defined_twice],
    ids=["no_definition", "last_entry_without_definition", "run_on", "defined_twice"],
)
def test_a_misformed_glossary_entry_is_told_at_its_own_line(edit):
    text, expected = edit()
    assert [(problem.path, problem.line, problem.message) for problem in glossary_problems("people.md", text)] == [
        ("people.md", line, message) for line, message in expected
    ]


def test_a_term_with_aliases_and_glossary_options_is_one_well_formed_entry():
    text = ":::{glossary}\n:sorted:\n\nTony Bennett\nAnthony Benedetto\n   A singer.\n\nLady Gaga\n   Another.\n:::\n"
    assert glossary_problems("people.md", text) == []


def test_a_person_filed_surname_first_is_named_by_the_surname_too():
    text = (
        ":::{glossary}\nBradley Cooper : Cooper, Bradley\n   An actor.\n\n"
        "Sonja Durham's husband : Durham, Sonja, husband of\n   Not named.\n\nAlly\n   A character.\n\n"
        "Lars Ulrich : , Lars\n   A drummer, filed under no surname.\n:::\n"
    )
    assert [entry.surnames for entry in glossary_entries(text)] == [["Cooper"], [], [], []]


def test_a_terms_classifier_is_not_part_of_the_term():
    text = ":::{glossary}\nLars Ulrich : drummer\n   A drummer.\n\nlars ulrich\n   Again.\n:::\n"
    assert [entry.terms for entry in glossary_entries(text)] == [[(2, "Lars Ulrich")], [(5, "lars ulrich")]]
    assert problems_as_text(glossary_problems("people.md", text)) == [
        "people.md:5: the glossary entry 'lars ulrich' is already defined on line 2: merge the two"
    ]


def test_a_term_is_read_as_its_text_without_its_marks_of_emphasis():
    text = ":::{glossary}\n*Renée* Test\n   A test.\n\n**The** `Fame`\n   An album.\n:::\n"
    assert [entry.terms for entry in glossary_entries(text)] == [[(2, "Renée Test")], [(5, "The Fame")]]


# --- what stops the build in a read document ---------------------------------


class Environment:
    """What document_problems reads of a build's environment: the book's folder and settings."""

    srcdir = BOOK
    config = CONFIG

    def doc2path(self, docname, base=True):
        path = Path(f"{docname}.md")
        return self.srcdir / path if base else path


def read_document(docname, text):
    """The doctree MyST makes of `text` as the source of `docname`, with the book's MyST extensions, as
    Sphinx reads it (the title left a section); Sphinx's own roles go unresolved, which these rules ignore."""
    return publish_doctree(
        text,
        source_path=str(BOOK / f"{docname}.md"),
        parser=Parser(),
        settings_overrides={
            "myst_enable_extensions": CONF["myst_enable_extensions"],
            "doctitle_xform": False,
            "report_level": 5,
            "halt_level": 5,
            "warning_stream": False,
        },
    )


def problems_in(docname, text):
    return problems_as_text(document_problems(Environment(), docname, read_document(docname, text)))


@pytest.mark.parametrize("source", SOURCES)
def test_no_source_of_the_book_breaks_a_rule_of_the_read_document(source):
    assert problems_in(source.removesuffix(".md"), (BOOK / source).read_text(encoding="utf-8")) == []


CHAPTER = "chapters/02-glastonbury"
LEAD = "---\nfact: 2\n---\n\n(fact-glastonbury)=\n# The Person Who Filmed\n{.lead}\nText.\n"  # the title on line 6


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        (
            "\n# Another Title\n\nText.\n",
            "chapters/02-glastonbury.md:10: a second top-level heading ('Another Title') would make a fact of its own "
            "and renumber every later fact: a fact chapter has one '# ' heading; use '## ' below it",
        ),
        (
            "\nAnother Title\n=============\n\nText.\n",
            "chapters/02-glastonbury.md:10: a second top-level heading ('Another Title') would make a fact",
        ),
        (
            "\nAs Fact 12 shows, the roses mattered.\n",
            "chapters/02-glastonbury.md:10: 'Fact 12' is a fact's number typed by hand, which no renumbering would "
            "follow: write {numref}`fact-…` instead",
        ),
        ("\nAs Fact\n8 tells.\n", "chapters/02-glastonbury.md:10: 'Fact 8' is a fact's number typed by hand"),
        ("\nAs Fact\\\n8 tells.\n", "chapters/02-glastonbury.md:10: 'Fact 8' is a fact's number typed by hand"),
        ("\nAs fact 3 tells.\n", "chapters/02-glastonbury.md:10: 'fact 3' is a fact's number typed by hand"),
        ("\nAs Fact three tells.\n", "chapters/02-glastonbury.md:10: 'Fact three' is a fact's number typed by"),
        ("\nAs Fact Twenty-One will.\n", "chapters/02-glastonbury.md:10: 'Fact Twenty-One' is a fact's number"),
        ("\nAs Facts 2 and 3 show.\n", "chapters/02-glastonbury.md:10: 'Facts 2' is a fact's number typed by hand"),
        ("\nAs Fact #3 tells.\n", "chapters/02-glastonbury.md:10: 'Fact #3' is a fact's number typed by hand"),
        ("\nAs Fact No. 3 tells.\n", "chapters/02-glastonbury.md:10: 'Fact No. 3' is a fact's number typed by"),
        ("\nSee {term}Lady Gaga.\n", "chapters/02-glastonbury.md:10: '{term}' would print as typed: a role takes"),
        ("\nSee {numref}‘fact-roses’.\n", "chapters/02-glastonbury.md:10: '{numref}' would print as typed"),
        ("\nSee {term}`Lady Gaga.\n", "chapters/02-glastonbury.md:10: '{term}' would print as typed"),
        ("\nMore[^note].\n\n[^note]:\n", "chapters/02-glastonbury.md:12: the footnote [^note] has no text"),
        ("\nText.\n\n## \n\nMore.\n", "chapters/02-glastonbury.md:12: this heading is empty: write its text"),
        ("\n{.lead}\nAnother.\n", "chapters/02-glastonbury.md:11: a page has one lead, its opening paragraph"),
        ("\nAs told in Fact 3.\n", "chapters/02-glastonbury.md:10: 'Fact 3' is a fact's number typed by hand"),
        ("\nAs told IN FACT 3.\n", "chapters/02-glastonbury.md:10: 'FACT 3' is a fact's number typed by hand"),
        ("\nAs FACTS 2 and 3 show.\n", "chapters/02-glastonbury.md:10: 'FACTS 2' is a fact's number typed by hand"),
        ("\nAs shown in facts 2 and 3.\n", "chapters/02-glastonbury.md:10: 'facts 2' is a fact's number typed by"),
        (
            "\n:::{note}\nAs *Fact\N{NO-BREAK SPACE}3* says.\n:::\n",
            "chapters/02-glastonbury.md:11: 'Fact 3' is a fact's number typed by hand",
        ),
    ],
    ids=[
        "second_atx_heading",
        "second_setext_heading",
        "fact_number_typed",
        "fact_number_typed_across_lines",
        "fact_number_typed_across_a_hard_line_break",
        "fact_number_typed_in_lower_case",
        "fact_number_typed_in_words",
        "fact_number_typed_in_words_with_a_hyphen",
        "fact_numbers_typed_together",
        "fact_number_typed_after_a_number_sign",
        "fact_number_typed_after_no",
        "role_without_backticks",
        "role_in_curly_quotes",
        "role_without_its_closing_backtick",
        "empty_footnote",
        "empty_heading",
        "second_lead",
        "fact_number_typed_after_in",
        "fact_number_typed_in_capitals_after_in",
        "fact_numbers_typed_in_capitals",
        "fact_numbers_typed_after_in",
        "fact_number_typed_in_a_note",
    ],
)
def test_a_fact_chapter_is_refused_a_second_or_empty_heading_and_what_would_print_as_typed(added, expected):
    (problem,) = problems_in(CHAPTER, LEAD + added)
    assert problem.startswith(expected)


def test_braces_in_prose_that_name_no_role_of_the_book_are_text():
    assert problems_in(CHAPTER, LEAD + "\nShe sang it {sic} twice, and {term} is a word here too.\n") != []
    assert problems_in(CHAPTER, LEAD + "\nShe sang it {sic} twice, {live} and {encore}.\n") == []
    assert problems_in(CHAPTER, LEAD + "\nTo link a name, write \\{term\\}\\`Lady Gaga\\`.\n") == []


def test_in_fact_before_a_number_is_no_facts_number():
    assert problems_in(CHAPTER, LEAD + "\nIn fact 20 people came, in fact\n30.\n") == []
    assert problems_in(CHAPTER, LEAD + "\nIn fact twenty came; the fact three stayed; Facts one may not know.\n") == []


@pytest.mark.parametrize(
    "above",
    ["A note on {index}`Haus of Gaga`.\n", ":::{index} Haus of Gaga\n:::\n", "A note.\n\n---\n"],
    ids=["paragraph_with_an_index_entry", "index_directive", "paragraph_and_rule"],
)
def test_nothing_but_labels_and_comments_stands_above_a_pages_title(above):
    text = f"(people)=\n% A comment.\n{above}\n# People\n\nText.\n"
    assert problems_in("people", text)[0].startswith("people.md:3: ")
    assert "stands above the page's title" in problems_in("people", text)[0]
    assert problems_in("people", "(people)=\n% A comment.\n\n# People\n\nText.\n") == []


def test_what_stands_above_a_title_is_named_by_its_text_or_else_by_what_it_is():
    assert what_stands(nodes.paragraph("", "A note.")) == "'A note.'"
    assert what_stands(addnodes.index(entries=[("single", "Haus of Gaga", "index-0", "", None)])) == "an index entry"
    assert what_stands(nodes.transition()) == "a transition"
    assert problems_in("people", "(people)=\n% A comment.\n\n# People\n\nText.\n") == []


def test_only_fact_chapters_are_held_to_one_heading_and_code_may_show_a_facts_number():
    text = "# People\n\nSee `Fact 3`.\n\n```\nFact 4\n```\n\n# More\n"
    assert problems_in("people", text) == []
    assert problems_in(CHAPTER, LEAD + "\nSee `Fact 3`.\n\n```\nFact 4\n```\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LEAD.replace("# ", "", 1), "chapters/02-glastonbury.md: has no title: start it with a '# ' heading"),
        ("---\nfact: 2\n---\n", "chapters/02-glastonbury.md: has no title"),
        (
            LEAD.replace("# The Person Who Filmed", "#"),
            "chapters/02-glastonbury.md:6: its title is empty: write the title after the '# '",
        ),
        (
            LEAD.replace("(fact-glastonbury)=\n", ""),
            "chapters/02-glastonbury.md:5: the fact's heading has no label: put a line '(fact-slug)=' right above it",
        ),
        (
            LEAD.replace("(fact-glastonbury)=\n", "(glastonbury)=\n"),
            "chapters/02-glastonbury.md:6: the fact's label, '(glastonbury)=', does not start with 'fact-': write "
            "'(fact-glastonbury)='",
        ),
        (LEAD.replace("{.lead}\n", ""), "chapters/02-glastonbury.md:6: the fact does not open with its lead"),
        (
            LEAD.replace("{.lead}\n", "") + "\n{.lead}\nA closing line.\n",
            "chapters/02-glastonbury.md:10: the fact does not open with its lead",
        ),
    ],
    ids=[
        "heading_marker_forgotten",
        "front_matter_only",
        "title_left_empty",
        "label_line_removed",
        "label_not_a_facts",
        "lead_unmarked",
        "lead_not_first",
    ],
)
def test_a_fact_chapter_needs_a_title_a_label_on_it_and_a_lead(text, expected):
    (problem,) = problems_in(CHAPTER, text)
    assert problem.startswith(expected)


REFUSED = "is refused: each edition would read it its own way, and it could run a script; write it in MyST"


@pytest.mark.parametrize(
    ("docname", "added", "expected"),
    [
        (
            CHAPTER,
            "\n<script>alert(1)</script>\n",
            "chapters/02-glastonbury.md:10: raw html ('<script>alert(1)</script>')",
        ),
        (
            CHAPTER,
            '\nA <span onclick="alert(1)">click</span> here.\n',
            "chapters/02-glastonbury.md:10: raw html ('<span",
        ),
        ("index", '\n<iframe src="https://example.org/"></iframe>\n', "index.md:10: raw html ('<iframe"),
        (CHAPTER, "\nA line<br>broken by hand.\n", "chapters/02-glastonbury.md:10: raw html ('<br>')"),
        (CHAPTER, '\nText in <span class="smallcaps">small capitals.\n', "chapters/02-glastonbury.md:10: raw html"),
        (
            "people",
            "\n<!-- a note to the next editor -->\n",
            "people.md:10: raw html ('<!-- a note to the next editor -->')",
        ),
        (
            CHAPTER,
            '\n```{raw} html\n<object data="movie.swf"></object>\n```\n',
            "chapters/02-glastonbury.md:10: raw html",
        ),
        (CHAPTER, "\n```{eval-rst}\n.. raw:: latex\n\n   \\newpage\n```\n", "chapters/02-glastonbury.md:11: raw latex"),
    ],
    ids=[
        "script_element",
        "event_handler_inline",
        "frame_in_the_front_page",
        "line_break",
        "tag_left_open",
        "comment",
        "raw_directive",
        "raw_restructuredtext_directive",
    ],
)
def test_raw_html_or_any_raw_output_is_refused_at_its_line(docname, added, expected):
    title = CONF["project"] if docname == CONF["root_doc"] else docname.title()
    lead = LEAD if is_fact(docname) else f"# {title}\n\n\n\n\n\n\nText.\n"  # its text from line 10
    problems = problems_in(docname, lead + added)
    assert problems[0].startswith(expected), problems
    # Inline HTML is a raw node a tag: "<span …>" and "</span>" are each named.
    assert all(problem.startswith(expected.partition(" (")[0]) and REFUSED in problem for problem in problems)


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ("\nSee [a link](javascript:alert(1)).\n", "'[a link](javascript:alert(1))' would print as typed"),
        ("\nSee [the list](file:///etc/passwd).\n", "'[the list](file:///etc/passwd)' would print as typed"),
        ("\nSee [the site](https://example.org/a page).\n", "'[the site](https://example.org/a page)' would print"),
        ("\nSee <vbscript:run>.\n", "'<vbscript:run>' would print as typed"),
        ("\nSee <https://example.org/a page>.\n", "'<https://example.org/a page>' would print as typed"),
        ("\nSee [a [b] c](javascript:run).\n", "'[a [b] c](javascript:run)' would print as typed"),
        ("\nSee [the *list*](javascript:run).\n", "'[the list](javascript:run)' would print as typed"),
        ("\nSee [the list][1].\n\n[1]: javascript:run\n", "'[the list][1]' would print as typed"),
        ("\nSee [the list][notes].\n", "'[the list][notes]' would print as typed"),
        ("\nRoses &#x202E;here.\n", "an entity writes the control character U+202E"),
        ("\nA bell &#7; rang.\n", "holds U+FFFD, the mark of a character that could not be read"),
    ],
    ids=[
        "script_link",
        "file_link",
        "address_with_a_space",
        "script_autolink",
        "autolink_with_a_space",
        "nested_brackets",
        "script_link_with_emphasis",
        "script_link_by_reference",
        "undefined_reference",
        "bidi_entity",
        "control_entity",
    ],
)
def test_a_link_markdown_it_refuses_and_an_entity_of_a_refused_character_are_refused_at_their_line(added, expected):
    (problem,) = problems_in(CHAPTER, LEAD + added)
    assert problem.startswith(f"chapters/02-glastonbury.md:10: {expected}")


@pytest.mark.parametrize(
    "added",
    [
        "\nShe asked them to think of “not just [Sonja] but how it feels to lose someone”.\n",
        "\nA [bracketed aside] (and a parenthesis) stay text.\n",
        "\nSee [the site](https://example.org/) and <https://example.org/a-page>.\n",
        "\nA note <to: the reader> and 2 < 3 > 1.\n",
    ],
    ids=["bracketed_word_in_a_quote", "brackets_then_parentheses", "links", "angle_brackets_in_prose"],
)
def test_brackets_and_links_markdown_it_reads_as_written_pass(added):
    assert problems_in(CHAPTER, LEAD + added) == []


def test_a_link_that_runs_a_script_is_refused_at_its_line():
    text = LEAD + "\n```{eval-rst}\n`Click <javascript:alert(1)>`_\n```\n"
    assert problems_in(CHAPTER, text) == [
        "chapters/02-glastonbury.md:11: the link 'javascript:alert(1)' runs a script, which the book never "
        "publishes: remove it"
    ]


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ("\nSo {math}`E = mc^2` holds.\n", "chapters/02-glastonbury.md:10: math is refused"),
        ("\n```{math}\nE = mc^2\n```\n", "chapters/02-glastonbury.md:10: math is refused"),
        (
            "\n![A rose](https://example.org/rose.png)\n",
            "chapters/02-glastonbury.md:10: the image 'https://example.org/rose.png' is not a file of the book",
        ),
        (
            "\n![A star](../images/star.svg)\n",
            "chapters/02-glastonbury.md:10: the image '../images/star.svg' is refused: save it as PNG",
        ),
        (
            "\n![A rose](../images/rose.bmp)\n",
            "chapters/02-glastonbury.md:10: the image '../images/rose.bmp' is refused: save it as PNG",
        ),
        (
            "\n![A rose](../images/Rose.JPG)\n",
            "chapters/02-glastonbury.md:10: the image '../images/Rose.JPG' is refused: save it as PNG",
        ),
        (
            "\nOne or two sentences that say what this fact is.\n",
            "chapters/02-glastonbury.md:10: the lead is still new_fact.py's placeholder",
        ),
        (
            "\n![](../images/rose.png)\n",
            "chapters/02-glastonbury.md:10: the image '../images/rose.png' has no alternative text",
        ),
        (
            "\n![A rose &#x202E;here](../images/rose.png)\n",
            "chapters/02-glastonbury.md:10: an entity writes the control character U+202E",
        ),
        (
            "\n![A rose](../images/.rose.png)\n",
            "chapters/02-glastonbury.md:10: the image '../images/.rose.png' is hidden",
        ),
    ],
    ids=[
        "math_role",
        "math_block",
        "image_from_elsewhere",
        "svg_image",
        "bmp_image",
        "image_name_in_upper_case",
        "placeholder_lead",
        "image_without_alt_text",
        "control_character_in_alt_text",
        "hidden_image",
    ],
)
def test_what_one_edition_would_show_otherwise_or_fetch_from_elsewhere_is_refused_at_its_line(added, expected):
    (problem,) = problems_in(CHAPTER, LEAD + added)
    assert problem.startswith(expected)


def test_text_for_one_edition_only_is_refused_at_its_line():
    doctree = read_document(CHAPTER, LEAD)
    only = addnodes.only(expr="pdf")
    only.source, only.line = str(BOOK / f"{CHAPTER}.md"), 10
    only += nodes.paragraph("", "In print only.")
    doctree.next_node(nodes.section).append(only)
    assert problems_as_text(document_problems(Environment(), CHAPTER, doctree)) == [
        "chapters/02-glastonbury.md:10: {only} (pdf) is refused: every edition shows the same book, and the EPUB "
        "marks the PDF's pages by the blocks both hold; write the text for all three"
    ]


def test_an_image_every_edition_shows_with_its_alternative_text_is_welcome():
    assert problems_in(CHAPTER, LEAD + "\n![Roses on the seat of a truck](../images/roses.jpg)\n") == []


def test_an_image_file_must_be_what_its_name_says(tmp_path):
    PIL.Image.new("RGB", (2, 2)).save(tmp_path / "rose.png")
    PIL.Image.new("RGB", (2, 2)).save(tmp_path / "star.png", format="JPEG")
    (tmp_path / "script.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', encoding="utf-8")
    (tmp_path / "empty.gif").write_bytes(b"")
    PIL.Image.effect_noise((64, 64), 50).save(tmp_path / "whole.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "whole.png").read_bytes()[:2000])
    camera = PIL.Image.new("RGB", (2, 2))  # a camera's JPEG with a second picture, which Pillow calls MPO
    camera.save(tmp_path / "camera.jpg", format="MPO", save_all=True, append_images=[camera])
    assert problems_as_text(
        problem
        for name in ["rose.png", "star.png", "script.png", "empty.gif", "cut.png", "camera.jpg"]
        for problem in image_problems(tmp_path, Path(name))
    ) == [
        "star.png: is named a PNG image, but is JPEG: save it as PNG",
        "script.png: is named a PNG image, but is not an image Pillow reads whole: save it as PNG",
        "empty.gif: is named a GIF image, but is not an image Pillow reads whole: save it as GIF",
        "cut.png: is named a PNG image, but is not an image Pillow reads whole: save it as PNG",
    ]


def test_an_image_too_large_to_read_safely_is_refused_not_warned_of(tmp_path):
    """Pillow warns of a picture over MAX_IMAGE_PIXELS, which reading in colour would take gigabytes for (this
    one, of one bit a pixel, is small to write and to keep)."""
    PIL.Image.new("1", (10_000, 9_000)).save(tmp_path / "huge.png")
    (problem,) = problems_as_text(image_problems(tmp_path, Path("huge.png")))
    assert problem.startswith("huge.png: has more than 89,478,485 pixels"), problem


def test_page_metadata_that_acts_on_the_browser_is_refused():
    front = '---\nfact: 2\nmyst:\n  html_meta:\n    "http-equiv=refresh": "0; url=https://example.org/"\n'
    text = LEAD.replace("---\nfact: 2\n", front, 1)
    assert problems_in(CHAPTER, text) == [
        "chapters/02-glastonbury.md: the metadata http-equiv='refresh' is refused: it acts on the reader's browser; "
        "remove it"
    ]


def test_the_front_pages_title_is_the_books_title_in_conf_py():
    text = (BOOK / "index.md").read_text(encoding="utf-8")
    retitled = text.replace("A Star Is Born", "A Star Was Born", 1)  # in the heading, the first line
    assert problems_in("index", retitled) == [
        "index.md:1: the book's title, 'A Star Was Born: Eight Facts from The Road to Stardom', is not conf.py's "
        "project, 'A Star Is Born: Eight Facts from The Road to Stardom', which every edition's metadata gives: "
        "make the two the same"
    ]


def test_a_hard_line_break_is_welcome_as_every_edition_shows_it_and_read_as_a_space():
    text = LEAD + "\nA line that ends in two spaces  \nand one in a backslash\\\nend here.\n"
    assert problems_in(CHAPTER, text) == []
    paragraph = list(read_document(CHAPTER, text).findall(nodes.paragraph))[-1]
    words = "A line that ends in two spaces and one in a backslash end here."
    assert " ".join(prose(paragraph, leaving_out=None).split()) == words  # as the search and the description read it
    assert " ".join(inline_html(paragraph).split()) == words  # as a preview shows it


def problems_with_toctree(docname, entries):
    """The problems of a document that holds, from line 12, a toctree of `entries` ((title, page or URL))."""
    title = CONF["project"] if docname == CONF["root_doc"] else docname.title()
    doctree = read_document(docname, LEAD if is_fact(docname) else f"# {title}\n")
    toctree = addnodes.toctree(entries=entries)
    toctree.source, toctree.line = str(BOOK / f"{docname}.md"), 12
    doctree.next_node(nodes.section).append(toctree)
    return problems_as_text(document_problems(Environment(), docname, doctree))


def test_only_the_front_page_holds_a_toctree_and_each_entry_is_a_page_of_the_book():
    assert problems_with_toctree("index", [(None, "people"), ("Index", "genindex")]) == []
    (in_a_chapter,) = problems_with_toctree(CHAPTER, [(None, "chapters/05-first-scene-shot")])
    assert in_a_chapter.startswith("chapters/02-glastonbury.md:12: a table of contents belongs to index.md alone")
    assert len(problems_with_toctree("index", [(None, "self")])) == 1
    assert problems_with_toctree("index", [("The article", "https://example.org/article")]) == [
        "index.md:12: the table of contents' entry 'https://example.org/article' is not a page of the book, which "
        "the EPUB's and the PDF's contents list: link to it from a page's text"
    ]


@pytest.mark.parametrize("reftype", ["numref", "ref", "doc", "myst"])
def test_a_reference_whose_text_is_found_as_pages_are_written_is_refused_in_a_heading(reftype):
    doctree = read_document(CHAPTER, LEAD)
    xref = addnodes.pending_xref("", nodes.inline("", "fact-finale"), reftype=reftype, reftarget="fact-finale")
    doctree.next_node(nodes.title).append(xref)
    explicit = addnodes.pending_xref(
        "", nodes.inline("", "the finale"), reftype=reftype, reftarget="fact-finale", refexplicit=True
    )
    doctree.next_node(nodes.title).append(explicit)  # its own text, which contents show; but a numref's is "%s"
    problems = problems_as_text(document_problems(Environment(), CHAPTER, doctree))
    assert problems[0] == (
        f"chapters/02-glastonbury.md:6: the {{{reftype}}} in a heading would show as 'fact-finale' in the contents "
        "and sidebars, which take the heading as written: write its words in the heading, and link from the text"
    )
    assert len(problems) == (2 if reftype == "numref" else 1)
    doctree.next_node(nodes.paragraph).append(xref.deepcopy())  # in the text, welcome
    assert len(document_problems(Environment(), CHAPTER, doctree)) == len(problems)


def test_the_titles_the_theme_prints_as_read_are_escaped():
    context = {"pagetitle": "Why <script> & Co", "root_title": "A <i>Book</i> & Co", "title": "Why &lt;script&gt;"}
    escape_theme_titles(None, "chapters/09-why", "page.html", context, None)
    assert context == {
        "pagetitle": "Why &lt;script&gt; &amp; Co",
        "root_title": "A &lt;i&gt;Book&lt;/i&gt; &amp; Co",
        "title": "Why &lt;script&gt;",
    }


def test_a_glossary_term_is_filed_under_its_classifier_and_its_name_says_where():
    entry = ("single", "Bradley Cooper", "term-Bradley-Cooper", "main", "Cooper, Bradley")
    term = nodes.term("", "", addnodes.index(entries=[entry]))
    assert filed_under(entry, term[0]) == [
        ("single", "Cooper, Bradley", "term-Bradley-Cooper", "main", None),
        ("see", "Bradley Cooper; Cooper, Bradley", "term-Bradley-Cooper", "main", None),
    ]
    as_named = ("single", "Lady Gaga", "term-Lady-Gaga", "main", "Lady Gaga")
    assert filed_under(as_named, nodes.term("", "", addnodes.index(entries=[as_named]))[0]) == [
        ("single", "Lady Gaga", "term-Lady-Gaga", "main", None)
    ]
    unfiled = ("single", "Lady Gaga", "term-Lady-Gaga", "main", None)
    assert filed_under(unfiled, nodes.term("", "", addnodes.index(entries=[unfiled]))[0]) == [unfiled]
    in_text = ("single", "Coachella", "index-0", "", "C")
    assert filed_under(in_text, nodes.paragraph("", "", addnodes.index(entries=[in_text]))[0]) == [in_text]


def test_an_index_entry_is_filed_under_one_of_the_books_groups_as_written():
    groups = CONF["index_groups"]
    for value in ("places; Coachella", "places ;Coachella", "Coachella", "Cooper, Bradley; lessons"):
        assert index_entry_problem("single", value, groups) is None, value
    assert index_entry_problem("see", "bell hooks; hooks, bell", groups) is None
    assert "is filed under 'place', which" in index_entry_problem("single", "place; Coachella", groups)
    assert "is filed under 'Places', which" in index_entry_problem("single", "Places; Coachella", groups)


@pytest.mark.parametrize("value", ["places;", "; Coachella", "places; ; Coachella"])
def test_an_index_entry_has_no_empty_part(value):
    assert index_entry_problem("single", value, CONF["index_groups"]).startswith("has an empty part")


def test_conf_py_sets_each_index_groups_titles_as_written_in_italics_or_in_quotes():
    assert index_groups_problem(CONF["index_groups"]) is None
    assert index_groups_problem(["places", "songs", "works"]) == "is not a dict of the index's groups"
    assert index_groups_problem({"songs": "quotes"}).startswith("sets 'songs' titles 'quotes', where")


def test_the_book_counts_the_facts_in_words_or_digits():
    assert [number_in_words(number) for number in (0, 8, 19, 20, 21, 99)] == [
        "zero",
        "eight",
        "nineteen",
        "twenty",
        "twenty-one",
        "ninety-nine",
    ]
    assert fact_counts(CONF["project"], "Fact") == [(16, "Eight", 8)]
    assert fact_counts("Twenty-One facts about a film", "Fact") == [(0, "Twenty-One", 21)]
    assert fact_counts("Twenty One Facts", "Fact") == [(0, "Twenty One", 21)]
    assert fact_counts("Twenty  One Facts", "Fact") == [(0, "Twenty  One", 21)]
    assert fact_counts("9 Facts", "Fact") == [(0, "9", 9)]
    assert fact_counts("Eight facts, in short chapters: the eight facts", "Fact") == [(0, "Eight", 8), (36, "eight", 8)]
    assert fact_counts("Eight Surprising Facts", "Fact") == [(0, "Eight", 8)]
    assert fact_counts("Twenty\N{NON-BREAKING HYPHEN}Nine Facts", "Fact") == [
        (0, "Twenty\N{NON-BREAKING HYPHEN}Nine", 29)
    ]
    assert fact_counts("Many Facts about a film", "Fact") == []
    assert fact_counts("A Star Is Born, Fact by Fact", "Fact") == []


def test_the_epubs_language_is_a_tag_where_sphinxs_is_written_as_a_locale():
    """epubcheck refuses "en_US" in the package and the pages, which Sphinx's language may be."""
    config = SimpleNamespace(epub_language="en_US")
    language_tag(None, config)
    assert config.epub_language == "en-US"


def test_the_settings_the_editions_print_are_set():
    assert unprinted_settings(CONF) == []
    settings = {"project": ["A Book"], "author": " ", "copyright": None, "source_title": ""}
    assert unprinted_settings(settings) == ["project", "author", "copyright", "source_title"]


def test_the_numbered_toctree_lists_every_fact_in_its_place():
    numbers = {"chapters/01-a": 1, "chapters/02-b": 2}
    assert toctree_problems(numbers, [("toctree", 1, ["chapters/01-a", "chapters/02-b"])], "index", "index.md") == []
    assert toctree_problems(numbers, [("toctree", 1, ["chapters/02-b", "people"])], "index", "index.md") == [
        ("chapters/01-a", "fact chapter is missing from the numbered toctree in index.md"),
        ("chapters/02-b", "is fact 2 but stands at place 1 in the numbered toctree"),
        ("index", "the numbered toctree holds only fact chapters, but entry 2 is 'people'"),
    ]
    assert toctree_problems(numbers, [], "index", "index.md") == [
        ("index", "no toctree here is numbered: give the toctree of the facts the option ':numbered: 1'")
    ]


@pytest.mark.parametrize("depth", [2, 999])  # 999: ':numbered:' alone, which numbers every level
def test_the_numbered_toctree_numbers_the_facts_alone_not_their_sections(depth):
    numbers = {"chapters/01-a": 1}
    assert toctree_problems(numbers, [("toctree", depth, ["chapters/01-a"])], "index", "index.md") == [
        (
            "toctree",
            "the numbered toctree numbers the facts' sections too, as the HTML and the EPUB would show them and the "
            "PDF not: write ':numbered: 1'",
        )
    ]


def test_a_facts_heading_opens_with_its_label_written_as_text():
    """numfig_format's words are text in the heading's markup, not markup of their own ("Fact & No. 2")."""

    class Writer:
        config = SimpleNamespace(numfig_format={"section": "Fact & No.\N{NO-BREAK SPACE}%s"})

        def __init__(self):
            self.body = []

        def get_secnumber(self, node):
            return (2,)

    class HeadingWriter(FactHeadings, Writer):
        pass

    writer = HeadingWriter()
    writer.add_secnumber(nodes.title())
    assert writer.body == [
        '<span class="section-number">Fact &amp; No.\N{NO-BREAK SPACE}2<span class="label-colon">: </span></span>'
    ]


def test_a_footnote_mark_is_no_part_of_the_word_it_follows():
    text = LEAD + "\nThe roses were not from Lars Ulrich[^a].\n\n[^a]: A note.\n"
    (paragraph,) = [p for p in read_document(CHAPTER, text).findall(nodes.paragraph) if "roses" in p.astext()]
    assert prose(paragraph) == "The roses were not from Lars Ulrich."
    assert problems_in(CHAPTER, LEAD + "\nAs Fact 3[^a] tells.\n\n[^a]: A note.\n") == [
        "chapters/02-glastonbury.md:10: 'Fact 3' is a fact's number typed by hand, which no renumbering would "
        "follow: write {numref}`fact-…` instead (in a heading, which takes no reference, name the fact in words)"
    ]


def test_a_person_is_named_by_their_term_as_words_of_their_own_outside_longer_terms():
    assert names("Whether Sam Elliott took lessons", "Sam Elliott", [])
    assert names("Ally\N{RIGHT SINGLE QUOTATION MARK}s struggles", "Ally", [])
    assert not names("an ally, and Bobby-pins", "Ally", []) and not names("Bobby-pins", "Bobby", [])
    assert names("no Lars Ulrich-filmed footage", "Lars Ulrich", [])  # no compound word holds a full name
    husband = "Sonja Durham\N{RIGHT SINGLE QUOTATION MARK}s husband was there"
    assert names(husband, "Sonja Durham's husband", [])
    assert names(husband, "Sonja Durham\N{RIGHT SINGLE QUOTATION MARK}s husband", [])  # as the glossary may write it
    assert not names(husband, "Sonja Durham", ["Sonja Durham's husband"])
    assert not names(husband, "Sonja Durham", ["Sonja Durham\N{RIGHT SINGLE QUOTATION MARK}s husband"])


def test_a_title_that_opens_with_an_article_is_filed_under_the_word_after_it():
    entries = [
        ("single", "The Fame (album)", "index-0", "", None),
        ("single", "works; The Fame (album)", "index-0", "", None),
        ("single", "The Weight", "index-1", "", None),  # not filed under a group: no title
        ("single", "songs; Anthem", "index-2", "", None),
    ]
    assert [value for _kind, value, *_ in filed_titles(entries, {"works": "italic", "songs": "quoted"})] == [
        "Fame, The (album)",
        "works; Fame, The (album)",
        "The Weight",
        "songs; Anthem",
    ]


def test_an_index_entry_is_set_in_italics_where_an_index_sets_it():
    """A "see" reference's words; a work's title, its qualifier aside; a song's title in quotes."""
    titles = {"The Fame": "italic", "Shallow": "quoted"}
    assert set_as("see Cooper, Bradley", titles) == [("see", True), (" Cooper, Bradley", False)]
    assert set_as("see also Cooper, Bradley", titles) == [("see also", True), (" Cooper, Bradley", False)]
    assert set_as("seesaw, a song", titles) == [("seesaw, a song", False)]
    assert set_as("The Fame (album)", titles) == [("The Fame", True), (" (album)", False)]
    assert set_as("The Fame", titles) == [("The Fame", True), ("", False)]
    assert set_as("Shallow (song)", titles) == [
        ("\N{LEFT DOUBLE QUOTATION MARK}Shallow\N{RIGHT DOUBLE QUOTATION MARK} (song)", False)
    ]
    assert set_as("The Fame Monster (album)", titles) == [("The Fame Monster (album)", False)]


def test_a_title_within_an_italic_title_is_set_upright_as_written():
    titles = {"Road to Stardom: Making A Star Is Born, The": "italic", "Star Is Born, A": "italic", "Shallow": "quoted"}
    assert set_as("Road to Stardom: Making A Star Is Born, The (featurette)", titles) == [
        ("Road to Stardom: Making ", True),
        ("A Star Is Born", False),
        (", The", True),
        (" (featurette)", False),
    ]
    assert set_as("Star Is Born, A (film)", titles) == [("Star Is Born, A", True), (" (film)", False)]
    # A title within another is a whole title, not the start of a longer word, though it ends in punctuation;
    # a song is no work.
    titles = {"Fame, The": "italic", "Help!": "italic", "Shallow": "quoted"}
    titles |= {"Making The Famed Ones Sing Shallow, The": "italic", "Singing Help! Live": "italic"}
    assert set_as("Making The Famed Ones Sing Shallow, The", titles)[:-1] == [
        ("Making The Famed Ones Sing Shallow, The", True)
    ]
    assert set_as("Singing Help! Live", titles)[:-1] == [("Singing ", True), ("Help!", False), (" Live", True)]


def test_a_glossary_belongs_to_the_glossary_of_people_not_to_a_fact():
    text = "# A Fact\n\nText.\n\n:::{glossary}\nMetallica\n   A band.\n:::\n"
    assert problems_as_text(text_problems("chapters/02-glastonbury.md", text)) == [
        "chapters/02-glastonbury.md:5: a glossary in a fact lists people in its text: the glossary of people is "
        "people.md"
    ]
    assert text_problems("people.md", text) == []

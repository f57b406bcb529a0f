"""Broken sources stop the build with an error that names the offending file."""

import re

import pytest

from book import broken_build, build_errors, copy_book, make, sphinx_build


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_fact_number(path, number):
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^fact: \d+$", f"fact: {number}", text, count=1, flags=re.M), encoding="utf-8")


def renumber(book, old_name, new_name, number):
    """Move a chapter to a new file name and number."""
    new = book / "chapters" / new_name
    (book / "chapters" / old_name).rename(new)
    set_fact_number(new, number)


def chapter(book, prefix):
    (path,) = (book / "chapters").glob(f"{prefix}-*.md")
    return path


def gap_in_numbers(book):
    last = chapter(book, "08")
    renumber(book, last.name, "09" + last.name[2:], 9)
    return f"chapters/09{last.name[2:]}"


def duplicate_number(book):
    third = chapter(book, "03")
    renumber(book, third.name, "02-" + third.name[3:], 2)
    return f"chapters/02-{third.name[3:]}"


def prefix_disagrees_with_front_matter(book):
    fourth = chapter(book, "04")
    set_fact_number(fourth, 5)
    return f"chapters/{fourth.name}"


def unknown_person(book):
    sixth = chapter(book, "06")
    with sixth.open("a", encoding="utf-8") as text:
        text.write("\nThe article never names {term}`Nobody In Particular`.\n")
    return f"chapters/{sixth.name}"


def missing_label(book):
    seventh = chapter(book, "07")
    with seventh.open("a", encoding="utf-8") as text:
        text.write("\nSee {ref}`fact-that-does-not-exist`.\n")
    return f"chapters/{seventh.name}"


def toctree_out_of_order(book):
    """The numbered toctree lists the chapters by hand, two of them swapped."""
    stems = [path.stem for path in sorted((book / "chapters").glob("*.md"))]
    stems[0], stems[1] = stems[1], stems[0]
    edit(book / "index.md", ":glob:\n\nchapters/*\n", "\n" + "".join(f"chapters/{stem}\n" for stem in stems))
    return f"chapters/{stems[0]}.md"


BREAKAGES = [gap_in_numbers, duplicate_number, prefix_disagrees_with_front_matter,
             unknown_person, missing_label, toctree_out_of_order]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
def test_build_fails_and_names_the_file(tmp_path, breakage):
    broken_build(tmp_path, breakage)


def test_failed_make_html_keeps_the_last_good_book_and_fails_again(tmp_path):
    book = copy_book(tmp_path / "book")
    assert make(book, "html").returncode == 0
    built = book / "_build" / "html"
    good = {path: path.read_bytes() for path in built.rglob("*.html")}

    offending = gap_in_numbers(book)
    for attempt in range(2):
        result = make(book, "html")
        assert result.returncode != 0, f"attempt {attempt + 1} passed"
        assert offending in result.stderr
    assert {path: path.read_bytes() for path in built.rglob("*.html")} == good
    assert not (book / "_build" / "html.new").exists()


def test_a_build_that_fails_after_writing_its_pages_leaves_the_last_good_book_untouched(tmp_path):
    """The staged chapters' pages are hard links to the last good edition's; writing them must not reach it."""
    book = copy_book(tmp_path / "book")
    assert make(book, "html").returncode == 0
    built = book / "_build" / "html"
    good = {path: path.read_bytes() for path in built.rglob("*") if path.is_file()}
    # A reference left dangling warns only as its page is written, after every page is written again.
    offending = label_renamed(book)
    result = make(book, "html")
    assert result.returncode != 0
    assert offending in result.stderr
    assert {path: path.read_bytes() for path in built.rglob("*") if path.is_file()} == good


def person_dropped_from_the_glossary(book):
    """The glossary renames a person the chapters still name."""
    edit(book / "people.md", "\nKris Kristofferson\n", "\nKris Kristoffersen\n")
    return "chapters/02-glastonbury.md"


def label_renamed(book):
    """A chapter's label changes while another chapter still references the old one."""
    edit(chapter(book, "02"), "(fact-glastonbury)=", "(fact-glastonbury-festival)=")
    return "chapters/07-music-lessons.md"


def build_with_make(book):
    return make(book, "html"), book / "_build" / "html"


def build_in_place(book):
    """As `make serve` builds: sphinx-build again and again into one folder."""
    return sphinx_build(book, book / "_build" / "serve"), book / "_build" / "serve"


REBUILDS = [build_with_make, build_in_place]


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
@pytest.mark.parametrize("breakage", [person_dropped_from_the_glossary, label_renamed, unknown_person],
                         ids=lambda breakage: breakage.__name__)
def test_a_rebuild_fails_as_a_clean_build_would(tmp_path, breakage, build):
    """Sphinx reads again only what changed; the broken reference sits in a file that did not."""
    book = copy_book(tmp_path / "book")
    assert build(book)[0].returncode == 0
    offending = breakage(book)
    result, _ = build(book)
    assert result.returncode != 0
    assert any(offending in line for line in build_errors(result)), result.stderr


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
def test_a_rebuild_after_a_title_changes_shows_the_new_title_on_every_page(tmp_path, build):
    book = copy_book(tmp_path / "book")
    assert build(book)[0].returncode == 0
    edit(chapter(book, "02"), "# The Person Who Filmed", "# The Famous Musician Who Filmed")
    result, html = build(book)
    assert result.returncode == 0, result.stderr
    for page in (html / "chapters").glob("*.html"):
        assert "2. The Famous Musician Who Filmed" in page.read_text(encoding="utf-8"), page.name


def test_a_change_to_an_extension_renders_the_book_again(tmp_path):
    book = copy_book(tmp_path / "book")
    assert build_in_place(book)[0].returncode == 0
    edit(book / "_ext" / "people_appearances.py", '"Appears in: "', '"Mentioned in: "')
    result, html = build_in_place(book)
    assert result.returncode == 0, result.stderr
    assert "Mentioned in: " in (html / "people.html").read_text(encoding="utf-8")


def chapter_added(book):
    """A ninth fact, the first chapter's text under a new number, label and title."""
    text = chapter(book, "01").read_text(encoding="utf-8")
    text = re.sub(r"^\((fact-[a-z0-9-]+)\)=$", r"(\1-again)=", text, count=1, flags=re.M)
    text = re.sub(r"^# .+$", "# A Ninth Fact", text, count=1, flags=re.M)
    (book / "chapters" / "09-a-ninth-fact.md").write_text(text, encoding="utf-8")
    set_fact_number(book / "chapters" / "09-a-ninth-fact.md", 9)


def added_chapter_removed(book):
    (book / "chapters" / "09-a-ninth-fact.md").unlink()


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
def test_a_rebuild_after_a_chapter_is_added_or_removed_reaches_every_page(tmp_path, build):
    """Pages whose own source did not change still list exactly the facts there are."""
    book = copy_book(tmp_path / "book")
    assert build(book)[0].returncode == 0
    for change in [chapter_added, added_chapter_removed]:
        change(book)
        result, html = build(book)
        assert result.returncode == 0, result.stderr
        stems = {path.stem for path in (book / "chapters").glob("*.md")}
        assert {path.stem for path in (html / "chapters").glob("*.html")} == stems
        for page in [*html.glob("*.html"), *(html / "chapters").glob("*.html")]:
            text = page.read_text(encoding="utf-8")
            assert ("9. A Ninth Fact" in text) == ("09-a-ninth-fact" in stems), page.name
            linked = set(re.findall(r'href="(?:chapters/|\.\./chapters/)?(\d\d-[a-z0-9-]+)\.html', text))
            assert linked <= stems, (page.name, linked - stems)


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
def test_a_failed_build_fails_again_after_an_unrelated_edit(tmp_path, build):
    """A rebuild that writes only the page whose text changed still reports the problem left elsewhere."""
    book = copy_book(tmp_path / "book")
    assert build(book)[0].returncode == 0
    offending = label_renamed(book)
    assert build(book)[0].returncode != 0
    with chapter(book, "04").open("a", encoding="utf-8") as text:
        text.write("\nA sentence more, which no other page shows.\n")
    result, _ = build(book)
    assert result.returncode != 0
    assert offending in result.stderr, result.stderr


def body_changed(book):
    """A sentence more in one chapter, naming a person and an index entry."""
    with chapter(book, "05").open("a", encoding="utf-8") as text:
        text.write("\nA sentence more about {term}`Lady Gaga` and {index}`a new entry`.\n")


def published_pages(html):
    return {path.relative_to(html).as_posix(): path.read_bytes()
            for path in [*html.rglob("*.html"), html / "searchindex.js"] if "_static" not in path.parts}


def rebuilt_and_clean(tmp_path, build, change):
    """The HTML of a book built, changed and built again; and of a clean build of the changed book."""
    book = copy_book(tmp_path / "book")
    assert build(book)[0].returncode == 0
    change(book)
    result, html = build(book)
    assert result.returncode == 0, result.stderr
    clean = copy_book(tmp_path / "clean")
    change(clean)
    clean_result, clean_html = build(clean)
    assert clean_result.returncode == 0, clean_result.stderr
    return html, clean_html


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
def test_a_rebuild_after_a_body_change_publishes_what_a_clean_build_does(tmp_path, build):
    """The pages a rebuild keeps, the pages it writes and the search index equal a clean build's."""
    html, clean_html = rebuilt_and_clean(tmp_path, build, body_changed)
    assert published_pages(html) == published_pages(clean_html)


def numbered_table_added(book):
    """A captioned table in one chapter, which another chapter cites by its number."""
    with chapter(book, "05").open("a", encoding="utf-8") as text:
        text.write("\n```{list-table} Takes of the first scene\n:name: table-takes\n\n* - Take\n  - One\n```\n")
    with chapter(book, "02").open("a", encoding="utf-8") as text:
        text.write("\nThe takes are in {numref}`table-takes`.\n")


@pytest.mark.parametrize("build", REBUILDS, ids=lambda build: build.__name__)
def test_a_rebuild_numbers_a_new_table_as_a_clean_build_does(tmp_path, build):
    """Numbering reads outlines of the pages kept from earlier builds; a table added since gets its number."""
    html, clean_html = rebuilt_and_clean(tmp_path, build, numbered_table_added)
    (citing,) = (html / "chapters").glob("02-*.html")
    assert "Table 5.1" in citing.read_text(encoding="utf-8")
    assert published_pages(html) == published_pages(clean_html)

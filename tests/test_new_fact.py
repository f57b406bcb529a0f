"""scripts/new_fact.py adds the next fact, and only that, or refuses clearly
and writes nothing.

Its rules are tested in process, calling the script's own functions on a
copy of chapters/ (all the script reads): the next number, the file name
from a title in any script, the refusals (a broken numbering, a fact of that
name or heading, a file the build would refuse, a title no heading can hold, a hundredth
fact). Run as a command, it exits with its reason and no traceback. And once,
end to end, a fact it adds to a book beside editor files and a chapter with a
byte-order mark stops `make html` until each count of the facts counts it,
then builds, its heading showing the title as typed, markup characters and
all (in the background from the session's start: background.py).
"""

import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

import new_fact as script
from background import built, in_background
from book import BOOK, append, copy_book, fact_label, make, plain, read_facts, retitle
from book_core.model import PLACEHOLDER_LEAD

TITLE = "A Fact Added by the Script"
# Every character Markdown or MyST would read as markup, which the heading must show as typed.
MARKUP_TITLE = "Cooper vs <Jackson> & Ally: `Shallow`, *Maybe It's Time* [live] {term}`Ally` #1 &amp; \\o/"


def files_in(book):
    return {path.relative_to(book): path.read_bytes() for path in book.rglob("*") if path.is_file()}


@pytest.fixture
def book(tmp_path):
    """A folder holding a copy of the book's chapters/, all that the script reads."""
    shutil.copytree(BOOK / "chapters", tmp_path / "chapters")
    return tmp_path


def assert_refused(book, title, *reasons):
    """new_fact refuses `title` in `book`, giving every reason, and writes nothing."""
    before = files_in(book)
    with pytest.raises(SystemExit) as refused:
        script.new_fact(book, title)
    for reason in reasons:
        assert reason in str(refused.value)
    assert files_in(book) == before


def test_new_fact_writes_the_next_chapter_with_its_number_label_and_heading(book):
    before = files_in(book)
    path = script.new_fact(book, TITLE)
    assert path == book / "chapters" / "09-a-fact-added-by-the-script.md"
    assert set(files_in(book)) - set(before) == {path.relative_to(book)}
    assert {name: data for name, data in files_in(book).items() if name in before} == before
    facts = read_facts(book)
    assert [fact.number for fact in facts] == list(range(1, 10))
    assert (facts[-1].label, facts[-1].title) == ("fact-a-fact-added-by-the-script", TITLE)


def test_new_fact_refuses_a_fact_that_already_exists(book):
    script.new_fact(book, TITLE)
    assert_refused(book, TITLE, "chapters/09-a-fact-added-by-the-script.md already holds")


def test_new_fact_refuses_to_run_on_broken_numbering(book):
    (path,) = (book / "chapters").glob("03-*.md")
    path.rename(path.with_name("04" + path.name[2:]))
    assert_refused(
        book, TITLE, f"chapters/04{path.name[2:]}: the file name says fact 4 but the front matter says fact: 3"
    )


def test_new_fact_refuses_a_name_another_fact_has_as_its_label(book):
    (third,) = (book / "chapters").glob("03-*.md")
    assert "(fact-roses)=" in third.read_text(encoding="utf-8")
    assert_refused(book, "Roses", f"chapters/{third.name} already holds a fact named 'roses'")


def test_new_fact_refuses_a_heading_another_fact_has(book):
    (sixth,) = (book / "chapters").glob("06-*.md")
    assert "\n# This Heartbreaking Scene Used the First Take\n" in sixth.read_text(encoding="utf-8")
    assert_refused(
        book,
        "This heartbreaking scene used the first take",
        f"chapters/{sixth.name} already has the heading 'This Heartbreaking Scene Used the First Take'",
    )


def test_new_fact_reads_a_heading_as_it_shows_escapes_and_fences_aside(book):
    (fifth,) = (book / "chapters").glob("05-*.md")
    append(fifth, "\n```text\n# Shell Comments\n```\n")
    script.new_fact(book, "Shell Comments")
    (sixth,) = (book / "chapters").glob("06-*.md")
    text = sixth.read_text(encoding="utf-8").replace(
        "# This Heartbreaking Scene Used", "# This Heartbreaking Scene \\& Used"
    )
    sixth.write_text(text, encoding="utf-8")
    assert_refused(
        book, "This Heartbreaking Scene & Used the First Take", "already has the heading 'This Heartbreaking Scene &"
    )


def test_new_fact_refuses_a_chapter_that_is_not_utf8_naming_file_and_line(book):
    (second,) = (book / "chapters").glob("02-*.md")
    second.write_bytes(second.read_bytes().replace(b"---\n\n", b"---\n\n\xe9\n", 1))
    assert_refused(book, TITLE, f"chapters/{second.name}:5: is not valid UTF-8")


@pytest.mark.parametrize("stray", ["09-ninth.markdown", "09-drafts/"])
def test_new_fact_refuses_what_the_build_refuses_in_chapters(book, stray):
    if stray.endswith("/"):
        (book / "chapters" / stray).mkdir()
    else:
        (book / "chapters" / stray).write_text("---\nfact: 9\n---\n\n# Ninth\n")
    assert_refused(book, TITLE, f"chapters/{stray.rstrip('/')}: is not")


@pytest.mark.parametrize("title", ["First line\nsecond line", "First line\u2028second line", "Tab\there", "  "])
def test_new_fact_refuses_a_title_no_heading_can_hold(book, title):
    assert_refused(book, title, "title")


def test_new_fact_states_the_two_digit_ceiling(book):
    for number in range(9, 100):
        (book / "chapters" / f"{number:02d}-fact-{number}.md").write_text(
            f"---\nfact: {number}\n---\n\n(fact-{number})=\n# Fact {number}\n", encoding="utf-8"
        )
    assert_refused(book, TITLE, "99 facts", "01 to 99")


@pytest.mark.parametrize(
    ("title", "file_name"),
    [
        ("スター誕生", "09-sutadansheng.md"),
        ("Звезда родилась", "09-zvezda-rodilas.md"),
        ("Café Noël à Glastonbury", "09-cafe-noel-a-glastonbury.md"),
        ("Gaga’s Gift", "09-gagas-gift.md"),
        ("🌟", "09-star2.md"),
        ("\u0300\u0301", "09-fact-9.md"),
    ],
)
def test_new_fact_names_the_file_from_a_title_in_any_script(book, title, file_name):
    assert script.new_fact(book, title).name == file_name
    assert read_facts(book)[-1].title == plain(title)  # as the tests read titles: quotes made straight


def test_run_as_a_command_it_refuses_with_its_reason_and_no_traceback(book):
    before = files_in(book)
    result = subprocess.run(
        [sys.executable, str(BOOK / "scripts" / "new_fact.py"), "--book", str(book), "Roses"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "already holds a fact named 'roses'" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_in(book) == before


@in_background("added_and_built")
def add_and_build(folder):
    """A copy of the book with editor and system files in chapters/ and a byte-order mark on its first chapter,
    to which the command adds a fact titled with markup characters; its lead written, `make html`, and again
    once the book is retitled."""
    book = copy_book(folder / "book")
    chapters = book / "chapters"
    (first,) = chapters.glob("01-*.md")
    (chapters / f"._{first.name}").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X\xff\xfe")
    (chapters / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\xff")
    (chapters / f".{first.name}.swp").write_bytes(b"b0VIM 9.0\xff")
    (chapters / f"{first.name}~").write_text("an editor's backup")
    first.write_bytes(b"\xef\xbb\xbf" + first.read_bytes())
    added = subprocess.run(
        [sys.executable, str(BOOK / "scripts" / "new_fact.py"), "--book", str(book), MARKUP_TITLE],
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    (new,) = chapters.glob("09-*.md")
    lead = (
        "The fact's own lead, of {term}`Cooper <Bradley Cooper>`, {term}`Jackson` and {term}`Ally`, whom its title "
        "names."
    )
    new.write_text(new.read_text(encoding="utf-8").replace(PLACEHOLDER_LEAD, lead), encoding="utf-8")
    untitled = make(book, "html")
    retitle(book, 9)
    build = make(book, "html")
    return book, added, build, untitled


@pytest.fixture(scope="module")
def added_and_built(request):
    return built(request, "added_and_built")


def test_the_command_adds_the_fact_beside_editor_files_and_a_byte_order_mark(added_and_built):
    book, added, _build, _untitled = added_and_built
    (new,) = (book / "chapters").glob("09-*.md")
    assert f"Created chapters/{new.name} (fact 9)." in added.stdout


def test_the_added_fact_builds_and_its_heading_shows_the_title_as_typed(added_and_built):
    book, _added, build, _untitled = added_and_built
    assert build.returncode == 0, build.stdout + build.stderr
    assert "warning" not in build.stderr.lower(), build.stderr
    (page,) = (book / "_build" / "html" / "chapters").glob("09-*.html")
    heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article section h1")
    assert plain(heading.get_text().removesuffix("#")) == f"{fact_label(9)}: {MARKUP_TITLE}"


def test_editor_and_system_files_and_a_byte_order_mark_do_not_stop_the_build_nor_become_pages(added_and_built):
    book, _added, build, _untitled = added_and_built
    assert build.returncode == 0, build.stdout + build.stderr
    pages = sorted(path.name for path in (book / "_build" / "html" / "chapters").iterdir())
    assert pages == sorted(f"{path.stem}.html" for path in (book / "chapters").glob("[0-9]*.md"))
    assert len(pages) == 9


def test_a_ninth_fact_stops_the_build_until_every_count_of_the_facts_counts_it(added_and_built):
    """Where the book describes itself, it counts its facts: the title, the descriptions, the front page's lead and
    captions. Its text may count other things ("where two facts touch"), which are no count of the book's."""
    book, _added, _build, untitled = added_and_built
    assert untitled.returncode != 0
    reported = untitled.stderr.replace(f"{book}/", "")
    lines = (book / "index.md").read_text(encoding="utf-8").splitlines()
    facts_toctree = next(number for number, line in enumerate(lines, 1) if line.startswith(":::{toctree}"))
    counts = [
        "ERROR: conf.py: project: 'A Star Is Born: Eight Facts from The Road to Stardom' counts Eight facts, but the "
        "book has 9: count 9 here",
        "ERROR: conf.py: html_title: 'A Star Is Born: Eight Facts' counts Eight facts",
        "ERROR: conf.py: epub_description: 'Eight facts about the making",
        "ERROR: conf.py: pdf_description: 'Eight facts about the making",
        "index.md:1: ERROR: 'A Star Is Born: Eight Facts from The Road to Stardom' counts Eight facts",
        "index.md:4: ERROR: 'Eight facts, in short chapters, about the making of the film' counts Eight facts",
        f"index.md:{facts_toctree}: ERROR: the caption 'The eight facts' counts eight facts, but the book has 9: "
        "count 9 here",
    ]
    assert [count for count in counts if count not in reported] == []
    assert reported.count(" counts ") == len(counts), reported

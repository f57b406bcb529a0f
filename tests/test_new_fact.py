"""scripts/new_fact.py adds the next fact, and only that, or refuses clearly."""

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from book import BOOK, copy_book, plain, read_facts, sphinx_build

TITLE = "A Fact Added by the Script"


def new_fact(book, title):
    return subprocess.run([sys.executable, str(BOOK / "scripts" / "new_fact.py"), "--book", str(book), title],
                          capture_output=True, text=True)


def files_in(book):
    return {path.relative_to(book): path.read_bytes() for path in book.rglob("*") if path.is_file()}


def assert_refused(book, title, *reasons):
    """new_fact.py refuses `title` in `book`, giving every reason, with no traceback, and writes nothing."""
    before = files_in(book)
    result = new_fact(book, title)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for reason in reasons:
        assert reason in result.stderr
    assert files_in(book) == before


def test_new_fact_creates_only_the_next_chapter_and_it_builds(tmp_path):
    book = copy_book(tmp_path / "book")
    before = files_in(book)
    result = new_fact(book, TITLE)
    assert result.returncode == 0, result.stderr

    added = set(files_in(book)) - set(before)
    assert [path.as_posix() for path in added] == ["chapters/09-a-fact-added-by-the-script.md"]
    assert {path: data for path, data in files_in(book).items() if path in before} == before

    facts = read_facts(book)
    assert [fact.number for fact in facts] == list(range(1, 10))
    assert (facts[-1].label, facts[-1].title) == ("fact-a-fact-added-by-the-script", TITLE)

    build = sphinx_build(book, tmp_path / "html")
    assert build.returncode == 0, build.stderr
    page = BeautifulSoup((tmp_path / "html" / facts[-1].html_name).read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article section h1").get_text().removesuffix("#") == f"9. {TITLE}"


def test_new_fact_refuses_a_fact_that_already_exists(tmp_path):
    book = copy_book(tmp_path / "book")
    assert new_fact(book, TITLE).returncode == 0
    assert_refused(book, TITLE, "chapters/09-a-fact-added-by-the-script.md already holds")


def test_new_fact_refuses_to_run_on_broken_numbering(tmp_path):
    book = copy_book(tmp_path / "book")
    (path,) = (book / "chapters").glob("03-*.md")
    path.rename(path.with_name("04" + path.name[2:]))
    assert_refused(book, TITLE,
                   f"chapters/04{path.name[2:]}: the file name says fact 4 but the front matter says fact: 3")


def test_new_fact_refuses_a_name_another_fact_has_as_its_label(tmp_path):
    book = copy_book(tmp_path / "book")
    (third,) = (book / "chapters").glob("03-*.md")
    assert "(fact-roses)=" in third.read_text(encoding="utf-8")
    assert_refused(book, "Roses", f"chapters/{third.name} already holds a fact named 'roses'")


def test_new_fact_reads_a_chapter_with_a_byte_order_mark_as_the_build_does(tmp_path):
    book = copy_book(tmp_path / "book")
    (first,) = (book / "chapters").glob("01-*.md")
    first.write_bytes(b"\xef\xbb\xbf" + first.read_bytes())
    result = new_fact(book, TITLE)
    assert result.returncode == 0, result.stderr
    assert sphinx_build(book, tmp_path / "html").returncode == 0


def test_new_fact_refuses_a_chapter_that_is_not_utf8_naming_file_and_line(tmp_path):
    book = copy_book(tmp_path / "book")
    (second,) = (book / "chapters").glob("02-*.md")
    second.write_bytes(second.read_bytes().replace(b"---\n\n", b"---\n\n\xe9\n", 1))
    assert_refused(book, TITLE, f"chapters/{second.name}:5: is not valid UTF-8")


@pytest.mark.parametrize("stray", ["09-ninth.markdown", "09-drafts/"])
def test_new_fact_refuses_what_the_build_refuses_in_chapters(tmp_path, stray):
    book = copy_book(tmp_path / "book")
    if stray.endswith("/"):
        (book / "chapters" / stray).mkdir()
    else:
        (book / "chapters" / stray).write_text("---\nfact: 9\n---\n\n# Ninth\n")
    assert_refused(book, TITLE, f"chapters/{stray.rstrip('/')}: is not")


def test_new_fact_ignores_the_files_the_build_ignores(tmp_path):
    book = copy_book(tmp_path / "book")
    (first,) = (book / "chapters").glob("01-*.md")
    (book / "chapters" / f"._{first.name}").write_bytes(b"\x00\x05\x16\x07\xff")
    (book / "chapters" / f"{first.name}~").write_text("an editor's backup")
    result = new_fact(book, TITLE)
    assert result.returncode == 0, result.stderr
    assert (book / "chapters" / "09-a-fact-added-by-the-script.md").exists()


@pytest.mark.parametrize("title", ["First line\nsecond line", "First line\u2028second line", "Tab\there", "  "])
def test_new_fact_refuses_a_title_no_heading_can_hold(tmp_path, title):
    assert_refused(copy_book(tmp_path / "book"), title, "title")


def test_new_fact_keeps_a_title_with_markup_characters_exactly(tmp_path):
    book = copy_book(tmp_path / "book")
    title = "Cooper vs <Jackson> & Ally: `Shallow`, *Maybe It's Time* [live] {term}`Ally` #1 &amp; \\o/"
    result = new_fact(book, title)
    assert result.returncode == 0, result.stderr
    build = sphinx_build(book, tmp_path / "html")
    assert build.returncode == 0, build.stderr
    (page,) = (tmp_path / "html" / "chapters").glob("09-*.html")
    heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article section h1")
    assert plain(heading.get_text().removesuffix("#")) == f"9. {title}"


@pytest.mark.parametrize(("title", "file_name"), [
    ("スター誕生", "09-sutadansheng.md"),
    ("Звезда родилась", "09-zvezda-rodilas.md"),
    ("Café Noël à Glastonbury", "09-cafe-noel-a-glastonbury.md"),
    ("🌟", "09-star2.md"),
    ("\u0300\u0301", "09-fact-9.md"),
])
def test_new_fact_names_the_file_from_a_title_in_any_script(tmp_path, title, file_name):
    book = copy_book(tmp_path / "book")
    result = new_fact(book, title)
    assert result.returncode == 0, result.stderr
    assert (book / "chapters" / file_name).is_file()
    assert read_facts(book)[-1].title == title


def test_new_fact_states_the_two_digit_ceiling(tmp_path):
    book = copy_book(tmp_path / "book")
    for number in range(9, 100):
        (book / "chapters" / f"{number:02d}-fact-{number}.md").write_text(
            f"---\nfact: {number}\n---\n\n(fact-{number})=\n# Fact {number}\n", encoding="utf-8")
    assert_refused(book, TITLE, "99 facts", "01 to 99")

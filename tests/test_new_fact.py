"""scripts/new_fact.py adds the next fact, and only that, or refuses clearly."""

import subprocess
import sys

from bs4 import BeautifulSoup

from book import BOOK, copy_book, read_facts, sphinx_build

TITLE = "A Fact Added by the Script"


def new_fact(book, title):
    return subprocess.run([sys.executable, str(BOOK / "scripts" / "new_fact.py"), "--book", str(book), title],
                          capture_output=True, text=True)


def files_in(book):
    return {path.relative_to(book): path.read_bytes() for path in book.rglob("*") if path.is_file()}


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
    written = files_in(book)

    again = new_fact(book, TITLE)
    assert again.returncode != 0
    assert "chapters/09-a-fact-added-by-the-script.md already holds" in again.stderr
    assert files_in(book) == written


def test_new_fact_refuses_to_run_on_broken_numbering(tmp_path):
    book = copy_book(tmp_path / "book")
    (path,) = (book / "chapters").glob("03-*.md")
    path.rename(path.with_name("04" + path.name[2:]))
    before = files_in(book)

    result = new_fact(book, TITLE)
    assert result.returncode != 0
    assert f"chapters/04{path.name[2:]}: the file name says fact 4 but the front matter says fact: 3" in result.stderr
    assert files_in(book) == before


def test_new_fact_refuses_a_name_another_fact_has_as_its_label(tmp_path):
    book = copy_book(tmp_path / "book")
    (third,) = (book / "chapters").glob("03-*.md")
    assert "(fact-roses)=" in third.read_text(encoding="utf-8")
    before = files_in(book)

    result = new_fact(book, "Roses")
    assert result.returncode != 0
    assert f"chapters/{third.name} already holds a fact named 'roses'" in result.stderr
    assert files_in(book) == before

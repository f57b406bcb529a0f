"""`make html` run again after the book changed gives what a clean build of the
changed book gives: byte for byte the same pages and search index after a
change to a chapter's text and another's title, after a chapter is added, and
after it is removed again; a source whose text changed under the time it had
before (a backup restored) is read again, as Sphinx, which compares times,
would not; after a build killed mid-way, every source is read again; the same
failure, naming the same files and lines, when the change breaks references in
files it did not touch (a fact's label renamed, a person renamed in the
glossary, a person no glossary holds). Sphinx reads again only the sources
that changed, except after a change to one of the book's own extensions, when
it reads every source again. A failed build leaves the last good edition as it
was, and fails again on the next run, though nothing read the broken files
again. A build in place that writes only the pages that changed, as `make
serve` runs, keeps every page's preview.

One copy of the book, titled without a count of its facts (which a fact added
would change, and every source with it), is built, then changed and built
again step by step, as a maintainer works; each step is compared with a clean
build of a copy of the book as it then stands. Which sources a build read
shows in the doctrees it saved: Sphinx rewrites the doctree of every source it
reads. The whole history is built in the background from the session's start
(background.py).
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from background import built, in_background
from book import append, build_errors, chapter, copy_book, make, retitle


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_as_it_stands(book, destination):
    """A copy of `book`'s sources, settings and extensions as they now are, without its builds."""
    shutil.copytree(book, destination, ignore=shutil.ignore_patterns("_build", "_build.lock"))
    return destination


def published_pages(book):
    """The bytes of every page and of the search index of the HTML edition in `book`."""
    html = book / "_build" / "html"
    return {
        path.relative_to(html).as_posix(): path.read_bytes()
        for path in [*html.rglob("*.html"), html / "searchindex.js"]
        if "_static" not in path.parts
    }


def doctree_times(book):
    """When the doctree of each source was last saved, which Sphinx does each time it reads the source."""
    return {
        path.relative_to(book / "_build" / "doctrees").as_posix(): path.stat().st_mtime_ns
        for path in (book / "_build" / "doctrees").rglob("*.doctree")
    }


def sources_read(before, after):
    """The sources (by name: "index", "02-glastonbury") whose doctrees were saved anew between two times."""
    return {name.rsplit("/", 1)[-1].removesuffix(".doctree") for name in after if before.get(name) != after[name]}


def sources_of(book):
    return {path.stem for path in [book / "index.md", book / "people.md", *(book / "chapters").glob("*.md")]}


def make_html(book):
    result = make(book, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    return result


# The changes, in the order the steps make them.


def text_and_title_changed(book):
    """A sentence more in fact 5, with a captioned table that fact 2 cites by number; fact 2's title changed."""
    append(
        chapter(book, "05"),
        "\nA sentence more about {term}`Lady Gaga` and {index}`a new entry`.\n"
        "\n```{list-table} Takes of the first scene\n:name: table-takes\n\n"
        "* - Take\n  - One\n```\n",
    )
    second = chapter(book, "02")
    append(second, "\nThe takes are in {numref}`table-takes`.\n")
    edit(second, "# The Person Who Filmed", "# The Famous Musician Who Filmed")


NINTH = "09-a-ninth-fact.md"


def chapter_added(book):
    """A ninth fact: the first chapter's text under a new number, label and title."""
    text = chapter(book, "01").read_text(encoding="utf-8")
    text = re.sub(r"^\((fact-[a-z0-9-]+)\)=$", r"(\1-again)=", text, count=1, flags=re.M)
    text = re.sub(r"^# .+$", "# A Ninth Fact", text, count=1, flags=re.M)
    text = re.sub(r"^fact: \d+$", "fact: 9", text, count=1, flags=re.M)
    (book / "chapters" / NINTH).write_text(text, encoding="utf-8")


def chapter_removed(book):
    (book / "chapters" / NINTH).unlink()


RESTORED = "A sentence a backup restored."


def backup_restored(book):
    """Fact 6's text changed under the time it had before, as a backup restored or a file copied keeps it."""
    sixth = chapter(book, "06")
    before = sixth.stat()
    append(sixth, f"\n{RESTORED}\n")
    os.utime(sixth, ns=(before.st_atime_ns, before.st_mtime_ns))


def build_killed(book):
    """What a build killed mid-way (SIGKILL, a machine's power) leaves: its staging folder."""
    (book / "_build" / "html.new").mkdir()


def extension_changed(book):
    """The glossary's lists of facts renamed, in the extension that writes them."""
    edit(book / "_ext" / "book_core" / "people.py", '"Appears in: "', '"Mentioned in: "')


@dataclass
class Step:
    pages: dict  # the rebuilt book's pages
    read_again: set  # the sources the rebuild read again
    sources: set  # the book's sources as it rebuilt them


def maintain(root):
    """One copy of the book, built, then changed and rebuilt step by step; each step's Step, and a clean
    build's pages of the book as it stood after the first two steps."""
    book = copy_book(root / "book")
    retitle(book, None)  # a title that counts no facts, which a fact added leaves as it is
    make_html(book)
    steps, clean = {}, {}
    changes = [text_and_title_changed, chapter_added, chapter_removed, backup_restored, build_killed, extension_changed]
    for change in changes:
        before = doctree_times(book)
        change(book)
        make_html(book)
        after = doctree_times(book)
        steps[change.__name__] = Step(published_pages(book), sources_read(before, after), sources_of(book))
        if change in (text_and_title_changed, chapter_added):
            copy = copy_as_it_stands(book, root / change.__name__)
            make_html(copy)
            clean[change.__name__] = published_pages(copy)
    return book, steps, clean


def test_a_rebuild_after_a_text_and_a_title_change_publishes_what_a_clean_build_does(maintained):
    _book, steps, clean = maintained
    rebuilt = steps["text_and_title_changed"]
    assert rebuilt.pages == clean["text_and_title_changed"]
    # The changes show, where pages whose own source did not change carry them too.
    assert all(
        b"2. The Famous Musician Who Filmed" in rebuilt.pages[name]
        for name in rebuilt.pages
        if name.startswith("chapters/")
    ), "the new title is missing from a chapter's navigation"
    assert "Table 5.1" in rebuilt.pages["chapters/02-glastonbury.html"].decode()


def test_a_rebuild_after_a_chapter_is_added_publishes_what_a_clean_build_does(maintained):
    _book, steps, clean = maintained
    rebuilt = steps["chapter_added"]
    assert rebuilt.pages == clean["chapter_added"]
    assert "chapters/09-a-ninth-fact.html" in rebuilt.pages
    assert all(b"9. A Ninth Fact" in page for name, page in rebuilt.pages.items() if name.startswith("chapters/"))


def test_a_rebuild_after_the_chapter_is_removed_publishes_what_a_clean_build_does(maintained):
    """Removing the chapter added gives back the book of the first step, whose clean build is known."""
    _book, steps, clean = maintained
    rebuilt = steps["chapter_removed"]
    assert rebuilt.pages == clean["text_and_title_changed"]
    assert not any(b"09-a-ninth-fact" in page or b"A Ninth Fact" in page for page in rebuilt.pages.values())


def test_only_the_sources_that_changed_are_read_again(maintained):
    _book, steps, _clean = maintained
    changed = {
        "text_and_title_changed": {"02-glastonbury", "05-first-scene-shot"},
        "chapter_added": {"09-a-ninth-fact", "index"},
    }  # index.md's toctree takes every chapter
    for step, sources in changed.items():
        assert steps[step].read_again == sources, step


def test_a_source_changed_under_an_older_time_is_read_again(maintained):
    _book, steps, _clean = maintained
    rebuilt = steps["backup_restored"]
    assert rebuilt.read_again == {"06-first-take"}
    assert RESTORED in rebuilt.pages["chapters/06-first-take.html"].decode()


def test_the_build_after_a_killed_one_reads_every_source_again(maintained):
    """A killed build may have saved its environment, whose warnings Sphinx would not tell again."""
    _book, steps, _clean = maintained
    rebuilt = steps["build_killed"]
    assert rebuilt.read_again == rebuilt.sources


def test_a_change_to_an_extension_makes_the_next_build_read_every_source_again(maintained):
    _book, steps, _clean = maintained
    rebuilt = steps["extension_changed"]
    assert len(rebuilt.sources) == 10
    assert rebuilt.read_again == rebuilt.sources
    people = rebuilt.pages["people.html"].decode()
    assert "Mentioned in: " in people and "Appears in: " not in people


# A failed build, in the book the steps above left.


def references_broken_elsewhere(book):
    """Changes that break references in files they do not touch; the files, and lines, the errors must name."""
    edit(chapter(book, "02"), "(fact-glastonbury)=", "(fact-glastonbury-festival)=")
    edit(book / "people.md", "\nKris Kristofferson : ", "\nKris Kristoffersen : ")
    sixth = chapter(book, "06")
    line = len(sixth.read_text(encoding="utf-8").splitlines()) + 2
    append(sixth, "\nThe article never names {term}`Nobody In Particular`.\n")
    seventh, people = chapter(book, "07"), book / "people.md"
    return [
        (
            f"{seventh.relative_to(book)}:{line_of(seventh, '{numref}`fact-glastonbury`')}:",
            "undefined label: 'fact-glastonbury'",
        ),
        (
            f"{chapter(book, '02').relative_to(book)}:{line_of(chapter(book, '02'), '{term}`Kris Kristofferson`')}:",
            "term not in glossary: 'Kris Kristofferson'",
        ),
        (
            f"people.md:{line_of(people, 'Kris Kristoffersen')}:",
            "'Kris Kristoffersen' is referenced by no fact chapter",
        ),
        (f"{sixth.relative_to(book)}:{line}:", "term not in glossary: 'Nobody In Particular'"),
    ]


def line_of(path, text):
    """The line of `path` where `text` first appears."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def edition_files(book):
    html = book / "_build" / "html"
    return {path.relative_to(html).as_posix(): path.read_bytes() for path in html.rglob("*") if path.is_file()}


def errors_told(result, book):
    """The errors a build told, with the book's folder left out of the paths, in order."""
    return [line.replace(f"{book}/", "") for line in build_errors(result)]


@dataclass
class FailedBuilds:
    """The maintained book broken and built; a clean copy of it built; the book built again after an
    unrelated edit: each build's result, the errors the breakage must cause, and the HTML edition after each."""

    book: Path
    good: dict
    expected: list
    rebuild: object
    after_rebuild: dict
    clean_copy: Path
    clean: object
    again: object
    after_again: dict


def fail(book, root):
    """`book`, built, broken and built again; a clean copy built; `book` built once more after an unrelated edit."""
    good = edition_files(book)
    expected = references_broken_elsewhere(book)
    rebuild = make(book, "html")
    after_rebuild = edition_files(book)
    clean_copy = copy_as_it_stands(book, root / "broken")
    clean = make(clean_copy, "html")
    append(chapter(book, "04"), "\nA sentence more, which no other page shows.\n")
    again = make(book, "html")
    return FailedBuilds(book, good, expected, rebuild, after_rebuild, clean_copy, clean, again, edition_files(book))


@in_background("history")
def maintain_then_fail(root):
    """The steps of maintain, then those of fail in the book they leave: one history, in the background."""
    book, steps, clean = maintain(root)
    return (book, steps, clean), fail(book, root)


@pytest.fixture(scope="module")
def history(request):
    return built(request, "history")


@pytest.fixture(scope="module")
def maintained(history):
    return history[0]


@pytest.fixture(scope="module")
def failed(history):
    return history[1]


def test_a_rebuild_that_breaks_references_elsewhere_fails_as_a_clean_build_does(failed):
    assert failed.rebuild.returncode != 0 and failed.clean.returncode != 0
    told = errors_told(failed.rebuild, failed.book)
    for place, message in failed.expected:
        assert any(line.startswith(place) and message in line for line in told), (place, message, told)
    assert told == errors_told(failed.clean, failed.clean_copy)


def test_a_failed_build_leaves_the_last_good_edition_as_it_was(failed):
    assert failed.after_rebuild == failed.good
    assert failed.after_again == failed.good
    assert not (failed.book / "_build" / "html.new").exists()


def test_a_failed_build_fails_again_on_the_next_run_after_an_unrelated_edit(failed):
    assert failed.again.returncode != 0
    assert errors_told(failed.again, failed.book) == errors_told(failed.rebuild, failed.book)


# As `make serve` rebuilds: sphinx-build writing in place only the pages that changed.

PREVIEWS = Path("_build", "html", "_static", "previews-data.js")


@in_background("written_in_place")
def write_in_place(folder):
    """`make html`, then fact 3's text edited and the book built again in place, as sphinx-autobuild does: the
    previews' data of each build, and the glossary page's time before and after."""
    book = copy_book(folder / "book")
    make_html(book)
    whole, people = (book / PREVIEWS).read_bytes(), book / "_build" / "html" / "people.html"
    people_written = people.stat().st_mtime_ns
    append(chapter(book, "03"), "\nA sentence more.\n")
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", "_build/doctrees/editions", ".", "_build/html"]
    subprocess.run(command, cwd=book, check=True)
    return whole, (book / PREVIEWS).read_bytes(), people_written, people.stat().st_mtime_ns


@pytest.fixture(scope="module")
def written_in_place(request):
    return built(request, "written_in_place")


def test_a_build_that_writes_some_pages_keeps_every_preview(written_in_place):
    whole, in_place, people_before, people_after = written_in_place
    assert people_after == people_before, "the glossary was written again: its previews came from the page"
    assert in_place == whole

"""`make all` builds its three editions at once and gives, byte for byte, what
building them one after another gives, the HTML's download sizes included
(written once the EPUB and the PDF are done). When the print edition fails,
the editions that need it stop too: the error is told once, and the last
good editions stay as they were; so they do when the build is interrupted."""

import os
import re
import signal
import time
from pathlib import Path

from book import build_errors, copy_book, make, start_make

EDITIONS = ("html", "epub", "pdf")


def edition_files(book):
    build = book / "_build"
    return {path.relative_to(build).as_posix(): path.read_bytes()
            for edition in EDITIONS for path in (build / edition).rglob("*") if path.is_file()}


def test_make_all_gives_the_bytes_the_editions_built_one_by_one_give(tmp_path):
    together = copy_book(tmp_path / "together")
    result = make(together, "all")
    assert result.returncode == 0, result.stderr
    one_by_one = copy_book(tmp_path / "one-by-one")
    for target in ("pdf", "epub", "html"):  # the HTML last, which offers the other two
        result = make(one_by_one, target)
        assert result.returncode == 0, result.stderr

    built, expected = edition_files(together), edition_files(one_by_one)
    assert sorted(built) == sorted(expected)
    assert [name for name in sorted(built) if built[name] != expected[name]] == []
    assert "html/downloads/a-star-is-born-eight-facts.pdf" in built


def told(result):
    """What a failed `make all` printed on its error output, make's own last word left out."""
    return [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]


def test_a_failed_print_edition_stops_the_editions_that_need_it_and_is_told_once(tmp_path):
    book = copy_book(tmp_path / "book")
    assert make(book, "all").returncode == 0
    good = edition_files(book)

    font = book / "_themes" / "print" / "static" / "fonts" / "LinLibertine_R.otf"
    font.unlink()
    result = make(book, "all")

    assert result.returncode != 0
    assert len(told(result)) == 2 and f"{font}: missing" in told(result)[0], result.stderr
    assert "stopped before writing anything" in told(result)[1]
    assert edition_files(book) == good
    assert not list((book / "_build").glob("*.new"))


def test_a_fault_in_a_source_is_told_once_though_every_edition_finds_it(tmp_path):
    book = copy_book(tmp_path / "book")
    (last,) = (book / "chapters").glob("08-*.md")
    last.rename(last.with_name("09" + last.name[2:]))  # a gap in the numbers

    result = make(book, "all")

    assert result.returncode != 0
    assert any(f"chapters/09{last.name[2:]}" in line for line in build_errors(result)), result.stderr
    assert len(told(result)) == len(set(told(result))), result.stderr


def processes_in(folder):
    """The processes working in `folder`: a build, and whatever it started."""
    running = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(process / "cwd")) == folder:
                running.append(process.name)
        except OSError:  # ended meanwhile, or not ours to see
            pass
    return running


def test_an_interrupted_make_all_leaves_the_last_good_editions_and_nothing_running(tmp_path):
    book = copy_book(tmp_path / "book")
    assert make(book, "all").returncode == 0
    good = edition_files(book)

    # As Ctrl-C in a terminal: SIGINT to make and everything it started, once the builds are under way.
    build = start_make(book, "all", start_new_session=True)
    while not all((book / "_build" / f"{edition}.new").exists() for edition in EDITIONS):
        assert build.poll() is None, "make all ended before it could be interrupted"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGINT)
    _, stderr = build.communicate()

    assert build.returncode != 0
    assert "Traceback" not in stderr, stderr
    assert edition_files(book) == good
    assert not list((book / "_build").glob("*.new"))
    for _ in range(50):  # what the interruption reached ends with it, though not to the millisecond
        if not processes_in(book):
            break
        time.sleep(0.1)
    assert processes_in(book) == []


def test_a_size_cut_short_where_another_extension_copied_the_text_fails_the_build(tmp_path):
    """Without its lead, the front page's description (sphinxext-opengraph's, when the site has an address)
    is its first 200 characters, and the cut falls inside the downloads line, where the sizes are still
    to come: the build stops rather than publish what is left of a mark."""
    book = copy_book(tmp_path / "book")
    front = book / "index.md"
    front.write_text(front.read_text(encoding="utf-8").replace("{.lead}\n", "", 1), encoding="utf-8")

    result = make(book, "all", environment={"BOOK_BASE_URL": "https://example.org/book/"})

    assert result.returncode != 0
    assert any("index.html: a file's size goes where only part of its mark was copied" in line
               for line in build_errors(result)), result.stderr
    assert not (book / "_build" / "html").exists()

"""`make all` that fails or is interrupted keeps the last good editions: when
the print edition, the first it builds, fails (here for a missing font), make
stops there with the error told, naming the file, and the EPUB and HTML are not
built; when a reader presses Ctrl-C mid-build, make stops; when a build was
killed as it published, between setting the last edition aside and putting
the new one in place, the next build of the folder puts the last one back,
whichever edition it builds, though it fails.
Each time the three editions in _build are byte for byte the last good ones,
no staging folder (`*.new`) or edition set aside (`*.old`) is left, and no
process started by the build is left running.

The last good editions are those of the session's `make all` (the `published`
fixture), copied with their build folder into a copy of the book.
"""

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from book import build_errors, copy_book, make, start_make

EDITIONS = ("html", "epub", "pdf")


def edition_files(book):
    build = book / "_build"
    return {
        path.relative_to(build).as_posix(): path.read_bytes()
        for edition in EDITIONS
        for path in (build / edition).rglob("*")
        if path.is_file()
    }


@pytest.fixture
def built_book(tmp_path, published):
    """A copy of the book whose _build holds the editions of a good `make all`, and those editions' files."""
    book = copy_book(tmp_path / "book")
    shutil.copytree(published, book / "_build", symlinks=True)
    good = edition_files(book)
    assert {name.split("/", 1)[0] for name in good} == set(EDITIONS)
    return book, good


def test_a_failed_print_edition_stops_make_all_with_the_error_told_and_the_last_good_editions_kept(built_book):
    book, good = built_book
    font = book / "_themes" / "print" / "static" / "fonts" / "LinLibertine_R.otf"
    font.unlink()

    result = make(book, "all")

    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert any(f"{font}: missing" in line for line in build_errors(result)), result.stderr
    assert "The EPUB is" not in result.stdout and "The HTML book is" not in result.stdout, result.stdout
    assert edition_files(book) == good
    assert not list((book / "_build").glob("*.new"))


def test_a_build_after_one_killed_as_it_published_puts_the_last_good_edition_back(built_book):
    book, good = built_book
    build = book / "_build"
    (build / "html").rename(build / "html.old")  # where a kill between publish's two renames leaves it
    (build / "pdf").rename(build / "pdf.old")  # the same for another edition, which this build does not make
    shutil.copytree(build / "html.old", build / "html.new")
    (build / "html.new" / "index.html").unlink()
    chapter = next((book / "chapters").glob("02-*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSee {numref}`fact-nowhere`.\n", encoding="utf-8")

    result = make(book, "html")

    assert result.returncode != 0
    assert any("fact-nowhere" in line for line in build_errors(result)), result.stderr
    assert edition_files(book) == good
    assert not list(build.glob("*.new")) and not list(build.glob("*.old"))


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


def test_an_interrupted_make_all_leaves_the_last_good_editions_and_nothing_running(built_book):
    book, good = built_book

    # As Ctrl-C in a terminal: SIGINT to make and everything it started, once a build is under way. A shell
    # starts a background job with SIGINT ignored, which make would inherit: the tests may run as one.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    build = start_make(book, "all", start_new_session=True)
    while not (book / "_build" / "pdf.new").exists():
        assert build.poll() is None, "make all ended before it could be interrupted"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGINT)
    stdout, stderr = build.communicate()

    assert build.returncode != 0, stdout + stderr
    assert "Traceback" not in stderr, stderr
    assert edition_files(book) == good
    assert not list((book / "_build").glob("*.new"))
    for _ in range(50):  # what the interruption reached ends with it, though not to the millisecond
        if not processes_in(book):
            break
        time.sleep(0.1)
    assert processes_in(book) == []

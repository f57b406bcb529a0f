"""Builds started at once in one book folder take turns: of two `make html`
started together, one says it waits for the other, both pass, and the edition
is whole afterwards, without what an interrupted build had left in its staging
folder; a second `make serve` of one folder stops at once rather than write
into the first one's preview; and `make clean` waits on the lock the builds
hold, the build folder named with a final "/" or without, or by a link to it. A build folder
that is the book's, one of its folders or inside one (where a build would
read, or copy into itself, what it writes, and `make clean` remove it), is
refused before anything runs. The two builds are conftest.py's
`html_built_twice_at_once`."""

import fcntl
import subprocess
import sys
import time

import pytest

from book import BOOK, copy_book, plain, read_facts, start_make
from build_edition import build_folder_problem, recover_from_killed_publishing

WAITING = "Waiting for another build in _build to finish..."


def test_builds_started_together_take_turns_and_leave_a_whole_edition(html_built_twice_at_once):
    book, outputs = html_built_twice_at_once
    build = book / "_build"
    assert sorted(WAITING in stdout for stdout in outputs) == [False, True], outputs
    pages = {path.relative_to(build / "html").as_posix() for path in (build / "html").rglob("*.html")}
    facts = read_facts(book)
    assert {"index.html", "people.html", "genindex.html", "search.html"} | {fact.html_name for fact in facts} <= pages
    assert "chapters/stale.html" not in pages
    for fact in facts:
        assert fact.title in plain((build / "html" / fact.html_name).read_text(encoding="utf-8"))
    assert (build / "html" / "searchindex.js").is_file()
    assert not list(build.glob("*.new"))


def test_a_second_make_serve_stops_at_once(tmp_path):
    book = copy_book(tmp_path / "book")
    (book / "_build" / "serve").mkdir(parents=True)
    holding = ["flock", book / "_build" / "serve", "sh", "-c", "echo holding; exec sleep 600"]
    with subprocess.Popen(holding, stdout=subprocess.PIPE, text=True) as first_serve:
        assert first_serve.stdout.readline() == "holding\n"
        try:
            second = start_make(book, "serve")
            stdout, stderr = second.communicate(timeout=120)
        finally:
            first_serve.kill()
    assert second.returncode != 0
    assert "make serve is already running" in stdout + stderr
    assert not (book / "_build" / "doctrees" / "serve").exists()


def test_builds_and_make_clean_lock_one_name_however_the_folder_is_written():
    for builddir in ("_build", "_build/", "_build//"):
        commands = subprocess.run(
            ["make", "-n", "html", "clean", f"BUILDDIR={builddir}"],
            cwd=BOOK,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "--builddir _build html" in commands and "--builddir _build clean" in commands, commands


@pytest.mark.parametrize("builddir", ["", "/", "//"])
def test_make_refuses_a_build_folder_named_by_nothing_or_the_root(builddir):
    """A final "/" dropped, "/" names no folder: make clean BUILDDIR=/ would else pass on no --builddir."""
    result = subprocess.run(["make", "-n", "clean", f"BUILDDIR={builddir}"], cwd=BOOK, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"BUILDDIR={builddir} names no folder, or the root folder" in result.stderr, result.stderr


def test_make_clean_through_a_link_to_the_build_folder_waits_for_the_folders_lock(tmp_path):
    """A link is one more name for the build folder: a build or `make clean` through it (build_edition.py, which
    takes the one lock for both) holds the folder's own lock."""
    book = copy_book(tmp_path / "book")
    (book / "_build" / "html").mkdir(parents=True)
    link = tmp_path / "link-to-the-build-folder"
    link.symlink_to(book / "_build")
    output = tmp_path / "make-clean.txt"
    waiting = f"Waiting for another build in {link} to finish..."
    with (book / "_build.lock").open("a") as build, output.open("w") as written:  # the lock, as a build holds it
        fcntl.flock(build, fcntl.LOCK_EX)
        clean = start_make(book, "clean", f"BUILDDIR={link}", stdout=written)
        deadline = time.monotonic() + 60
        while waiting not in output.read_text() and clean.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert waiting in output.read_text(), "make clean did not wait for the folder's lock"
        assert (book / "_build" / "html").is_dir()
    clean.communicate(timeout=120)
    assert clean.returncode == 0
    assert not (book / "_build").exists()


@pytest.fixture
def book_with_folders(tmp_path):
    """A book's folder with its own folders in it, a file, build folders, and beside it a link to chapters/ and a
    folder of notes."""
    book = tmp_path / "book"
    for folder in ("chapters", "_static", "_build/html", "out/html", "out/doctrees"):
        (book / folder).mkdir(parents=True)
    (book / "conf.py").write_text("project = 'A book'\n", encoding="utf-8")
    (book / "chapters" / "01-first.md").write_text("# First\n", encoding="utf-8")
    (tmp_path / "link-to-chapters").symlink_to(book / "chapters")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "notes.txt").write_text("A maintainer's notes.\n", encoding="utf-8")
    (book / "out.lock").touch()  # out's builds leave it
    (tmp_path / "www" / "html").mkdir(parents=True)  # a web server's folder, of the shape builds write
    (tmp_path / "www" / "html" / "index.html").write_text("<p>A site.</p>\n", encoding="utf-8")
    (tmp_path / "fresh").mkdir()
    (tmp_path / "fresh" / ".DS_Store").write_bytes(b"Bud1")
    (tmp_path / "used-on-a-usb-drive" / "html").mkdir(parents=True)  # macOS writes ._html beside html there
    (tmp_path / "used-on-a-usb-drive" / "._html").write_bytes(b"\0\5\26\7")
    (tmp_path / "used-on-a-usb-drive.lock").touch()
    make_home(tmp_path / "home")
    return book


def make_home(home):
    """A home folder, which holds hidden files alone."""
    (home / ".config").mkdir(parents=True)
    (home / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    (home / ".DS_Store").write_bytes(b"Bud1")


@pytest.mark.parametrize(
    ("builddir", "problem"),
    [
        (".", "is the book's folder, or holds it"),
        ("..", "is the book's folder, or holds it"),
        ("../notes", "holds notes.txt, which no build writes"),
        ("chapters", "is one of the book's own folders, or inside one"),
        ("_static/out", "is one of the book's own folders, or inside one"),
        ("conf.py", "is not a folder"),
        ("../link-to-chapters", "is one of the book's own folders, or inside one"),
        ("_build", None),
        ("_build/preview", None),
        ("_build/html", "is a folder the builds into a build folder write, or inside one"),
        ("_build/pdf.new", "is a folder the builds into a build folder write, or inside one"),
        ("_build/doctrees/editions", "is a folder the builds into a build folder write, or inside one"),
        ("_build/preview/html", "is a folder the builds into a build folder write, or inside one"),
        ("out", None),
        ("a-new-folder", None),
        ("../a-folder-beside-the-book", None),
        ("../www", "holds html, which no build of the book wrote (its builds leave www.lock)"),
        ("../fresh", None),
        ("../used-on-a-usb-drive", None),
        ("../home", "holds .bashrc, .config, which no build writes"),
    ],
)
def test_a_build_folder_is_outside_the_book_or_at_its_top_holding_only_what_builds_write(
    book_with_folders, builddir, problem
):
    assert build_folder_problem(book_with_folders / builddir, book_with_folders) == problem


@pytest.mark.parametrize(
    ("builddir", "problem"),
    [("chapters", "is one of the book's own folders, or inside one"), ("..", "is the book's folder, or holds it")],
)
def test_make_clean_refuses_the_books_own_folder_or_one_that_holds_it_and_leaves_it_whole(tmp_path, builddir, problem):
    book = copy_book(tmp_path / "book")
    result = start_make(book, "clean", f"BUILDDIR={builddir}")
    stdout, stderr = result.communicate()
    assert result.returncode != 0
    assert f"{builddir} {problem}" in stderr, stderr
    assert len(list((book / "chapters").glob("*.md"))) == 8


def test_make_clean_leaves_a_home_folder_whole(tmp_path):
    """make clean BUILDDIR=~: a home folder, which holds hidden files alone, is no build folder."""
    book, home = copy_book(tmp_path / "book"), tmp_path / "home"
    make_home(home)
    result = start_make(book, "clean", f"BUILDDIR={home}")
    _stdout, stderr = result.communicate()
    assert result.returncode != 0
    assert f"{home} holds .bashrc, .config, which no build writes" in stderr, stderr
    assert (home / ".bashrc").is_file()


def test_a_build_puts_back_or_removes_only_the_editions_set_aside(tmp_path):
    """A kill between a publish's two renames leaves an edition set aside (html.old); the next build puts it back,
    and leaves every other folder ending in .old, which no build set aside, as it is."""
    for name in ("html.old", "pdf", "pdf.old", "notes.old"):
        (tmp_path / name).mkdir()
    recover_from_killed_publishing(tmp_path, "epub")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["html", "notes.old", "pdf"]


def test_make_serve_checks_its_build_folder_and_claims_it(tmp_path):
    """make serve writes into the build folder without taking its lock: it checks the folder first (the book's
    folder's parent is refused), and leaves the lock file that marks the folder as one its builds wrote."""
    book = copy_book(tmp_path / "book")
    check = [sys.executable, "scripts/build_edition.py", "--builddir"]
    refused = subprocess.run([*check, "..", "check"], cwd=book, capture_output=True, text=True)
    assert refused.returncode != 0 and ".. is the book's folder, or holds it" in refused.stderr
    claimed = subprocess.run([*check, "../preview", "check"], cwd=book, capture_output=True, text=True)
    assert claimed.returncode == 0, claimed.stderr
    assert (tmp_path / "preview.lock").is_file()

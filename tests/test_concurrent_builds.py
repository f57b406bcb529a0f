"""Builds started at once in one book folder take turns: of two `make html`
started together, one says it waits for the other, both pass, and the edition
is whole afterwards, without what an interrupted build had left in its staging
folder; a second `make serve` of one folder stops at once rather than write
into the first one's preview; and `make clean` waits on the lock the builds
hold, the build folder named with a final "/" or without. A build folder
that is the book's, one of its folders or inside one (where a build would
read, or copy into itself, what it writes), or one make cannot quote, is
refused before anything runs. The two builds are conftest.py's
`html_built_twice_at_once`."""

import subprocess

import pytest

from book import BOOK, copy_book, plain, read_facts, start_make

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
        assert "--builddir _build html" in commands and "flock _build.lock rm -rf _build" in commands, commands


def make_dry_run(builddir):
    return subprocess.run(["make", "-n", "html", f"BUILDDIR={builddir}"], cwd=BOOK, capture_output=True, text=True)


@pytest.mark.parametrize("builddir", [".", "chapters", "_static", "_static/out", "chapters/out", "it's", "a b"])
def test_a_build_folder_in_the_books_own_or_one_make_cannot_quote_is_refused(builddir):
    result = make_dry_run(builddir)
    assert result.returncode != 0
    assert f"BUILDDIR={builddir}" in result.stderr and "choose" in result.stderr, result.stderr


@pytest.mark.parametrize("builddir", ["_build", "a-new-folder", "../a-folder-beside-the-book"])
def test_a_build_folder_at_the_books_top_or_outside_it_is_taken(builddir):
    assert make_dry_run(builddir).returncode == 0

"""Builds started at once in one book folder take turns: every one passes, and
each edition is whole afterwards; a build clears the staging folders an
interrupted one left behind; a second `make serve` of one folder stops at once
rather than write into the first one's preview."""

import subprocess
import zipfile

from pypdf import PdfReader

from book import copy_book, read_facts, start_make


def test_builds_started_together_all_pass_and_leave_whole_editions(tmp_path):
    book = copy_book(tmp_path / "book")
    build = book / "_build"
    # What an interrupted build leaves: staging folders half written.
    (build / "html.new" / "chapters").mkdir(parents=True)
    (build / "html.new" / "chapters" / "stale.html").write_text("left by an interrupted build")
    (build / "pdf.new").mkdir()

    runs = [start_make(book, target) for target in ["html", "all", "html"]]
    for run in runs:
        stdout, stderr = run.communicate()
        assert run.returncode == 0, stdout + stderr

    pages = {path.relative_to(build / "html").as_posix() for path in (build / "html").rglob("*.html")}
    facts = read_facts(book)
    assert {"index.html", "people.html", "genindex.html"} | {fact.html_name for fact in facts} <= pages
    assert "chapters/stale.html" not in pages
    for fact in facts:
        assert fact.title in (build / "html" / fact.html_name).read_text(encoding="utf-8").replace("’", "'")
    (epub,) = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        assert archive.testzip() is None
    (pdf,) = (build / "pdf").glob("*.pdf")
    assert len(PdfReader(pdf).outline) > len(facts)
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

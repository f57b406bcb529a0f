"""WeasyPrint lays the print edition out in a process of its own, and what goes
wrong there still stops the build: a warning it logs (a stylesheet rule it
cannot use) fails the build with that warning, never a traceback; a layout
that fails outright fails the build, saying why, and leaves no PDF."""

from book import build_errors, copy_book, sphinx_build

UNKNOWN_PROPERTY = "p { colr: red; }"


def test_a_weasyprint_warning_stops_the_print_edition(tmp_path):
    book = copy_book(tmp_path / "book")
    stylesheet = book / "_themes" / "print" / "static" / "print.css"
    text = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(f"{text}{UNKNOWN_PROPERTY}\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    result = sphinx_build(book, tmp_path / "pdf", "pdf")
    assert result.returncode != 0
    assert any(f"WeasyPrint: Ignored `colr: red` at {line}:5" in error for error in build_errors(result)), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_failed_layout_stops_the_print_edition(tmp_path):
    book = copy_book(tmp_path / "book")
    with (book / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\npdf_variant = "pdf/no-such-variant"\n')
    result = sphinx_build(book, tmp_path / "pdf", "pdf")
    assert result.returncode != 0
    assert "WeasyPrint failed to lay out" in result.stderr and "pdf/no-such-variant" in result.stderr, result.stderr
    assert not list((tmp_path / "pdf").glob("*.pdf"))

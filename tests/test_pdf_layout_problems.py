"""WeasyPrint lays the print edition out, and what goes
wrong there still stops the build: a warning it logs (a stylesheet rule it
cannot use) fails the build with that warning, never a traceback; a layout
that fails outright fails the build, saying why, and leaves no PDF."""

import pytest

from background import built, in_background
from book import build_errors, copy_book, sphinx_build

UNKNOWN_PROPERTY = "p { colr: red; }"


@in_background("failed_layouts")
def lay_out_broken_books(folder):
    """The results of two PDF builds in copies of the book: one whose stylesheet has a rule WeasyPrint
    warns of (with that rule's line), one whose PDF variant WeasyPrint does not know (with its output)."""
    warned = copy_book(folder / "warned")
    stylesheet = warned / "_themes" / "print" / "static" / "print.css"
    text = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(f"{text}{UNKNOWN_PROPERTY}\n", encoding="utf-8")
    failed = copy_book(folder / "failed")
    with (failed / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\npdf_variant = "pdf/no-such-variant"\n')
    return {
        "warning": (sphinx_build(warned, folder / "warned-pdf", "pdf"), len(text.splitlines()) + 1),
        "failure": (sphinx_build(failed, folder / "failed-pdf", "pdf"), folder / "failed-pdf"),
    }


@pytest.fixture
def failed_layouts(request):
    return built(request, "failed_layouts")


def test_a_weasyprint_warning_stops_the_print_edition(failed_layouts):
    result, line = failed_layouts["warning"]
    assert result.returncode != 0
    assert any(f"WeasyPrint: Ignored `colr: red` at {line}:5" in error for error in build_errors(result)), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_failed_layout_stops_the_print_edition(failed_layouts):
    result, outdir = failed_layouts["failure"]
    assert result.returncode != 0
    assert "WeasyPrint failed to lay out" in result.stderr and "pdf/no-such-variant" in result.stderr, result.stderr
    assert not list(outdir.glob("*.pdf"))

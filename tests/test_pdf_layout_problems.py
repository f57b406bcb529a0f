"""WeasyPrint lays the print edition out, and what goes
wrong there still stops the build: a warning it logs (a stylesheet rule it
cannot use) fails the build with that warning, never a traceback; a layout
that fails outright fails the build, saying why, and leaves no PDF; a
character the print typeface lacks stops the build at its file and line
before any layout, and one its bold faces lack in bold text."""

import pytest

from background import built, in_background
from book import build_errors, copy_book, sphinx_build
from pdf_edition import unprintable

UNKNOWN_PROPERTY = "p { colr: red; }"
SNOWMAN = "The {index}`snowman <Snowman \N{SNOWMAN}>` melted."  # the index prints the entry as given
SONG = "The song \N{MICROPHONE} \N{CJK UNIFIED IDEOGRAPH-6620}\N{CJK UNIFIED IDEOGRAPH-753B} played on."
# The sharp is in the regular face alone, the S with a comma below in all but the bold italic.
SHARP = "It was in F\N{MUSIC SHARP SIGN}, and **in F\N{MUSIC SHARP SIGN} minor** too."
COMMA_S = "**\u0218tefan** said so, *as did **\u0218tefan***."
IN_A_HEADING = "## Later\n\n### On **\u0218tefan**"  # a third-level heading, in italics


@in_background("failed_layouts")
def lay_out_broken_books(folder):
    """The results of three PDF builds in copies of the book: one whose stylesheet has a rule WeasyPrint
    warns of (with that rule's line), one whose PDF variant WeasyPrint does not know (with its output), one
    whose Fact 2 ends with characters the print typeface lacks, in its text and in an index entry, and ones its
    bold faces lack, in bold and in bold italics (in emphasis and in an italic heading; and in the bold face that
    has it), and whose author is named with one (with the chapter and the text's line)."""
    warned = copy_book(folder / "warned")
    stylesheet = warned / "_themes" / "print" / "static" / "print.css"
    text = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(f"{text}{UNKNOWN_PROPERTY}\n", encoding="utf-8")
    failed = copy_book(folder / "failed")
    with (failed / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\npdf_variant = "pdf/no-such-variant"\n')
    unprintable = copy_book(folder / "unprintable")
    chapter = next((unprintable / "chapters").glob("02-*.md"))
    added = f"\n{SONG}\n\n{SNOWMAN}\n\n{SHARP}\n\n{COMMA_S}\n\n{IN_A_HEADING}\n"
    chapter.write_text(chapter.read_text(encoding="utf-8") + added, encoding="utf-8")
    line = len(chapter.read_text(encoding="utf-8").splitlines()) - 10
    with (unprintable / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nauthor = "The \N{SNOWMAN} book team"\n')
    return {
        "warning": (sphinx_build(warned, folder / "warned-pdf", "pdf"), len(text.splitlines()) + 1),
        "failure": (sphinx_build(failed, folder / "failed-pdf", "pdf"), folder / "failed-pdf"),
        "unprintable": (sphinx_build(unprintable, folder / "unprintable-pdf", "pdf"), chapter, line),
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


def test_a_character_the_print_typeface_lacks_stops_the_print_edition_at_its_line(failed_layouts):
    """Before any page is laid out: WeasyPrint would print a box for it, and warn without saying where."""
    result, chapter, line = failed_layouts["unprintable"]
    assert result.returncode != 0
    author, song, sharp, comma_s, heading, snowman = build_errors(result)
    assert song.startswith(f"{chapter}:{line}: ERROR: the print typeface has no "), song
    assert all(f"(U+{ord(character):04X})" in song for character in "\N{MICROPHONE}\u6620\u753b"), song
    assert snowman.startswith(f"{chapter}:{line + 2}: ERROR: the print typeface has no \N{SNOWMAN} (U+2603)")
    assert sharp.startswith(
        f"{chapter}:{line + 4}: ERROR: the print typeface's bold has no \N{MUSIC SHARP SIGN} (U+266F): the PDF would "
        "print another character in its place"
    ), sharp
    assert comma_s.startswith(f"{chapter}:{line + 6}: ERROR: the print typeface's bold has no \u0218 (U+0218)"), comma_s
    assert heading.startswith(f"{chapter}:{line + 10}: ERROR: the print typeface's bold has no \u0218"), heading
    conf = chapter.parent.parent / "conf.py"
    assert author.startswith(f"ERROR: {conf}: author: the print typeface has no \N{SNOWMAN}"), author


def test_spaces_and_invisible_format_characters_are_no_characters_to_print():
    typeface = {ord(character) for character in "Fact"}
    assert unprintable("Fact\N{NO-BREAK SPACE}\N{SOFT HYPHEN}\N{ZERO WIDTH SPACE}\n", typeface) == []
    assert unprintable("Fact \N{MICROPHONE}", typeface) == ["\N{MICROPHONE}"]

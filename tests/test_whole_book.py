"""A book that is not whole stops the build before anything is written, with an
error naming the file and, where there is one, the line, and never a traceback:
a second top-level heading or a missing title or label in a fact chapter, a
fact's number typed by hand rather than cross-referenced, an
unclosed fence, active content in any source, a source that is not UTF-8, a
glossary entry without a definition, defined twice, run on from the one above
or referenced by no chapter, anything in chapters/ that is not a chapter, a missing font. Files
that are never sources (hidden and backup files) and a byte-order mark do not
stop it."""

import os
import shutil

import pytest

from book import broken_build, build_errors, copy_book, sphinx_build


def chapter(book, prefix):
    (path,) = (book / "chapters").glob(f"{prefix}-*.md")
    return path


def append(path, text):
    """Add lines at the end of a source; return the number of the first one."""
    existing = path.read_text(encoding="utf-8")
    first = len(existing.splitlines()) + 1
    path.write_text(existing + text, encoding="utf-8")
    return first


def line_of(path, text):
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def at(path, book, line=None):
    """How an error names a place: path relative to the book, and the line."""
    name = path.relative_to(book).as_posix()
    return f"{name}:{line}:" if line else name


# Each breakage breaks a copy of the book and returns what the error must name.

def appended(source, text, offset=1):
    """A breakage that adds `text` at the end of `source` (a chapter's prefix, or a file's name);
    the error must name the line `offset` lines into the added text."""
    def breakage(book):
        path = chapter(book, source) if source.isdigit() else book / source
        return at(path, book, append(path, text) + offset)
    return breakage


APPENDED = {
    "second_atx_heading": appended("02", "\n# Another Title\n\nText.\n"),
    "second_setext_heading": appended("03", "\nAnother Title\n=============\n\nText.\n"),
    "colon_fence_unclosed": appended("02", "\n:::{note}\nA note never closed.\n\nMore text.\n"),
    "backtick_directive_unclosed": appended("07", "\n```{tip}\nA tip never closed.\n"),
    "fence_unclosed_inside_a_closed_one": appended("08", "\n::::{note}\n:::{tip}\nInner, never closed.\n::::\n", 2),
    "fact_number_typed": appended("03", "\nAs Fact 12 shows, the roses mattered.\n"),
    "fact_number_typed_across_lines": appended("06", "\nAs Fact\n8 tells.\n"),
    "script_element": appended("02", "\n<script>alert(1)</script>\n"),
    "event_handler_inline": appended("03", '\nA <span onclick="alert(1)">click</span> here.\n'),
    "frame_in_the_front_page": appended("index.md", '\n<iframe src="https://example.org/"></iframe>\n'),
    "raw_directive": appended("04", '\n```{raw} html\n<object data="movie.swf"></object>\n```\n'),
    "script_link_in_restructuredtext": appended("05", "\n```{eval-rst}\n`Click <javascript:alert(1)>`_\n```\n", 2),
}


def heading_marker_forgotten(book):
    path = chapter(book, "04")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n# ", "\n", 1), encoding="utf-8")
    return at(path, book)


def title_left_empty(book):
    path = chapter(book, "03")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("# "))
    lines[line - 1] = "#\n"
    path.write_text("".join(lines), encoding="utf-8")
    return at(path, book, line)


def front_matter_only(book):
    path = chapter(book, "05")
    path.write_text("---\nfact: 5\n---\n", encoding="utf-8")
    return at(path, book)


def label_line_removed(book):
    path = chapter(book, "06")
    text = path.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if line.startswith("(fact-"))
    path.write_text(text.replace(label + "\n", "", 1), encoding="utf-8")
    return at(path, book, next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith("# ")))


def script_link_in_the_glossary(book):
    path = book / "people.md"
    line = line_of(path, "Tony Bennett") + 1
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = text[line - 1].rstrip("\n") + ' <a href="jav&#x61;script:alert(1)">More</a>\n'
    path.write_text("".join(text), encoding="utf-8")
    return at(path, book, line)


def latin1(path, old, new):
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    line = text[:text.index(new)].count("\n") + 1
    path.write_bytes(text.encode("latin-1", "replace"))
    return line


def chapter_in_latin1(book):
    path = chapter(book, "02")
    return at(path, book, latin1(path, "Glastonbury", "Glastonbüry"))


def glossary_in_latin1(book):
    path = book / "people.md"
    return at(path, book, latin1(path, "Tony Bennett\n", "Tony Bénnett\n"))


def front_page_in_utf16(book):
    path = book / "index.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return at(path, book, 1)


def drop_definition(path, term):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines.index(term + "\n") + 1
    del lines[line]
    path.write_text("".join(lines), encoding="utf-8")
    return line


def glossary_entry_without_definition_mid_list(book):
    path = book / "people.md"
    return at(path, book, drop_definition(path, "Tony Bennett"))


def glossary_entry_run_on(book):
    """An entry written straight below the previous definition, with no empty line between."""
    path = book / "people.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines.index("Tony Bennett\n") + 1
    assert lines[line - 2] == "\n"
    del lines[line - 2]
    path.write_text("".join(lines), encoding="utf-8")
    return at(path, book, line - 1)


def add_glossary_entry(path, entry):
    """Add an entry at the end of the glossary; return the line of its term."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = len(lines) - 1 - lines[::-1].index(":::\n")
    lines[end:end] = ["\n", entry]
    path.write_text("".join(lines), encoding="utf-8")
    return end + 2


def last_glossary_entry_without_definition(book):
    path = book / "people.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    end = len(lines) - 1 - lines[::-1].index(":::")
    last = next(line for line in reversed(lines[:end]) if line and not line[0].isspace())
    return at(path, book, drop_definition(path, last))


def glossary_entry_twice(book):
    path = book / "people.md"
    return at(path, book, add_glossary_entry(path, "Tony Bennett\n   Again.\n"))


def person_no_chapter_references(book):
    path = book / "people.md"
    return at(path, book, add_glossary_entry(path, "Nobody In Particular\n   Real person, named by no chapter.\n"))


def other_suffix_in_chapters(book):
    (book / "chapters" / "09-ninth.markdown").write_text("---\nfact: 9\n---\n\n(fact-ninth)=\n# Ninth\n")
    return "chapters/09-ninth.markdown"


def dangling_link_in_chapters(book):
    os.symlink("nowhere.md", book / "chapters" / "09-gone.md")
    return "chapters/09-gone.md"


def folder_in_chapters(book):
    (book / "chapters" / "09-drafts").mkdir()
    return "chapters/09-drafts"


EDITED = [
    heading_marker_forgotten, title_left_empty, front_matter_only, label_line_removed, script_link_in_the_glossary,
    chapter_in_latin1, glossary_in_latin1, front_page_in_utf16,
    glossary_entry_without_definition_mid_list, last_glossary_entry_without_definition, glossary_entry_twice,
    glossary_entry_run_on, other_suffix_in_chapters, dangling_link_in_chapters, folder_in_chapters,
]
BREAKAGES = APPENDED | {breakage.__name__: breakage for breakage in EDITED}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_the_build_stops_naming_the_file_and_line(tmp_path, breakage):
    result = broken_build(tmp_path, breakage)
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "html" / "index.html").exists(), "an edition was written"


def test_a_person_no_chapter_references_fails_the_build_at_the_entry(tmp_path):
    """Reported once every reference is resolved, so a renamed entry shows beside the chapters using the old name."""
    book = copy_book(tmp_path / "book")
    place = person_no_chapter_references(book)
    result = sphinx_build(book, tmp_path / "html")
    assert result.returncode != 0
    assert any(place in line and "referenced by no fact chapter" in line for line in build_errors(result)), \
        result.stderr


def test_a_second_heading_is_caught_where_readers_see_the_numbers(tmp_path):
    """The section numbers every edition shows are checked too: each later fact names itself."""
    book = copy_book(tmp_path / "book")
    BREAKAGES["second_atx_heading"](book)
    result = sphinx_build(book, tmp_path / "html")
    assert f"{chapter(book, '03').relative_to(book).as_posix()}: ERROR: is fact 3, but readers would see it as " \
           "fact 4" in result.stderr


@pytest.mark.parametrize("name", ["heading_marker_forgotten", "front_matter_only", "colon_fence_unclosed"])
def test_the_print_edition_stops_naming_the_file(tmp_path, name):
    book = copy_book(tmp_path / "book")
    place = BREAKAGES[name](book)
    result = sphinx_build(book, tmp_path / "pdf", "pdf")
    assert result.returncode != 0
    assert any(place in line for line in build_errors(result)), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not list((tmp_path / "pdf").glob("*.pdf"))


def test_a_missing_font_folder_stops_the_print_edition_naming_it(tmp_path):
    book = copy_book(tmp_path / "book")
    fonts = book / "_themes" / "print" / "static" / "fonts"
    shutil.rmtree(fonts)
    result = sphinx_build(book, tmp_path / "pdf", "pdf")
    assert result.returncode != 0
    assert any(f"{fonts}/LinLibertine_R.otf: missing" in line for line in build_errors(result)), result.stderr
    assert not list((tmp_path / "pdf").glob("*.pdf"))


def test_editor_and_system_files_and_a_byte_order_mark_do_not_stop_the_build(tmp_path):
    book = copy_book(tmp_path / "book")
    chapters = book / "chapters"
    first = chapter(book, "01")
    (chapters / f"._{first.name}").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X\xff\xfe")
    (chapters / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\xff")
    (chapters / f".{first.name}.swp").write_bytes(b"b0VIM 9.0\xff")
    (chapters / f"{first.name}~").write_text("an editor's backup")
    second = chapter(book, "02")
    second.write_bytes(b"\xef\xbb\xbf" + second.read_bytes())
    result = sphinx_build(book, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "html" / "chapters").glob("*.html")) == \
        sorted(f"{path.stem}.html" for path in chapters.glob("[0-9]*.md"))

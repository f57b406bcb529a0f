"""The PDF is a finished book file: A5, fonts embedded, metadata and tags present, each fact on a page of its
own with no blank page between two, the first on a right-hand page, one heading in the structure tree for each
heading of the book (the contents' and the index letters' too), its text in black ink alone, the article's
title in its colophon set as the front page sets it, and reproducible: a second `make all` at the same
SOURCE_DATE_EPOCH, in a copy of the book in another folder, gives the same bytes."""

from datetime import UTC, datetime

from book import CONF, SOURCE_DATE_EPOCH, plain
from pdf import colours, structure_elements

A5 = (419.53, 595.28)  # points
FILM = "A Star Is Born"


def fonts(pdf):
    """Each font the pages use, by name, with its descriptor."""
    found = {}
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                found[str(descendant["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    return found


def test_pages_are_a5(pdf):
    for page in pdf.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A5


def test_each_fact_opens_a_page_the_first_a_right_hand_one_and_no_blank_page_parts_two(pdf, facts):
    begins = [pdf.get_destination_page_number(pdf.named_destinations[fact.label]) for fact in facts]
    assert begins[0] % 2 == 0, "the first fact opens on a left-hand page"  # page 1 is a right-hand page
    assert begins == sorted(set(begins))
    blank = [number + 1 for number in range(begins[0], begins[-1]) if not pdf.pages[number].extract_text().strip()]
    assert blank == []


def test_every_font_is_embedded_and_is_the_books_serif(pdf):
    used = fonts(pdf)
    assert used
    for name, descriptor in used.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"
        assert "Libertine" in name, f"{name} is a fallback, not the book's typeface"


def test_metadata_names_the_book(pdf):
    info = pdf.metadata
    assert info.title == CONF["project"]
    assert info.author == CONF["author"]
    assert info.subject == CONF["description"]
    assert [word.strip() for word in info["/Keywords"].split(",")] == CONF["pdf_keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == CONF["language"]
    date = datetime.fromtimestamp(SOURCE_DATE_EPOCH, UTC)
    assert info.creation_date == date and info.modification_date == date


def test_pdf_is_tagged_as_pdf_ua(pdf):
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_a_second_build_elsewhere_at_the_same_date_is_byte_identical(pdf_file, published_again):
    (again,) = (published_again / "pdf").glob("*.pdf")
    assert again.read_bytes() == pdf_file.read_bytes()


def test_the_colophon_sets_the_articles_title_in_italics_and_the_film_within_it_upright(pdf):
    """As the front page sets the article's title, and as a title within an italic title is set."""
    runs = []
    page = next(page for page in pdf.pages if "Retold from the article" in page.extract_text())
    page.extract_text(visitor_text=lambda text, _cm, _tm, font, _size: runs.append((text, font)))
    words = [(plain(word), "Italic" in str(font["/BaseFont"])) for text, font in runs for word in text.split()]
    title = CONF["source_title"].split()
    start = [word for word, _italic in words].index("article") + 1  # "Retold from the article …"
    film = title.index(FILM.split()[0])
    upright = range(film, film + len(FILM.split()))
    assert words[start : start + len(title)] == [(word, position not in upright) for position, word in enumerate(title)]


def test_each_heading_is_one_heading_in_the_structure_tree(pdf, print_page):
    """A screen reader lists a fact's heading once: WeasyPrint tags a block inside a heading as a heading too."""
    elements = structure_elements(pdf)
    headings = [ancestors for element, ancestors in elements if str(element["/S"]) == "/H1"]
    assert not [ancestors for ancestors in headings if "/H1" in ancestors]
    assert len(headings) == len(print_page.select("h1")) > 0


def test_the_contents_and_the_index_letters_are_headings(pdf, print_page):
    """The contents' title and parts, and each letter of the index, are headings, which a screen reader moves
    between, as every other title of the book is."""
    added = print_page.select(".contents .rubric, .book-index .rubric")
    assert added and {rubric.name for rubric in added} == {"h2"}
    assert [rubric.get_text() for rubric in added][0] == "Contents"
    tagged = [element for element, _ancestors in structure_elements(pdf) if str(element["/S"]) == "/H2"]
    assert len(tagged) == len(print_page.select("h2"))


def test_the_text_is_printed_in_black_ink_alone(pdf):
    """Black as a printer sets text, 100% K in CMYK: RGB black would be printed in four inks, never quite in
    register at 8.5 to 10.5 points."""
    assert colours(pdf) == {("0 0 0 1", "scn")}

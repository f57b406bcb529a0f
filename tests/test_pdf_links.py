"""Every link in the PDF jumps to the page that prints its target, and the printed page numbers are right; every
link is tagged as a link, as PDF/UA-1 wants."""

import re
from collections import Counter
from itertools import takewhile

from bs4 import NavigableString

from book import fact_label, index_names, people_mentioned, plain
from pdf import link_tags, normal, printed_below, text_runs
from pdf_edition.page_map import INDEX


def links(pdf):
    """(page index, destination name, rectangle) for each link annotation."""
    for number, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link" and "/Dest" in annotation:
                yield number, str(annotation["/Dest"]), [float(v) for v in annotation["/Rect"]]


def printed_target(print_page, anchor):
    """The text a reader should find where `anchor` lands: a heading, a glossary term, an indexed word."""
    element = print_page.find(id=anchor)
    if element.name == "section":
        return element.find(re.compile(r"^h[1-6]$")).get_text(" ")
    if "target" in element.get("class", []):  # the words after it in its paragraph: the page turns after it
        block = element.find_parent(["p", "dt", "dd", "li"])
        after = takewhile(lambda node: block in node.parents, element.next_elements)
        return "".join(s for s in after if isinstance(s, NavigableString))[:24]
    return element.get_text(" ")


def inside(rect, x, y):
    left, bottom, right, top = (
        min(rect[0], rect[2]),
        min(rect[1], rect[3]),
        max(rect[0], rect[2]),
        max(rect[1], rect[3]),
    )
    return left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1


def page_numbers_printed_in(rect, runs):
    return [int(text) for x, y, text in runs if text.strip().isdigit() and inside(rect, x, y)]


def test_ids_in_the_typeset_page_are_unique(print_page):
    ids = Counter(tag["id"] for tag in print_page.find_all(id=True))
    assert [anchor for anchor, count in ids.items() if count > 1] == []


def test_every_link_lands_on_the_page_that_prints_its_target(pdf, print_page):
    destinations = pdf.named_destinations
    found = list(links(pdf))
    assert len(found) > 100
    for _page, anchor, _rect in found:
        assert anchor in destinations, anchor
        destination = destinations[anchor]
        page = pdf.get_destination_page_number(destination)
        expected = normal(printed_target(print_page, anchor))
        assert expected, f"{anchor} marks no text: a link to it lands on whatever page it falls"
        assert expected in normal(printed_below(pdf, page, destination.top)), (anchor, page)


def test_kinds_of_link_are_all_there(pdf, facts):
    anchors = {anchor for _page, anchor, _rect in links(pdf)}
    assert {fact.label for fact in facts} <= anchors
    assert {"genindex", "people"} <= anchors
    assert any(anchor.startswith("term-") for anchor in anchors)
    assert any("index-" in anchor for anchor in anchors)


def test_contents_page_numbers_are_the_pages_where_facts_begin(pdf, facts):
    destinations = pdf.named_destinations
    (contents,) = [number for number, page in enumerate(pdf.pages) if page.extract_text().startswith("Contents")]
    runs = text_runs(pdf.pages[contents])
    listed = {}
    for page, anchor, rect in links(pdf):
        if page == contents:
            listed.setdefault(anchor, set()).update(page_numbers_printed_in(rect, runs))
    for fact in facts:
        start = pdf.get_destination_page_number(destinations[fact.label])
        assert listed[fact.label] == {start + 1}, fact.label
        assert fact_label(fact.number) in pdf.pages[start].extract_text()
    assert listed.keys() >= {"people", "genindex"}
    for anchor, printed in listed.items():
        assert printed == {pdf.get_destination_page_number(destinations[anchor]) + 1}, anchor


def test_a_link_to_a_fact_names_the_page_it_begins_on_in_the_text_and_in_appears_in(pdf, facts):
    begins = {fact.number: pdf.get_destination_page_number(pdf.named_destinations[fact.label]) + 1 for fact in facts}
    glossary = pdf.get_destination_page_number(pdf.named_destinations["people"])
    cited = {}
    for number, page in enumerate(pdf.pages):
        text = " ".join(page.extract_text().split())
        cited[number] = [(int(fact), int(page)) for fact, page in re.findall(r"Fact (\d+) \(page (\d+)\)", text)]
    assert all(begins[fact] == page for citations in cited.values() for fact, page in citations), cited
    assert any(cited[number] for number in range(glossary)) and cited[glossary], cited


def test_the_front_matter_points_to_the_glossary_and_the_index_by_their_pages(pdf):
    """In print, "How to read it" names the page of the glossary and of the index it sends a reader to; the
    names of people in the front page's lead stay as they are, as in the facts."""
    page_of = {
        anchor: pdf.get_destination_page_number(pdf.named_destinations[anchor]) + 1 for anchor in ("people", INDEX)
    }
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert f"glossary of people (page {page_of['people']})" in text
    assert f"index (page {page_of[INDEX]}) lists" in text
    assert "Lady Gaga (page" not in text


def test_pages_print_their_own_number(pdf, facts):
    destinations = pdf.named_destinations
    for fact in facts:
        start = pdf.get_destination_page_number(destinations[fact.label])
        folio = min(text_runs(pdf.pages[start]), key=lambda run: run[1])
        assert folio[2].strip() == str(start + 1), fact.label


def test_index_page_numbers_are_the_pages_they_link_to(pdf):
    (index,) = [number for number, page in enumerate(pdf.pages) if page.extract_text().startswith("Index")]
    destinations = pdf.named_destinations
    runs = text_runs(pdf.pages[index])
    checked = 0
    for page, anchor, rect in links(pdf):
        if page == index:
            target = pdf.get_destination_page_number(destinations[anchor])
            assert page_numbers_printed_in(rect, runs) == [target + 1], anchor
            checked += 1
    assert checked > 20


def test_a_persons_index_entry_gives_the_pages_of_the_facts_that_name_them_then_the_glossarys(pdf, facts):
    begins = {fact.number: pdf.get_destination_page_number(pdf.named_destinations[fact.label]) + 1 for fact in facts}
    (index,) = [number for number, page in enumerate(pdf.pages) if page.extract_text().startswith("Index")]
    text = plain(" ".join(" ".join(page.extract_text().split()) for page in pdf.pages[index:]))
    for person, filed_as in index_names().items():
        pages = [int(number) for number in re.search(rf"{re.escape(filed_as)}, ([\d, ]+)", text)[1].split(", ")]
        named_in = [begins[fact.number] for fact in facts if person in people_mentioned(fact)]
        assert pages[:-1] == named_in and len(pages) == len(named_in) + 1, (person, pages)


def test_every_link_annotation_is_tagged_as_a_link(pdf):
    """WeasyPrint (70) tags a link annotation of an element inside a link as a span of text."""
    tags = link_tags(pdf)
    assert set(tags) == {"/Link"}, tags

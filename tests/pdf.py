"""What the PDF tests share: reading the print edition's text, places and outline."""

import re
from collections import Counter

from book import plain


def normal(text):
    """Letters and digits only, so that line breaks, hyphenation and quotes do not matter."""
    return re.sub(r"[^a-z0-9]", "", plain(text).lower())


def text_runs(page):
    """(x, y, text) for each run of text the page prints."""
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x, y = tm[4], tm[5]
            runs.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return runs


def outline(pdf, items=None, depth=0):
    """(depth, bookmark, page index) for each bookmark, in order."""
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            yield from outline(pdf, item, depth + 1)
        else:
            yield depth, item, pdf.get_destination_page_number(item)


def page_text_runs(pdf, page):
    """text_runs of the page numbered `page` (from 0), read once per PDF: reading a page's text is slow."""
    read = vars(pdf).setdefault("_text_runs_by_page", {})
    if page not in read:
        read[page] = text_runs(pdf.pages[page])
    return read[page]


def printed_below(pdf, page, top):
    """The text a page prints at or below the height `top`: what a link or bookmark there shows first."""
    return "".join(text for _x, y, text in page_text_runs(pdf, page) if y <= float(top) + 1)


def structure_elements(pdf):
    """(element, the structure types of its ancestors) for each element of the PDF's structure tree."""
    found, waiting = [], [(pdf.trailer["/Root"]["/StructTreeRoot"], ())]
    while waiting:
        element, ancestors = waiting.pop()
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                found.append((kid, ancestors))
                waiting.append((kid, (*ancestors, str(kid["/S"]))))
    return found


def link_tags(pdf):
    """How many of the PDF's link annotations its structure tree tags as each type: PDF/UA-1 (7.18.5) nests
    each in a Link element, which a screen reader announces as a link."""
    parents, trees = {}, [pdf.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]]
    while trees:  # a number tree
        tree = trees.pop().get_object()
        numbers = tree.get("/Nums", [])
        parents.update({int(key): value for key, value in zip(numbers[::2], numbers[1::2], strict=True)})
        trees += tree.get("/Kids", [])
    return Counter(
        str(parents[annotation.get_object()["/StructParent"]].get_object()["/S"])
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    )


# A colour operator of a page's content stream: its operands, and the operator (rg, k, scn...).
COLOUR = re.compile(r"(?<![\w/.])((?:[\d.]+ )+)(rg|RG|g|G|k|K|sc|SC|scn|SCN)\b")


def colours(pdf):
    """(operands, operator) of every colour the PDF's pages set."""
    return {
        (operands.strip(), operator)
        for page in pdf.pages
        for operands, operator in COLOUR.findall(page.get_contents().get_data().decode("latin-1"))
    }

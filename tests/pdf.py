"""What the PDF tests share: reading the print edition's text, places and outline."""

import re

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

"""Where each printed page begins, as a map the EPUB can place page breaks by.

The print build writes, beside the PDF, one entry per page of the laid-out
book (WeasyPrint's pages): the page's number, the source document its first
text comes from, and that text, from the first text box on the page on, long
enough to find it again in the EPUB. Text that only the print edition prints
(the colophon, the printed contents, the "Fact N" label over a title, page
numbers the stylesheet generates) is passed over: a page that prints nothing
else, such as a blank left-hand page before a fact, has no text, and the EPUB
puts its break together with the next page's.
"""

import json
import re

PAGE_MAP_NAME = "page-map.json"
# Classes of the elements only the print edition prints (see pdf_builder).
PRINT_ONLY = {"fact-label", "byline", "colophon", "contents", "page-ref"}
DOCUMENT_PREFIX = "document-"
INDEX_ID = "genindex"
# Letters and digits of a page's first text that are kept to find it again.
TEXT_LENGTH = 80


def normal(text):
    """Letters and digits only, so that line breaks, hyphenation and spacing do not matter."""
    return re.sub(r"[\W_]", "", text.lower())


def _documents_and_print_only(root, first_document):
    """For each element of the page: the source document it comes from, and whether only print has it."""
    found = {}
    document = first_document

    def visit(element, print_only):
        nonlocal document
        element_id = element.get("id", "")
        if element_id.startswith(DOCUMENT_PREFIX):
            document = element_id.removeprefix(DOCUMENT_PREFIX)
        elif element_id == INDEX_ID:
            document = INDEX_ID
        print_only = print_only or bool(PRINT_ONLY & set(element.get("class", "").split()))
        found[element] = (document, print_only)
        for child in element:
            visit(child, print_only)

    visit(root, False)
    return found


def _text_boxes(box):
    """The text boxes of a page's content, in order, leaving out its margins (running heads, folios)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _text_boxes(child)


def page_map(html, document, root_doc):
    """One entry per page of WeasyPrint's `document`, laid out from `html`: {"page", "document", "text"}."""
    pages = document.pages
    elements = _documents_and_print_only(html.etree_element, root_doc)
    shared = []  # (page index, document, normalized text) of each box the EPUB also has
    for index, page in enumerate(pages):
        for box in _text_boxes(page._page_box):
            docname, print_only = elements[box.element]
            text = normal(box.text)
            if text and not print_only and "::" not in box.element_tag:
                shared.append((index, docname, text))
    entries = [{"page": str(index + 1), "document": None, "text": ""} for index in range(len(pages))]
    for position, (index, docname, _text) in enumerate(shared):
        entry = entries[index]
        if entry["document"] is not None:
            continue
        text = ""
        for _index, later_docname, later_text in shared[position:]:
            if later_docname != docname or len(text) >= TEXT_LENGTH:
                break
            text += later_text
        entry.update(document=docname, text=text[:TEXT_LENGTH])
    return entries


def write_page_map(html, document, root_doc, outdir):
    path = outdir / PAGE_MAP_NAME
    path.write_text(json.dumps(page_map(html, document, root_doc), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_page_map(path):
    """The page map at `path`, a file or a pipe (read once); None if it is empty."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if text else None

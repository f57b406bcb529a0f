"""Lays the print edition out and writes it: WeasyPrint, in a process of its own.

The PDF builder runs this file with the page it rendered, so the layout, the
build's largest step by far, shares its process with no Sphinx: neither
Sphinx's modules nor its environment are held while WeasyPrint holds the
laid-out book. It writes the PDF and its page map (print_page_map), and
reports each warning WeasyPrint logs as one line of JSON on its output, for
the builder to pass on.

The builder starts it as the build begins and sends what to lay out, one
line on its input, once the page is rendered, so WeasyPrint loads while
Sphinx reads the book. It reads that line, not to the end of its input,
which a process forked from the builder's (a multiprocessing manager) may
hold open.

    echo '{"page": ..., "pdf": ..., "root_doc": ..., "options": {...}}' | python print_layout.py
"""

import gc
import json
import logging
import sys
from pathlib import Path

import weasyprint

from print_page_map import write_page_map


class JSONLines(logging.Handler):
    """Each record's message, as one line of JSON on standard output."""

    def emit(self, record):
        print(json.dumps(record.getMessage()), flush=True)


class CollectBeforeRepagination(logging.Handler):
    """Free what the last layout pass threw away before the next one begins.

    The page numbers the book prints by reference (its contents, its index, a
    fact's link to another) send WeasyPrint through it more than once; the
    boxes a pass lays out and then discards (each text box with its Pango
    layout, memory outside Python's count) are garbage in cycles, which Python
    would otherwise keep until its next full collection, however late that
    comes.
    """

    def emit(self, record):
        if "Repagination" in record.getMessage():
            gc.collect()


def lay_out(page, pdf, root_doc, options):
    logging.getLogger("weasyprint").addHandler(JSONLines(logging.WARNING))
    progress = logging.getLogger("weasyprint.progress")
    progress.setLevel(logging.INFO)
    progress.addHandler(CollectBeforeRepagination())
    source = weasyprint.HTML(filename=page)
    book = source.render(**options)
    write_page_map(source, book, root_doc, Path(pdf).parent)
    # What only the layout needed (the boxes before pagination, their styles) is garbage in
    # cycles too: collected, its memory serves the writing of the PDF.
    gc.collect()
    book.write_pdf(pdf, **options)


if __name__ == "__main__":
    if line := sys.stdin.readline():  # none if the build stopped before its page, and ended
        lay_out(**json.loads(line))

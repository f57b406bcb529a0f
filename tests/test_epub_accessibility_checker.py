"""DAISY Ace, the publishing industry's accessibility checker for EPUB, finds
no violation of any impact in the e-reader edition (axe-core's rules in every
content document, and EPUB's own rules on the package), and finds every piece
of accessibility metadata it looks for filled in, except a conformance claim,
which the book does not make (its summary says so)."""

import json
import os
import shutil
import subprocess

from book import BOOK, require
from chromium import CHROMIUM

ACE = BOOK / "node_modules/.bin/ace-cli"
# Filled in only by a publication that claims conformance to EPUB Accessibility.
CONFORMANCE_CLAIM = {"dcterms:conformsTo", "a11y:certifiedBy", "a11y:certifierCredential", "a11y:certifierReport"}


def ace_report(epub_path, outdir):
    require(shutil.which("node"), "DAISY Ace needs Node.js: node is not on PATH")
    require(ACE.exists(), "DAISY Ace is not installed: `make test` installs it with npm into node_modules/")
    require(CHROMIUM, "DAISY Ace needs Chromium (Debian package chromium; .ci/run installs it)")
    result = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(outdir), str(epub_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM},
    )
    report = outdir / "report.json"
    assert report.exists(), f"Ace wrote no report (exit {result.returncode}):\n{result.stdout}{result.stderr}"
    return json.loads(report.read_text(encoding="utf-8"))


def violations(report):
    """(rule, impact, file, element) of each failed check."""
    return [
        (
            check["earl:test"]["dct:title"],
            check["earl:test"]["earl:impact"],
            document["earl:testSubject"]["url"],
            check["earl:result"].get("html", ""),
        )
        for document in report["assertions"]
        for check in document.get("assertions", [])
        if check["earl:result"]["earl:outcome"] != "pass"
    ]


def test_ace_finds_no_violation_and_no_missing_metadata(epub, tmp_path):
    report = ace_report(epub.path, tmp_path / "ace")
    found = violations(report)
    assert found == [], "Ace reports:\n" + "\n".join(" | ".join(violation) for violation in found)
    assert report["earl:result"]["earl:outcome"] == "pass"
    # Ace read the whole book: every document of the spine was checked.
    checked = {document["earl:testSubject"]["url"].lstrip("/") for document in report["assertions"]}
    assert set(epub.spine) <= checked
    metadata = report["a11y-metadata"]
    assert metadata["empty"] == []
    assert set(metadata["missing"]) <= CONFORMANCE_CLAIM, metadata["missing"]

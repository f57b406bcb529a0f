"""What the tests know about the book: its sources, and how to build them."""

import os
import posixpath
import re
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

BOOK = Path(__file__).resolve().parent.parent
# The scripts, and the book's own extensions (_ext/book_core: the rules the tests hold the book to).
sys.path[:0] = [str(BOOK / "scripts"), str(BOOK / "_ext")]
from scratch_book import copy_book, retitle  # noqa: E402,F401  (the tests' copies of the book)

CONF = runpy.run_path(str(BOOK / "conf.py"))  # the book's settings, as Sphinx reads them
READ_AT_TOP = {"conf.py", "index.md", "people.md"}  # the files at the book's top a build of it reads

SOURCE_DATE_EPOCH = 1767225600  # 2026-01-01T00:00:00Z: test builds carry a fixed date, so they compare byte for byte


TYPOGRAPHIC_QUOTES = str.maketrans("‘’“”", "''\"\"")


def chapter(book, prefix):
    """The chapter of a copy of the book whose file name starts with `prefix` ("02")."""
    (path,) = (book / "chapters").glob(f"{prefix}-*.md")
    return path


def append(path, text):
    """Add lines at the end of a source; the number of the first one."""
    existing = path.read_text(encoding="utf-8")
    path.write_text(existing + text, encoding="utf-8")
    return len(existing.splitlines()) + 1


def plain(text):
    """Text with curly quotes made straight, as Sphinx's smart quotes undo."""
    return text.translate(TYPOGRAPHIC_QUOTES)


def parsed_pages(html):
    """Every page of a built HTML book, parsed, keyed by its path relative to `html`; its static files left out."""
    return {
        path.relative_to(html).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(html.rglob("*.html"))
        if "_static" not in path.relative_to(html).parts
    }


def fact_label(number):
    """How every edition names a fact: "Fact 7", joined by a no-break space so the two never part."""
    return f"Fact\N{NO-BREAK SPACE}{number}"


def collapsed(text):
    """Text with each run of breaking white space made one space, as a browser shows it; no-break spaces stay."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@dataclass(frozen=True)
class Fact:
    number: int
    path: Path
    label: str
    title: str

    @property
    def html_name(self):
        return f"chapters/{self.path.stem}.html"

    @property
    def xhtml_name(self):
        """The chapter's document in the EPUB."""
        return f"chapters/{self.path.stem}.xhtml"


def read_facts(root=BOOK):
    """The fact chapters as the sources state them, in file-name order."""
    facts = []
    for path in sorted((root / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front_matter = yaml.safe_load(text.split("---\n")[1])
        label = re.search(r"^\((fact-[a-z0-9-]+)\)=$", text, re.M)[1]
        title = plain(re.search(r"^# (.+)$", text, re.M)[1].strip())
        facts.append(Fact(front_matter["fact"], path, label, title))
    return facts


TERM_ROLE = re.compile(r"\{term\}`(?:[^`<]*<([^>`]+)>|([^`]+))`")


def people_mentioned(fact):
    """The glossary terms a fact chapter references with {term}, as written in the glossary."""
    text = fact.path.read_text(encoding="utf-8")
    return {plain(target or name).strip() for target, name in TERM_ROLE.findall(text)}


def index_names(root=BOOK):
    """{term: the name the index files it under} of the glossaries of people, from their source: "Bradley Cooper :
    Cooper, Bradley" is filed under "Cooper, Bradley", a term with no classifier under itself."""
    text = (root / "people.md").read_text(encoding="utf-8")
    bodies = [glossary.split("\n:::", 1)[0] for glossary in text.split(":::{glossary}")[1:]]
    entries = [line.partition(" : ") for body in bodies for line in body.splitlines() if line and not line[0].isspace()]
    return {plain(term): plain(filed or term) for term, _, filed in entries if not term.startswith(":")}


def glossary_line(text, term):
    """The line of `term` in the glossary of people's `text`, where the name the index files it under (" : Cooper,
    Bradley") may follow it."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.partition(" : ")[0] == term)


def glossary_terms(root=BOOK):
    """The terms of the glossary of people, from its source."""
    return list(index_names(root))


def glossary_definition(html_pages, term_id):
    """A glossary entry as the built glossary gives it: the term, and its definition without "Appears in"."""
    term = html_pages["people.html"].find(id=term_id)
    for anchor in term.select("a.headerlink"):
        anchor.extract()
    paragraphs = term.find_next_sibling("dd").find_all("p", recursive=False)
    return collapsed(term.get_text()), [
        collapsed(p.get_text()) for p in paragraphs if "appears-in" not in p.get("class", [])
    ]


def require(available, reason):
    """Skip a check whose tool this machine lacks; under CI (CI=true) fail instead."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def link_target(page, href):
    """The built file and fragment that `href`, found in `page`, points to."""
    path, _, fragment = href.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return page, fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), fragment


def build_environment(**variables):
    """The environment the tests build in: this one, the date fixed at SOURCE_DATE_EPOCH, and Sphinx's output
    uncoloured (under CI=true Sphinx colours it), so that the tests read its messages as a terminal shows them."""
    return {**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "NO_COLOR": "1", **variables}


def sphinx_build(srcdir, outdir, builder="html", environment=None):
    """Run sphinx-build as `make` does (nitpicky, warnings as errors), dated SOURCE_DATE_EPOCH, with the
    variables in `environment` (never set in this process, whose background builds would take them too)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-n",
            "-W",
            "--keep-going",
            "-d",
            f"{outdir}-doctrees",
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        env=build_environment(**(environment or {})),
    )


def build_errors(result):
    """The error and warning lines a build printed."""
    return [line for line in result.stderr.splitlines() if "ERROR" in line or "WARNING" in line]


def build_edition(outdir, builder):
    """Build the book's edition into `outdir`, failing the test on any error or warning."""
    result = sphinx_build(BOOK, outdir, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    return Path(outdir)


def start_make(book, *targets, environment=None, **options):
    """Start `make` in a copy of the book, with this test run's virtual environment, dated SOURCE_DATE_EPOCH,
    and the variables in `environment`; its output captured, and `options` passed on to Popen."""
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | options
    return subprocess.Popen(
        ["make", "-C", str(book), f"VENVDIR={sys.prefix}", *targets],
        text=True,
        env=build_environment(MAKEFLAGS="", **(environment or {})),
        **options,
    )


def make(book, *targets, environment=None):
    """Run `make` as start_make does, to its end."""
    process = start_make(book, *targets, environment=environment)
    stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

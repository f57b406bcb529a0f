#!/usr/bin/env python3
"""Measure how fast the book builds: make bench (or scripts/bench.py [--runs N] [--curve]).

Each case runs several times in a scratch copy of the book and reports the
median wall time, its ratio to the floor's (a bare `sphinx-build -b html` of
the same sources with Sphinx's default theme and only myst-parser, and the
MyST syntax the sources use) and the peak memory of the build's largest
process. By default the cases run on the book as it is; with ``--curve``, on
copies of 8, 32 and 96 facts made from its chapters
(scripts/scratch_book.py), so the table shows how the cost grows with the
book. Then it reports the bytes a first view of the HTML front page fetches
in Chromium (scripts/first_load.py). Nothing here asserts a time.
"""

import argparse
import os
import platform
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch_book import copy_book

BOOK = Path(__file__).resolve().parent.parent
CURVE = [8, 32, 96]
CHAPTER_TO_EDIT = "chapters/02-glastonbury.md"
FLOOR_SETTINGS = ["myst_enable_extensions", "include_patterns", "exclude_patterns", "numfig"]


def run(command, cwd):
    """Run a command; its wall seconds, and the peak memory in MiB of its largest process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def measure(book, command, prepare, runs):
    """The median wall seconds of `runs` runs of `command` in `book`, `prepare` run before each, and the largest
    peak memory."""
    times, peaks = [], []
    for _ in range(runs):
        prepare(book)
        seconds, peak = run(command, book)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def make(*targets):
    return ["make", f"VENVDIR={Path(sys.prefix)}", "--no-print-directory", *targets]


def clean(book):
    shutil.rmtree(book / "_build", ignore_errors=True)


def edit_one_chapters_body(book):
    """A sentence more in one chapter of a book whose HTML is built."""
    if not (book / "_build" / "html").is_dir():
        run(make("html"), book)
    with (book / CHAPTER_TO_EDIT).open("a", encoding="utf-8") as chapter:
        chapter.write("\nOne more sentence of the chapter's own text.\n")


def floor_command(confdir):
    """The default theme and myst-parser alone, reading the sources conf.py names with the MyST syntax it enables."""
    conf = runpy.run_path(str(BOOK / "conf.py"))
    settings = "".join(f"{name} = {conf[name]!r}\n" for name in FLOOR_SETTINGS)
    (confdir / "conf.py").write_text(f'extensions = ["myst_parser"]\n{settings}', encoding="utf-8")
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-c",
        str(confdir),
        "-d",
        "_build/floor-doctrees",
        ".",
        "_build/floor",
    ]


def cases(confdir):
    """(name, command, what runs before each run) of each case, the floor first."""
    return [
        ("floor: bare sphinx-build -b html", floor_command(confdir), clean),
        ("make all (clean)", make("all"), clean),
        *((f"make {edition} (clean)", make(edition), clean) for edition in ("html", "epub", "pdf")),
        ("make html after one chapter's body changed", make("html"), edit_one_chapters_body),
    ]


def first_load(html_dir):
    """The first-load line of scripts/first_load.py, or why it could not run."""
    result = subprocess.run(
        [sys.executable, str(BOOK / "scripts" / "first_load.py"), str(html_dir)], capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 else f"not measured: {result.stderr.strip()}"


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the median is reported (default 3)")
    parser.add_argument(
        "--curve",
        action="store_const",
        dest="facts",
        const=CURVE,
        default=[None],
        help=f"measure books of {', '.join(map(str, CURVE))} facts, not only the book as it is",
    )
    args = parser.parse_args()

    print(f"Machine: {machine()}; {args.runs} runs per case, median wall time")
    print(f"\n{'facts':>5} {'case':44} {'seconds':>8} {'x floor':>8} {'peak MiB':>9}")
    first_view = None
    with tempfile.TemporaryDirectory(prefix="book-bench-") as scratch:
        confdir = Path(scratch) / "floor-conf"
        confdir.mkdir()
        for facts in args.facts:
            book = copy_book(Path(scratch) / f"book-{facts or 'as-is'}", facts=facts)
            facts = facts or len(list((book / "chapters").glob("*.md")))
            floor = None
            for name, command, prepare in cases(confdir):
                seconds, peak = measure(book, command, prepare, args.runs)
                floor = floor or seconds
                print(f"{facts:5} {name:44} {seconds:8.2f} {seconds / floor:8.2f} {peak:9.0f}", flush=True)
            if first_view is None:  # the smallest book's
                run(make("all"), book)
                first_view = first_load(book / "_build" / "html")
    print(f"\nFirst view of the HTML front page, in Chromium: {first_view}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measure how fast the book builds: make bench (or scripts/bench.py [--runs N] [--curve]).

Each case runs several times in a scratch copy of the book and reports the
median wall time and CPU time (user and system, of the build and all it
starts), the peak memory of the build's largest process, the size of what it
wrote and the ratio of each figure to the floor: a bare `sphinx-build -b html`
of the same sources with Sphinx's default theme and only myst-parser (and the
MyST syntax the sources use). By default the cases run on the book as it
is; with ``--curve``, also on copies of 32 and 96 facts made from its
chapters (scripts/scratch_book.py), so the table shows how the cost grows
with the book, and the last column of an edit compares it with the same edit
in the smallest book measured. Then it reports the bytes a first view of the
HTML front page fetches in Chromium (scripts/first_load.py). Nothing here
asserts a time.
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
    """Run a command; its wall and CPU seconds, and the peak memory in MiB of its largest process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def size_of(path):
    if path.is_file():
        return path.stat().st_size
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


class Case:
    """A command to time; `setup` runs once before the runs, `prepare` before each."""

    def __init__(self, name, command, outputs, prepare=None, setup=None):
        self.name, self.command, self.outputs = name, command, outputs
        self.prepare, self.setup = prepare, setup

    def measure(self, book, runs):
        if self.setup:
            self.setup(book)
        times, cpu_times, peaks = [], [], []
        for _ in range(runs):
            if self.prepare:
                self.prepare(book)
            elapsed, cpu, peak = run(self.command, book)
            times.append(elapsed)
            cpu_times.append(cpu)
            peaks.append(peak)
        size = sum(size_of(book / output) for output in self.outputs if (book / output).exists())
        return statistics.median(times), statistics.median(cpu_times), max(peaks), size


def make(*targets):
    return ["make", f"VENVDIR={Path(sys.prefix)}", "--no-print-directory", *targets]


def clean(book):
    shutil.rmtree(book / "_build", ignore_errors=True)


def built_html_only(book):
    clean(book)
    run(make("html"), book)


def edit_one_chapters_body(book):
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
    editions = {"html": ["_build/html"], "epub": ["_build/epub"], "pdf": ["_build/pdf"]}
    return [
        Case("floor: bare sphinx-build -b html", floor_command(confdir), ["_build/floor"], prepare=clean),
        Case("make all (clean)", make("all"), [path for paths in editions.values() for path in paths], prepare=clean),
        *(Case(f"make {target} (clean)", make(target), outputs, prepare=clean) for target, outputs in editions.items()),
        Case(
            "make html after one chapter's body changed",
            make("html"),
            ["_build/html"],
            setup=built_html_only,
            prepare=edit_one_chapters_body,
        ),
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

    print(f"Machine: {machine()}; {args.runs} runs per case, median wall and CPU time")
    print(
        f"\n{'facts':>5} {'case':44} {'seconds':>8} {'x floor':>8} {'CPU s':>7} {'x floor':>8}"
        f" {'peak MiB':>9} {'output KiB':>11} {'x fewest':>10}"
    )
    edit_at_smallest = first_view = None
    with tempfile.TemporaryDirectory(prefix="book-bench-") as scratch:
        confdir = Path(scratch) / "floor-conf"
        confdir.mkdir()
        for facts in args.facts:
            book = copy_book(Path(scratch) / f"book-{facts or 'as-is'}", facts=facts)
            facts = facts or len(list((book / "chapters").glob("*.md")))
            rows = [(case.name, *case.measure(book, args.runs)) for case in cases(confdir)]
            _, floor_time, floor_cpu, _, _ = rows[0]
            for name, seconds, cpu, memory, size in rows:
                versus_smallest = ""
                if name.startswith("make html after"):
                    edit_at_smallest = edit_at_smallest or seconds
                    versus_smallest = f"{seconds / edit_at_smallest:10.2f}"
                print(
                    f"{facts:5} {name:44} {seconds:8.2f} {seconds / floor_time:8.2f} {cpu:7.2f}"
                    f" {cpu / floor_cpu:8.2f} {memory:9.0f} {size / 1024:11.0f} {versus_smallest}",
                    flush=True,
                )
            if first_view is None:  # the smallest book's, which make all built last
                run(make("all"), book)
                first_view = first_load(book / "_build" / "html")
    print(f"\nFirst view of the HTML front page, in Chromium: {first_view}")


if __name__ == "__main__":
    main()

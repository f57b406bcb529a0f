#!/usr/bin/env python3
"""Measure how fast the book builds: make bench (or scripts/bench.py --runs N).

Each case runs several times in a scratch copy of the book and reports the
median wall time, the peak memory of the build's largest process, the size of what
it wrote and the ratio of each figure to the floor: a bare `sphinx-build -b
html` of the same sources with Sphinx's default theme and only myst-parser,
which is needed to read Markdown at all. Then it reports the bytes a first
view of the HTML front page fetches in Chromium (scripts/first_load.py).
Nothing here asserts a time.
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
CHAPTER_TO_TOUCH = "chapters/02-glastonbury.md"


def run(command, cwd):
    """Run a command; its wall time in seconds, and the peak memory in MiB of its largest process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


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
        times, peaks = [], []
        for _ in range(runs):
            if self.prepare:
                self.prepare(book)
            elapsed, peak = run(self.command, book)
            times.append(elapsed)
            peaks.append(peak)
        size = sum(size_of(book / output) for output in self.outputs if (book / output).exists())
        return statistics.median(times), max(peaks), size


def make(*targets):
    return ["make", f"VENVDIR={Path(sys.prefix)}", "--no-print-directory", *targets]


def clean(book):
    shutil.rmtree(book / "_build", ignore_errors=True)


def built_html_only(book):
    clean(book)
    run(make("html"), book)


def touch_one_chapter(book):
    os.utime(book / CHAPTER_TO_TOUCH)


def floor_command():
    """No conf.py: the default theme and myst-parser alone, reading the sources conf.py names."""
    conf = runpy.run_path(str(BOOK / "conf.py"))
    settings = {name: ",".join(conf[name]) for name in ["myst_enable_extensions", "include_patterns"]}
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-C", "-D", "extensions=myst_parser",
            *(option for name, value in settings.items() for option in ["-D", f"{name}={value}"]),
            "-d", "_build/floor-doctrees", ".", "_build/floor"]


def cases():
    editions = {"html": ["_build/html"], "epub": ["_build/epub"], "pdf": ["_build/pdf"]}
    return [
        Case("floor: bare sphinx-build -b html", floor_command(), ["_build/floor"], prepare=clean),
        Case("make all (clean)", make("all"), [path for paths in editions.values() for path in paths], prepare=clean),
        *(Case(f"make {target} (clean)", make(target), outputs, prepare=clean) for target, outputs in editions.items()),
        Case("make html after touching one chapter", make("html"), ["_build/html"],
             setup=built_html_only, prepare=touch_one_chapter),
    ]


def first_load(html_dir):
    """The first-load line of scripts/first_load.py, or why it could not run."""
    result = subprocess.run([sys.executable, str(BOOK / "scripts" / "first_load.py"), str(html_dir)],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else f"not measured: {result.stderr.strip()}"


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case; the median is reported (default 5)")
    args = parser.parse_args()

    print(f"Machine: {machine()}; {args.runs} runs per case, median wall time")
    rows = []
    with tempfile.TemporaryDirectory(prefix="book-bench-") as scratch:
        book = Path(scratch)
        copy_book(book)
        for case in cases():
            rows.append((case.name, *case.measure(book, args.runs)))
        run(make("all"), book)
        first_view = first_load(book / "_build" / "html")

    _, floor_time, floor_memory, floor_size = rows[0]
    print(f"\n{'case':42} {'seconds':>8} {'x floor':>8} {'peak MiB':>9} {'x floor':>8} {'output KiB':>11} {'x floor':>8}")
    for name, seconds, memory, size in rows:
        print(f"{name:42} {seconds:8.2f} {seconds / floor_time:8.2f} {memory:9.0f} {memory / floor_memory:8.2f}"
              f" {size / 1024:11.0f} {size / floor_size:8.2f}")
    print(f"\nFirst view of the HTML front page, in Chromium: {first_view}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measure how fast the book builds: make bench (or scripts/bench.py --runs N).

Each case runs several times in a scratch copy of the book and reports the
median wall time, the peak memory of the build's processes, the size of what
it wrote and the ratio of each figure to the floor: a bare `sphinx-build -b
html` of the same sources with Sphinx's default theme and only myst-parser,
which is needed to read Markdown at all. Nothing here asserts a time.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
SOURCES = ["conf.py", "index.md", "people.md", "chapters", "_ext", "_static", "_templates", "Makefile",
           "requirements.txt"]
CHAPTER_TO_TOUCH = "chapters/02-glastonbury.md"


def copy_sources(destination):
    for name in SOURCES:
        source = BOOK / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / name)


def run(command, cwd):
    """Run a command; return its wall time in seconds and the peak RSS in MiB of it and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def size_of(path):
    if path.is_file():
        return path.stat().st_size
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


class Case:
    def __init__(self, name, command, outputs, prepare=None):
        self.name, self.command, self.outputs, self.prepare = name, command, outputs, prepare

    def measure(self, book, runs):
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


def touch_one_chapter(book):
    os.utime(book / CHAPTER_TO_TOUCH)


def floor_command():
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-C",
            "-D", "extensions=myst_parser", "-D", "myst_enable_extensions=attrs_block,colon_fence,deflist",
            "-D", "include_patterns=index.md,people.md,chapters/*.md",
            "-d", "_build/floor-doctrees", ".", "_build/floor"]


def cases(targets):
    listed = [Case("floor: bare sphinx-build -b html", floor_command(), ["_build/floor"], prepare=clean)]
    editions = {"html": ["_build/html"], "epub": ["_build/epub"], "pdf": ["_build/pdf"]}
    if "all" in targets:
        listed.append(Case("make all (clean)", make("all"), [path for paths in editions.values() for path in paths],
                           prepare=clean))
    for target, outputs in editions.items():
        if target in targets:
            listed.append(Case(f"make {target} (clean)", make(target), outputs, prepare=clean))
    listed.append(Case("make html after touching one chapter", make("html"), ["_build/html"],
                       prepare=touch_one_chapter))
    return listed


def make_targets():
    listing = subprocess.run(["make", "-qp"], cwd=BOOK, capture_output=True, text=True).stdout
    return {line.split(":", 1)[0] for line in listing.splitlines() if ":" in line and not line.startswith(("#", "\t"))}


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
        copy_sources(book)
        run(make("html"), book)  # a warm cache for the incremental case
        for case in cases(make_targets()):
            rows.append((case.name, *case.measure(book, args.runs)))

    _, floor_time, floor_memory, floor_size = rows[0]
    print(f"\n{'case':42} {'seconds':>8} {'x floor':>8} {'peak MiB':>9} {'x floor':>8} {'output KiB':>11} {'x floor':>8}")
    for name, seconds, memory, size in rows:
        print(f"{name:42} {seconds:8.2f} {seconds / floor_time:8.2f} {memory:9.0f} {memory / floor_memory:8.2f}"
              f" {size / 1024:11.0f} {size / floor_size:8.2f}")


if __name__ == "__main__":
    main()

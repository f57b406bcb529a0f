#!/usr/bin/env python3
"""Build editions of the book into a build folder, each published only when it passes: what make runs.

    scripts/build_editions.py [--builddir _build] BUILDER [BUILDER ...] [-- SPHINX OPTIONS]

Builds of one build folder take turns: each holds ``<builddir>.lock`` (an
flock(2) lock, the one ``make clean`` waits for) from start to finish, so two
of them (a second terminal, an editor's build-on-save, ``make all`` while
``make html`` runs) never share a staging folder or doctrees, and none removes
an edition another is publishing.

Each builder builds into a staging folder, ``<builddir>/BUILDER.new``, and the
edition replaces ``<builddir>/BUILDER`` only when the build passes, so a failed
build never replaces a good edition. The staging folder starts as a copy of
the last good edition, so Sphinx writes again only the pages a change reaches
(``_ext/consistent_rebuilds.py`` decides which, and drops the pages of removed
sources). The chapters' pages in it, as many as there are facts, are hard
links rather than copies (a copy of each would cost every edit in proportion
to the book): Sphinx writes a page only through its page writer, and
``consistent_rebuilds`` removes the page just before, so nothing is ever
written into the edition's files. Each builder keeps its own doctrees, so reading stays incremental; a
failed build drops its saved environment, so the next run reads every file
again and reports the same errors. The staging folders an interrupted build
left are removed first.

The builders run one after another in this one process, so Sphinx, the theme
and WeasyPrint load once for all of them, and the first failure stops the
rest. An EPUB built after the PDF takes its page breaks from that PDF's page
map, so ``make all`` lays the print edition out once.
"""

import argparse
import fcntl
import os
import shutil
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
from print_page_map import PAGE_MAP_NAME  # noqa: E402

CHAPTERS = "chapters"  # the folder of the facts' pages, in every edition that has pages


def hold_build_lock(builddir):
    """Wait for any other build of this folder to finish, then hold the folder until this process ends."""
    lock = open(f"{builddir}.lock", "a")  # held open, and so locked, until exit
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Waiting for another build in {builddir} to finish...", flush=True)
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def build(builddir, builder, options):
    """Build one edition into its staging folder and publish it; False if the build failed."""
    edition, staging = builddir / builder, builddir / f"{builder}.new"
    if edition.is_dir():
        shutil.copytree(edition, staging, symlinks=True,
                        ignore=lambda folder, names: [CHAPTERS] if Path(folder) == edition else [])
        if (edition / CHAPTERS).is_dir():
            shutil.copytree(edition / CHAPTERS, staging / CHAPTERS, symlinks=True, copy_function=os.link)
    doctrees = builddir / "doctrees" / builder
    passed = False
    try:  # an extension may stop the build with SystemExit: the staging folder goes all the same
        passed = build_main(["-b", builder, "-d", str(doctrees), *options, ".", str(staging)]) == 0
    finally:
        if not passed:
            shutil.rmtree(staging, ignore_errors=True)
            (doctrees / "environment.pickle").unlink(missing_ok=True)
    if passed:
        shutil.rmtree(edition, ignore_errors=True)
        staging.rename(edition)
    return passed


def main():
    arguments, options = sys.argv[1:], []
    if "--" in arguments:
        split = arguments.index("--")
        arguments, options = arguments[:split], arguments[split + 1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    parser.add_argument("builders", nargs="+")
    args = parser.parse_args(arguments)

    args.builddir.mkdir(parents=True, exist_ok=True)
    lock = hold_build_lock(args.builddir)  # noqa: F841 (held until exit)
    for leftover in args.builddir.glob("*.new"):
        shutil.rmtree(leftover)
    for builder in args.builders:
        extra = []
        if builder == "epub" and "pdf" in args.builders[:args.builders.index(builder)]:
            extra = ["-D", f"epub_print_page_map={args.builddir / 'pdf' / PAGE_MAP_NAME}"]
        if not build(args.builddir, builder, [*options, *extra]):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

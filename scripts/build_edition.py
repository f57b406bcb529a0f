#!/usr/bin/env python3
"""Build one edition of the book and publish it only if the build passes: what make runs.

    scripts/build_edition.py [--builddir _build] BUILDER [SPHINX OPTIONS ...]
    scripts/build_edition.py [--builddir _build] clean
    scripts/build_edition.py [--builddir _build] check

The build folder holds nothing but what builds write (``_build`` at the
book's top whatever it holds, or a folder in it, but for what the builds into
a folder write: ``_build/html``), outside the book or at its top: never the
book's folder, one that holds it, nor one of the book's own, which a build
would read or copy itself into, nor one holding other files (hidden ones too,
as a home folder does, but what a file manager leaves), or files no build of
the book wrote (no ``<builddir>.lock`` beside it: a web server's ``html``),
which ``clean`` would remove with it. ``check`` only checks the folder, for
``make serve``, and claims it with its lock file.

Builds of one build folder take turns: each holds ``<builddir>.lock`` (the
lock ``make clean`` waits for, beside the folder a link to it leads to) from
start to finish, so two of them never share a staging folder or doctrees, and
none removes an edition another is publishing. Sphinx writes the edition into
``<builddir>/BUILDER.new``, which replaces ``<builddir>/BUILDER`` only when
the build passes, by two renames (the last edition set aside as
``BUILDER.old`` until the new one is in place, and put back by the next build
of the folder if a kill came in between); a failed build removes it and its
saved environment, so the next build reads every source again and reports the
same errors, as a build does that finds the staging folder of one killed
mid-way. Reading stays incremental in between, and the editions share what was
read, ``<builddir>/doctrees/editions`` (sphinx-build's doctrees may be shared
between builders), so ``make all`` reads the sources once.
"""

import argparse
import fcntl
import os
import re
import shutil
import signal
import sys
from pathlib import Path

# What builds write into a build folder: the editions (staged, set aside), their shared doctrees, make serve's.
EDITIONS = {"html", "epub", "pdf"}
WRITTEN_BY_BUILDS = EDITIONS | {"doctrees", "serve"}
MAKES_DEFAULT_BUILD_DIR = "_build"
STAGED, SET_ASIDE = ".new", ".old"  # an edition's name while it is built, and while publish replaces it
# What a file manager leaves in any folder it shows (macOS's Finder, KDE's Dolphin): no sign of whose it is.
FOLDER_VIEW_FILES = {".DS_Store", ".directory"}


def written_as(name):
    """What builds write that a folder's entry is, by its name: the edition "html" for "html.new", and for macOS's
    "._html", the file of the entry's metadata it writes beside it on a drive of another system."""
    return name.removeprefix("._").removesuffix(STAGED).removesuffix(SET_ASIDE)


def lock_of(folder):
    """The lock beside a build folder, which its builds take in turn, and whose presence says builds wrote it."""
    return Path(f"{folder}.lock")


def build_folder_problem(builddir, book):
    """Why `builddir` may not be the build folder of `book`, or None; links resolved, as the builds follow them."""
    folder, book = builddir.resolve(), book.resolve()
    if folder.exists() and not folder.is_dir():
        return "is not a folder"
    if book.is_relative_to(folder):
        return "is the book's folder, or holds it"
    inside = folder.is_relative_to(book)
    if inside and folder.relative_to(book).parts[0] == MAKES_DEFAULT_BUILD_DIR:
        if {written_as(name) for name in folder.relative_to(book).parts[1:]} & WRITTEN_BY_BUILDS:
            return "is a folder the builds into a build folder write, or inside one"
        return None
    built = (  # hidden files too (a home folder's .bashrc), but a file manager's
        {written_as(entry.name) for entry in folder.iterdir() if entry.name not in FOLDER_VIEW_FILES}
        if folder.is_dir()
        else set()
    )
    if inside and (folder.parent != book or not built <= WRITTEN_BY_BUILDS):
        return "is one of the book's own folders, or inside one"
    if not built <= WRITTEN_BY_BUILDS:
        others = sorted(built - WRITTEN_BY_BUILDS)
        return f"holds {', '.join(others[:3])}{', …' if len(others) > 3 else ''}, which no build writes"
    if built and not (lock := lock_of(folder)).exists():
        return f"holds {', '.join(sorted(built))}, which no build of the book wrote (its builds leave {lock.name})"
    return None


def hold_build_lock(builddir, named):
    """Wait for any other build of this folder to finish, then hold the folder until this process ends."""
    lock = open(lock_of(builddir), "a")  # held open, and so locked, until exit
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Waiting for another build in {named} to finish...", flush=True)
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def publish(staging, edition):
    """Put the staged edition in place of the last one; once begun, an interrupt waits for it to finish."""
    last = edition.with_name(edition.name + SET_ASIDE)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if edition.exists():
            edition.rename(last)
        staging.rename(edition)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    shutil.rmtree(last, ignore_errors=True)


def recover_from_killed_publishing(builddir, builder):
    """Each edition set aside by a publish that a kill stopped between its two renames back in place, or, where
    the new one took its place, removed: the editions' and this builder's, nothing else of the folder."""
    for name in EDITIONS | {builder}:
        last, edition = builddir / f"{name}{SET_ASIDE}", builddir / name
        if last.exists() and not edition.exists():
            last.rename(edition)
        shutil.rmtree(last, ignore_errors=True)


# The last second a zip archive, as the EPUB is, can date: 2107-12-31 23:59:59 UTC.
LAST_ZIP_TIME = 4354819199


def check_source_date_epoch():
    """SOURCE_DATE_EPOCH, which Sphinx reads too, is unset when empty (as the specification reads it), or else a
    whole number of seconds from 1970 to the end of 2107, which the EPUB's zip archive can date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip():
        del os.environ["SOURCE_DATE_EPOCH"]
    elif epoch is not None and not re.fullmatch(r"[0-9]+", epoch.strip()):
        sys.exit(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds since 1970: set it to one, or unset it")
    elif epoch is not None and int(epoch) > LAST_ZIP_TIME:
        sys.exit(
            f"SOURCE_DATE_EPOCH={epoch!r} is after 2107, which the EPUB's zip archive cannot date: set an earlier time"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    parser.add_argument(
        "builder", help="a Sphinx builder, clean to remove the build folder, or check to claim it for make serve"
    )
    parser.add_argument("options", nargs=argparse.REMAINDER, help="passed on to sphinx-build")
    args = parser.parse_args()

    if problem := build_folder_problem(args.builddir, Path.cwd()):
        sys.exit(
            f"{args.builddir} {problem}: a build folder holds what builds write alone, which make clean removes whole, "
            f"and a build never reads it; choose a new folder at the book's top, such as {MAKES_DEFAULT_BUILD_DIR}, "
            "or one outside the book"
        )
    # The folder a link leads to, whose builds take turns however it is named, and is made where a link leads to none.
    builddir = args.builddir.resolve()
    if args.builder == "check":  # make serve's, which writes into the folder without its lock
        lock_of(builddir).touch()
        return 0
    if args.builder == "clean":
        lock = hold_build_lock(builddir, args.builddir)  # noqa: F841 (held until exit)
        shutil.rmtree(builddir, ignore_errors=True)
        return 0
    check_source_date_epoch()
    builddir.mkdir(parents=True, exist_ok=True)
    lock = hold_build_lock(builddir, args.builddir)  # noqa: F841 (held until exit)
    edition, staging = builddir / args.builder, builddir / f"{args.builder}{STAGED}"
    if edition.is_symlink():
        sys.exit(
            f"{edition} is a symbolic link, which a build cannot replace whole: remove it, and point to it instead"
        )
    recover_from_killed_publishing(builddir, args.builder)
    doctrees = builddir / "doctrees" / "editions"
    if staging.exists():  # left by a build killed mid-way, whose warnings its saved environment would not tell again
        shutil.rmtree(staging)
        (doctrees / "environment.pickle").unlink(missing_ok=True)
    from sphinx.cmd.build import build_main  # here, so that `make clean` needs only Python, not the venv

    passed = False
    try:  # an extension may stop the build with SystemExit, a reader with Ctrl-C: the staging folder goes
        passed = build_main(["-b", args.builder, "-d", str(doctrees), *args.options, ".", str(staging)]) == 0
    finally:
        if not passed:
            shutil.rmtree(staging, ignore_errors=True)
            (doctrees / "environment.pickle").unlink(missing_ok=True)
    if passed:
        publish(staging, edition)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

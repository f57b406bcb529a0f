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

Several builders (``make all``) build at once, each in a process forked
from this one, where Sphinx is loaded already. What one edition takes from
another, this process hands on once that other has passed, through a pipe
the waiting build reads as a file: the EPUB reads the PDF's page map in
place of laying the print edition out again (``epub_print_page_map``), and
the HTML learns that the EPUB and PDF it offers are there to size
(``edition_downloads_ready``). Each waits only where it needs them, at the
end of its build. When an edition fails, those that need it are stopped as
if interrupted (dropping their staging folders and environments), and what
the others printed is printed once they end, no line twice: a fault in a
source fails every edition alike. Ctrl-C, or a plain kill, of this process
interrupts every build; a second one ends them. The EPUB and HTML give the
CPU to the PDF, whose layout is the longest of the three.
"""

import argparse
import contextlib
import fcntl
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from sphinx.cmd.build import build_main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
from print_page_map import PAGE_MAP_NAME  # noqa: E402

# Children start as copies of this process, Sphinx loaded, as Sphinx's own parallel builds do; they exit
# through multiprocessing, which ends the managers an extension started (sphinx-sitemap's) as an exit should.
FORK = multiprocessing.get_context("fork")
STOPPING_SIGNALS = {signal.SIGINT, signal.SIGTERM}
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
    doctrees = builddir / "doctrees" / builder
    passed = False
    try:  # an extension may stop the build with SystemExit, a reader with Ctrl-C: the staging folder goes all the same
        if edition.is_dir():
            shutil.copytree(edition, staging, symlinks=True,
                            ignore=lambda folder, names: [CHAPTERS] if Path(folder) == edition else [])
            if (edition / CHAPTERS).is_dir():
                shutil.copytree(edition / CHAPTERS, staging / CHAPTERS, symlinks=True, copy_function=os.link)
        passed = build_main(["-b", builder, "-d", str(doctrees), *options, ".", str(staging)]) == 0
    finally:
        if not passed:
            shutil.rmtree(staging, ignore_errors=True)
            (doctrees / "environment.pickle").unlink(missing_ok=True)
    if passed:
        # Once begun, the swap finishes: an interrupt or a plain kill waits until the edition is in place.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            shutil.rmtree(edition, ignore_errors=True)
            staging.rename(edition)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return passed


class Promise:
    """What a build waits for: a pipe it reads as a file, which this process fills once the builds it needs are done."""

    def __init__(self, needs, setting, message, more_options=()):
        self.needs, self.message = needs, message
        self.read, self.write = os.pipe()
        self.options = [*more_options, "-D", f"{setting}=/dev/fd/{self.read}"]

    def keep(self, passed):
        """Write the message for what `passed` says of the builds needed; the reader sees its end."""
        try:
            with open(self.write, "wb") as pipe:
                pipe.write(self.message(passed))
        except BrokenPipeError:  # the build waiting for it has stopped already
            pass


def build_in_child(builddir, builder, options, others_pipes, nice, output):
    """A child process's work: one edition's build, all it prints to the file `output`; it exits with its status.

    It runs in a process group of its own, which the parent signals and, once the child has
    ended, clears of whatever the build left running. (Out of the terminal's foreground group,
    it must not write to the terminal, hence the file.)
    """
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING_SIGNALS)
    for fd in others_pipes:  # held open here, a pipe would neither end for its reader nor fail for its writer
        os.close(fd)
    for stream in (sys.stdout, sys.stderr):
        os.dup2(output.fileno(), stream.fileno())
    os.nice(nice)
    try:
        sys.exit(0 if build(builddir, builder, options) else 1)
    except KeyboardInterrupt:  # before Sphinx began or after it ended: nothing more to say
        sys.exit(130)
    finally:
        # A multiprocessing manager an extension started (sphinx-sitemap's) ignores SIGINT, and
        # this process's exit would wait for it if an interrupt cut its start short.
        for process in multiprocessing.active_children():
            process.terminate()


def promises_between(builddir, builders):
    """What each build waits for from the others built with it, by builder."""
    promises = {}
    if {"pdf", "epub"} <= set(builders):
        promises["epub"] = Promise({"pdf"}, "epub_print_page_map", lambda passed: (
            (builddir / "pdf" / PAGE_MAP_NAME).read_bytes() if passed["pdf"] else b""))
    offered = sorted({"epub", "pdf"} & set(builders))
    if "html" in builders and offered:
        promises["html"] = Promise(set(offered), "edition_downloads_ready", lambda passed: (
            " ".join(builder for builder in offered if passed[builder]).encode()),
            more_options=["-D", f"edition_downloads_alongside={','.join(offered)}"])
    return promises


class Children:
    """The builds' processes: each started with a process group of its own, and waited for by a pidfd,
    which, unlike the process's sentinel pipe, no process it started can hold open."""

    def __init__(self):
        self.running = {}  # pidfd: (process, builder)
        self.interruptions = 0

    def start(self, builddir, builder, *arguments):
        """Fork a build_in_child(builddir, builder, *arguments)."""
        child = FORK.Process(target=build_in_child, args=(builddir, builder, *arguments))
        child.start()
        with contextlib.suppress(OSError):  # as the child does, so a signal never finds it without its group
            os.setpgid(child.pid, child.pid)
        self.running[os.pidfd_open(child.pid)] = (child, builder)

    def signal_all(self, signum, frame=None):
        """Ctrl-C or a plain kill of this process interrupts every build; a second one ends them."""
        self.interruptions += 1
        for child, _builder in self.running.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGINT if self.interruptions == 1 else signal.SIGKILL)

    def has_ended(self, builder):
        pidfds = [pidfd for pidfd, (_child, name) in self.running.items() if name == builder]
        return not pidfds or bool(multiprocessing.connection.wait(pidfds, timeout=0))

    def wait(self):
        """The next builds to end, as (process, builder); what each left running in its group is ended."""
        ended = []
        for pidfd in multiprocessing.connection.wait(list(self.running)):
            child, builder = self.running.pop(pidfd)
            with contextlib.suppress(ProcessLookupError):  # before reaping: the group's id is still the child's
                os.killpg(child.pid, signal.SIGKILL)
            os.close(pidfd)
            child.join()
            ended.append((child, builder))
        return ended


def build_together(builddir, builders, options):
    """Build the editions at once, each in a process of its own; True if all passed."""
    promises = promises_between(builddir, builders)
    waiting = list(promises.values())
    children, outputs = Children(), {builder: tempfile.TemporaryFile() for builder in builders}
    # Held back while the builds start, then passed on to them: each gets it with its handler in place.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        for builder in builders:
            own = promises.get(builder)
            others_pipes = [fd for promise in waiting for fd in (promise.read, promise.write)
                            if not (promise is own and fd == promise.read)]
            children.start(builddir, builder, [*options, *(own.options if own else [])], others_pipes,
                           0 if builder == "pdf" else 19, outputs[builder])
        for promise in waiting:
            os.close(promise.read)
        for signum in STOPPING_SIGNALS:
            signal.signal(signum, children.signal_all)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    passed, stopped, killed = {}, set(), []
    while children.running:
        for child, builder in children.wait():
            passed[builder] = child.exitcode == 0
            if child.exitcode < 0 and builder not in stopped and not children.interruptions:
                killed.append(f"The {builder} build was killed by {signal.Signals(-child.exitcode).name}.\n")
            if not passed[builder] and not children.interruptions:
                # What needs a failed edition stops as if interrupted: it drops its staging folder
                # and environment, and says nothing of it, for its own errors are the failed one's.
                for other_child, other in children.running.values():
                    needs = promises[other].needs if other in promises else set()
                    if builder in needs and other not in stopped and not children.has_ended(other):
                        stopped.add(other)  # once: a second would cut its clearing up short
                        os.killpg(other_child.pid, signal.SIGINT)
        for promise in [promise for promise in waiting if promise.needs <= passed.keys()]:
            waiting.remove(promise)
            promise.keep(passed)
    report(outputs[builder] for builder in builders if builder not in stopped)
    sys.stderr.writelines(killed)
    return all(passed.values()) and not children.interruptions


def report(files):
    """What the builds printed, on standard error, but no line an earlier build printed: a fault in a
    source fails every edition alike."""
    told = set()
    for file in files:
        file.seek(0)
        lines = file.read().decode(errors="replace").splitlines(keepends=True)
        sys.stderr.writelines(line for line in lines if line not in told)
        told.update(lines)


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
    if len(args.builders) == 1:
        passed = build(args.builddir, args.builders[0], options)
    else:
        passed = build_together(args.builddir, args.builders, options)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

"""The long builds the tests read, started in the background as the session starts.

A Sphinx build keeps one core busy, and the machine that runs the tests has
two; the tests that read a build mostly wait on a browser, a PDF reader or a
validator. So the builds that fixtures stand on (`make all` for the book
readers get, Read the Docs' build, the rebuilds of test_rebuilds...) need not
wait for their turn: a function of a folder registered with
`@in_background(fixture name)` is run, as soon as the session starts, in a
small pool of threads (first the builds most tests need), provided some
collected test uses that fixture; the fixture then takes its result, waiting
for it only if it is not done yet. A build that fails fails the fixture, with
its own message. conftest.py imports the session's fixture, and runs the
tests that wait for none of these builds first.

`make test` runs two pytest-xdist workers, each with these threads, since a
test mostly waits too. A build is still made once for both: by the first
worker to take its file lock, beside the workers' temporary folders, while
the other waits for it and reads what it left (pytest-xdist's own recipe
for a session fixture made once). Each worker starts its own share of the
builds, so that the two make different builds at once.
"""

import functools
import os
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest
from filelock import FileLock

BUILD_THREADS = 2  # builds at once in each test process, beside its tests (not pytest-xdist's workers)
_builds = {}  # fixture name: (order, function of a fresh folder)


def in_background(name, order=10):
    """Register the decorated function of a folder as the background build of the fixture `name`;
    builds start in `order`, lowest first."""

    def register(function):
        _builds[name] = (order, function)
        return function

    return register


@pytest.fixture(scope="session", autouse=True)
def background_builds(request, tmp_path_factory, worker_id):
    """For each fixture this session's tests use that a background build makes, by name: a function that
    gives the build's result, once it is done. This process starts its own share of the builds at once."""
    used = set().union(*(item.fixturenames for item in request.session.items))
    wanted = sorted((order, name, build) for name, (order, build) in _builds.items() if name in used)

    shared = tmp_path_factory.getbasetemp().parent  # what the workers share; made here, not in the threads

    def build_once(name, build, folder):
        if worker_id == "master":  # a run without workers
            return build(folder)
        result = shared / f"{name}.pickle"
        with FileLock(f"{result}.lock"):
            if not result.is_file():
                result.write_bytes(pickle.dumps(build(folder)))
        return pickle.loads(result.read_bytes())

    # Every Nth build, from this worker's own place (gw1 the second, the fourth...); another worker makes the
    # rest, which a test here then waits for, or makes itself if that worker has not begun it.
    index, count = (
        (0, 1) if worker_id == "master" else (int(worker_id[2:]), int(os.environ["PYTEST_XDIST_WORKER_COUNT"]))
    )
    pool = ThreadPoolExecutor(BUILD_THREADS, thread_name_prefix="background-build")
    results = {}
    for place, (_order, name, build) in enumerate(wanted):
        folder = tmp_path_factory.mktemp(name)
        if place % count == index:
            results[name] = pool.submit(build_once, name, build, folder).result
        else:
            results[name] = functools.partial(build_once, name, build, folder)
    yield results
    pool.shutdown(wait=True, cancel_futures=True)


def waits_for_a_build(item):
    """Whether a collected test uses a fixture that a background build makes."""
    return bool(_builds.keys() & set(item.fixturenames))


def built(request, name):
    """The result of the background build of the fixture `name`, once it is done."""
    return request.getfixturevalue("background_builds")[name]()

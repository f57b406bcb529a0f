"""A copy of the book somewhere else, to build or break without touching this one.

Everything in the checkout except version control, the virtual environment,
the Node tools and build output; time stamps are kept, so `make` there sees an
environment made from the same requirements as current. Used by `make bench` and by the tests.
"""

import shutil
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "node_modules", "_build", "__pycache__", ".pytest_cache")


def copy_book(destination):
    shutil.copytree(BOOK, destination, ignore=LEFT_OUT, dirs_exist_ok=True)
    return destination

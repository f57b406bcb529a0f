"""The book as Read the Docs publishes it: what the tests of the web edition share.

The `read_the_docs` fixture runs the build steps that .readthedocs.yaml
states, in Read the Docs' order, in a copy of the book, with the variables
Read the Docs sets; it is the one build with a base URL, which every test of
the published site reads. Its fixtures reach every test through
`pytest_plugins` in conftest.py; the helpers are imported from here.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from background import built, in_background
from book import SOURCE_DATE_EPOCH, copy_book, parsed_pages

CANONICAL_URL = "https://a-star-is-born.readthedocs.io/en/latest/"
NOT_IN_SITEMAP = {"search.html", "404.html"}  # a search's results and a missing page are nothing to index
SITE_PATH = urlsplit(CANONICAL_URL).path  # where the site is served: a sub-path, as on GitHub Pages
# Read the Docs' build steps, in the order it runs them; "build" holds one list per format.
JOBS = [
    "post_checkout",
    "pre_system_dependencies",
    "post_system_dependencies",
    "pre_create_environment",
    "create_environment",
    "post_create_environment",
    "pre_install",
    "install",
    "post_install",
    "pre_build",
    "build",
    "post_build",
]
FORMATS = ["html", "htmlzip", "pdf", "epub"]


def read_the_docs_commands(config):
    """The shell commands .readthedocs.yaml's build.jobs run, in Read the Docs' order."""
    jobs = config["build"]["jobs"]
    commands = []
    for job in JOBS:
        if job == "build":
            formats = ["html", *config.get("formats", [])]
            commands += [
                command for name in FORMATS if name in formats for command in jobs.get("build", {}).get(name, [])
            ]
        else:
            commands += jobs.get(job, [])
    return commands


@dataclass(frozen=True)
class ReadTheDocsOutput:
    output: Path  # $READTHEDOCS_OUTPUT

    @property
    def html(self):
        return self.output / "html"


@in_background("read_the_docs", order=1)
def read_the_docs_build(root):
    """$READTHEDOCS_OUTPUT after Read the Docs' build steps ran in a copy of the book in `root`."""
    book = copy_book(root / "book")
    config = yaml.safe_load((book / ".readthedocs.yaml").read_text(encoding="utf-8"))
    output = root / "output"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": CANONICAL_URL,
        "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH),
        # make, as the tests run it, uses this test run's virtual environment.
        "VENVDIR": sys.prefix,
        "MAKEFLAGS": "",
    }
    for command in read_the_docs_commands(config):
        result = subprocess.run(["bash", "-c", command], cwd=book, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        assert "warning" not in result.stderr.lower(), f"{command}\n{result.stderr}"
    return ReadTheDocsOutput(output)


@pytest.fixture(scope="session")
def read_the_docs(request):
    """$READTHEDOCS_OUTPUT after Read the Docs' build steps ran in a copy of the book (in the background)."""
    return built(request, "read_the_docs")


@pytest.fixture(scope="session")
def site_pages(read_the_docs):
    """Every page of the published HTML book, parsed, keyed by its path in the site."""
    return parsed_pages(read_the_docs.html)


@pytest.fixture(scope="session")
def site_root(read_the_docs, tmp_path_factory):
    """A folder that holds the site at SITE_PATH, to serve as its host would."""
    root = tmp_path_factory.mktemp("host")
    mount = root / SITE_PATH.strip("/")
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(read_the_docs.html, target_is_directory=True)
    return root


def meta(soup, name):
    """The content of a page's <meta property=NAME> or <meta name=NAME>, or None."""
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag and tag["content"]

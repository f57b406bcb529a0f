"""The hosts' configuration files are valid against the hosts' own schemas
(check-jsonschema's bundled copies, offline), and the GitHub Pages workflow
does what CI does before it builds: the same script installs the same Debian
packages; it then builds the book at the Pages address and deploys it, one
deployment at a time. Read the Docs installs only what builds the book; the
weekly workflow runs the tests with the newest releases, on CI's Debian;
Dependabot watches the pins, the Node tools and the actions; and every pin
runs on the oldest Python pyproject.toml admits."""

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from book import BOOK

WORKFLOW = BOOK / ".github/workflows/pages.yml"
NEWEST_WORKFLOW = BOOK / ".github/workflows/newest-releases.yml"
CHECK_JSONSCHEMA = Path(sys.prefix) / "bin" / "check-jsonschema"


@pytest.mark.parametrize(
    "path, schema",
    [
        (".readthedocs.yaml", "vendor.readthedocs"),
        (".github/workflows/pages.yml", "vendor.github-workflows"),
        (".github/workflows/newest-releases.yml", "vendor.github-workflows"),
        (".github/dependabot.yml", "vendor.dependabot"),
    ],
)
def test_the_configuration_is_valid_against_the_hosts_schema(path, schema):
    result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", schema, BOOK / path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def steps(job):
    return [step.get("uses", "").split("@")[0] or step["run"] for step in job["steps"]]


def test_the_pages_workflow_installs_what_ci_installs_builds_at_the_pages_address_and_deploys():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    install = "bash .ci/install-system-packages"
    assert install in steps(build)
    assert install in (BOOK / ".ci/run").read_text(encoding="utf-8").splitlines()
    make = next(step for step in build["steps"] if step.get("run") == "make all")
    assert make["env"]["BOOK_BASE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert (
        steps(build).index("actions/configure-pages")
        < steps(build).index("make all")
        < steps(build).index("actions/upload-pages-artifact")
    )
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert steps(deploy) == ["actions/deploy-pages"] and deploy["needs"] == "build"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true


def load(path):
    return yaml.safe_load((BOOK / path).read_text(encoding="utf-8"))


def test_read_the_docs_installs_only_what_builds_the_book():
    assert load(".readthedocs.yaml")["build"]["jobs"]["install"] == ["make venv"]


def test_the_newest_releases_workflow_runs_the_tests_weekly_on_what_ci_installs():
    workflow = yaml.safe_load(NEWEST_WORKFLOW.read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["schedule"] and "workflow_dispatch" in on
    [job] = workflow["jobs"].values()
    assert job["container"] == yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["container"]
    assert steps(job).index("bash .ci/install-system-packages") < steps(job).index("make test-newest")
    make = next(step for step in job["steps"] if step.get("run") == "make test-newest")
    assert make["env"]["CI"] == "true"


def test_dependabot_watches_the_pins_the_node_tools_and_the_actions_weekly():
    updates = {
        (update["package-ecosystem"], update["directory"]): update["schedule"]["interval"]
        for update in load(".github/dependabot.yml")["updates"]
    }
    assert updates == {("pip", "/requirements"): "weekly", ("npm", "/"): "weekly", ("github-actions", "/"): "weekly"}


@pytest.mark.parametrize("name", ["build.txt", "test.txt"])
def test_the_pins_name_no_index_and_no_path_of_this_machine(name):
    lines = (BOOK / "requirements" / name).read_text(encoding="utf-8").splitlines()
    local = ("file://", "/opt/", "/tmp/", "/home/", "/work/")
    assert not [line for line in lines if line.startswith("-") or any(path in line for path in local)]
    pins = [line for line in lines if line and not line.startswith((" ", "#"))]
    assert pins and all("==" in line for line in pins)


@pytest.mark.parametrize("name", ["build.txt", "test.txt"])
def test_every_pin_runs_on_the_oldest_python_the_project_admits(name):
    """pip-tools pins what runs on the Python it runs on: a release that needs a newer one than requires-python
    admits (soupsieve 3 needs 3.11.5) stops `make venv` on an older one (Debian 12's 3.11.2). Read from the releases
    installed, where they are the pinned ones (`make test-newest` installs others)."""
    (oldest,) = [specifier.version for specifier in project_python() if specifier.operator == ">="]
    pins = [line.split("==") for line in (BOOK / "requirements" / name).read_text(encoding="utf-8").splitlines()]
    installed = [
        metadata.metadata(package) for package, *version in pins if version and installed_as(package, *version)
    ]
    assert installed
    assert [
        f"{release['Name']} {release['Version']}: {release['Requires-Python']}"
        for release in installed
        if not SpecifierSet(release.get("Requires-Python") or "").contains(oldest, prereleases=True)
    ] == []


def project_python():
    with open(BOOK / "pyproject.toml", "rb") as pyproject:
        return SpecifierSet(tomllib.load(pyproject)["project"]["requires-python"])


def installed_as(package, version):
    try:
        return metadata.version(package) == version
    except metadata.PackageNotFoundError:
        return False

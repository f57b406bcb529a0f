"""The hosts' configuration files are valid against the hosts' own schemas
(check-jsonschema's bundled copies, offline), and the GitHub Pages workflow
does what CI does before it builds: the same script installs the same Debian
packages; it then builds the book at the Pages address and deploys it, one
deployment at a time."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from book import BOOK

WORKFLOW = BOOK / ".github/workflows/pages.yml"
CHECK_JSONSCHEMA = Path(sys.prefix) / "bin" / "check-jsonschema"


@pytest.mark.parametrize("path, schema", [
    (".readthedocs.yaml", "vendor.readthedocs"),
    (".github/workflows/pages.yml", "vendor.github-workflows"),
])
def test_the_configuration_is_valid_against_the_hosts_schema(path, schema):
    result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", schema, BOOK / path],
                            capture_output=True, text=True)
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
    assert steps(build).index("actions/configure-pages") < steps(build).index("make all") \
        < steps(build).index("actions/upload-pages-artifact")
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert steps(deploy) == ["actions/deploy-pages"] and deploy["needs"] == "build"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true

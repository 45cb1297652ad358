"""exports/ keeps the fixtures' JSON and ICS as golden files: a fresh build must reproduce them byte for byte.

When a deliberate change alters the output, run `timeline build` from the repository root, review
`git diff exports/` as a reader would, and commit the new files with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline import cli

GOLDEN = ("timeline.json", "timeline.schema.json", "timeline.ics")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    assert cli.main(["build", str(REPO / "fixtures"), "-o", str(out), "--format", "json,ics", "-q"]) == 0
    return out


@pytest.mark.parametrize("name", GOLDEN)
def test_fixture_exports_match_the_golden_files(fresh: Path, name: str) -> None:
    golden = REPO / "exports" / name
    assert golden.exists(), f"exports/{name} is missing: run `timeline build` and commit it"
    assert (fresh / name).read_bytes() == golden.read_bytes(), (
        f"exports/{name} differs from a fresh build: if the change is intended, run `timeline build`, "
        "review `git diff exports/` and commit it")

"""Every claim of the blog post is mapped to a notebook cell that demonstrates or asserts it."""

import json
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CLAIMS = tomllib.loads((ROOT / "tests" / "post_claims.toml").read_text(encoding="utf-8"))["claim"]


def _tagged_cells(notebook, tag):
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if tag in c.get("metadata", {}).get("tags", [])]


def test_claims_are_unique_and_well_formed():
    ids = [c["id"] for c in CLAIMS]
    assert len(ids) == len(set(ids)) >= 25
    assert {c["verdict"] for c in CLAIMS} <= {"right", "loose", "wrong"}


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c["id"])
def test_claim_is_shown_in_its_notebook(claim):
    cells = _tagged_cells(claim["notebook"], f"claim:{claim['id']}")
    assert cells, f"no cell tagged claim:{claim['id']} in {claim['notebook']}"
    assert any(c["cell_type"] == "code" for c in cells), "a claim is demonstrated by code, not only prose"


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c["verdict"] != "right"], ids=lambda c: c["id"])
def test_loose_or_wrong_claims_get_a_note_on_the_post(claim):
    cells = _tagged_cells(claim["notebook"], f"claim:{claim['id']}")
    notes = [c for c in cells if c["cell_type"] == "markdown" and "**Note on the post.**" in "".join(c["source"])]
    assert notes, f"no 'Note on the post' callout tagged claim:{claim['id']} in {claim['notebook']}"

"""Three documents, each for one reader: README.md for the learner, CONTRIBUTING.md for whoever carries the work
on, bench/README.md for the speed report (written by bench/report.py). What each says about the repository
must stay true of it: the paths they name exist, the code they quote is the code, the report is the results.
(The README's notebooks table: tests/test_notebooks.py; the site's pages of them: tests/test_site.py.)
"""

import importlib.util
import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README, CONTRIBUTING, BENCH = (ROOT / name for name in ("README.md", "CONTRIBUTING.md", "bench/README.md"))
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["nn-companion"]
LINK = re.compile(r"\]\((?!\w+:)([^)#\s]+)")          # markdown links that are not URLs
CODE_SPAN = re.compile(r"`([^`\s]+)`")
README_MOST_WORDS = 1200


def words(markdown):
    """The words a reader reads: no HTML comments, and only tokens with a letter or a digit (not "|" or "---")."""
    return [token for token in re.sub(r"<!--.*?-->", "", markdown, flags=re.S).split() if re.search(r"\w", token)]


def test_the_readme_is_short():
    assert len(words(README.read_text())) <= README_MOST_WORDS


def test_the_word_count_can_fail():
    assert len(words("| a | b |\n|---|---|\n<!-- not read -->" + " word" * 1201)) == 1203


def test_the_readme_sends_learners_to_the_issues_of_the_projects_repository():
    issues = re.findall(r"https://github\.com/([\w.-]+/[\w.-]+)/issues", README.read_text())
    assert issues and set(issues) == {PROJECT["repository"]}


def test_the_readme_tells_a_learner_without_make_what_to_run():
    readme = README.read_text()
    assert "python start_lab.py" in readme and (ROOT / "start_lab.py").is_file()


@pytest.mark.parametrize("document", [README, CONTRIBUTING, BENCH], ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_links_of_a_document_lead_to_files_of_the_repository(document):
    missing = [target for target in LINK.findall(document.read_text()) if not (document.parent / target).exists()]
    assert missing == []


def test_the_readme_and_the_contributors_guide_link_each_other_and_the_speed_report():
    readme, guide = (set(LINK.findall(path.read_text())) for path in (README, CONTRIBUTING))
    assert {"CONTRIBUTING.md", "bench/README.md"} <= readme
    assert {"README.md", "bench/README.md"} <= guide


def repository_paths(text):
    """The code spans of ``text`` that name a file or folder by its path from the root (nnlib/_checks.py, docs/)."""
    return {span for span in CODE_SPAN.findall(text)
            if re.fullmatch(r"[\w.-]+(/[\w.-]+)*/?", span) and ("/" in span or re.search(r"\.(py|md|txt|toml)$", span))
            and not span.startswith(("http", "-"))}


def ignored(path):
    """Whether git ignores ``path``: what a command makes (docs/_build/html, my-notebooks/), not a file of ours."""
    return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT).returncode == 0


def test_every_path_the_contributors_guide_names_exists():
    """Named by its path from the root; a path a notebook writes (../README.md) or a command makes is left out."""
    named = [path for path in repository_paths(CONTRIBUTING.read_text()) if not path.startswith("../")]
    assert len(named) > 20
    assert sorted(path for path in named if not (ROOT / path).exists() and not ignored(path)) == []


def test_the_layout_names_every_module_of_nnlib():
    layout = CONTRIBUTING.read_text().split("## The layout", 1)[1].split("\n## ", 1)[0]
    modules = sorted(path.name for path in (ROOT / "nnlib").glob("*.py") if path.name != "__init__.py")
    assert [name for name in modules if not re.search(rf"\b{re.escape(name)}\b", layout)] == []


def test_the_code_the_contributors_guide_quotes_is_in_the_repository():
    """Each quoted example is copied from a file: the files it names hold it, line for line."""
    guide = CONTRIBUTING.read_text()
    quoted = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
    assert len(quoted) >= 2
    sources = [(ROOT / path).read_text() for path in repository_paths(guide) if path.endswith(".py")
               and (ROOT / path).is_file()]
    for block in quoted:
        assert any(block in source for source in sources), block[:200]


def report_module():
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_speed_report_is_the_results():
    """bench/README.md is what bench/report.py writes from bench/results.json as they are now."""
    report = report_module()
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    assert BENCH.read_text() == report.report(results)


def test_every_result_with_a_row_is_in_the_report_once():
    report = report_module()
    shown = [row[0] for _, _, rows in report.sections() for row in rows]
    assert sorted(shown) == sorted(row[0] for row in report.ROWS) and len(set(shown)) == len(shown)

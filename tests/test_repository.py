"""The repository as a clone gets it: nothing in it points at the machine that made it.

Two checks over every tracked file, as git records it:

- A symbolic link stays inside the repository (docs/notebooks -> ../notebooks does). One that leaves it
  points at something only its author's machine has: a clone gets a broken link.
- No text names an absolute path into a person's or a machine's own space: /work/…, /root/…,
  /home/<user>/…, /Users/<user>/…, C:\\Users\\<user>\\…, and /tmp/… or /private/var/folders/…
  (temporary folders: code that needs one makes it with tempfile or pytest's tmp_path, so a literal one is
  always a leftover of a run). System paths that are the same on every machine of a kind are fine:
  /usr/bin/chromium is where Debian puts Chromium, and `#!/usr/bin/env bash` is how a script finds bash.

Notebook outputs get a stricter check of their own (tests/test_notebooks.py: site-packages, /opt/).
"""

import os
import re
import subprocess
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).parents[1]

# A path starts after a space, quote, bracket, "=" or the line's start, not inside a word, a URL or base64
# (a notebook's pictures): then a user's or the machine's own folder, then a name in it.
# The home folder "jovyan" is no machine's: it is the one inside the image that Binder (repo2docker) builds, where the
# classroom's Kubernetes values point.
MACHINE_PATH = re.compile(r"(?<![\w.+/~-])"
                          r"(?:/(?:work|root|tmp)/|/home/(?!jovyan/)|/Users/|/private/var/folders/|[A-Za-z]:\\{1,2}Users\\{1,2})"
                          r"[A-Za-z0-9_.-]")


def tracked(root):
    """Every tracked file: (path, git mode), as the index records it."""
    listing = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=root, capture_output=True, check=True).stdout
    entries = [entry.decode().split("\t", 1) for entry in listing.split(b"\0") if entry]
    return [(path, meta.split()[0]) for meta, path in entries]


def link_target(root, path):
    """Where a tracked symlink points, as a clone gets it (the blob git stores), not the file on this disk."""
    return subprocess.run(["git", "cat-file", "-p", f":{path}"], cwd=root, capture_output=True, text=True,
                          check=True).stdout


def links_leaving(root):
    """The tracked symlinks whose target is absolute or climbs out of the repository: [(path, target)]."""
    leaving = []
    for path, mode in tracked(root):
        if mode != "120000":
            continue
        target = link_target(root, path)
        inside = os.path.normpath(PurePosixPath(path).parent / target)
        if PurePosixPath(target).is_absolute() or re.match(r"[A-Za-z]:", target) or inside.split("/")[0] == "..":
            leaving.append((path, target))
    return leaving


def machine_paths(text):
    """Each absolute machine path in ``text``, with a little context."""
    return [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ") for m in MACHINE_PATH.finditer(text)]


def test_no_tracked_symlink_leaves_the_repository():
    assert links_leaving(ROOT) == []


def test_no_tracked_file_names_a_path_of_the_machine_that_made_it():
    found = {}
    for path, mode in tracked(ROOT):
        if mode == "120000" or not (ROOT / path).is_file():
            continue
        data = (ROOT / path).read_bytes()
        if b"\0" in data:                      # binary: a picture, not text a person wrote
            continue
        hits = machine_paths(data.decode("utf-8", errors="replace"))
        if hits:
            found[path] = hits[:3]
    assert found == {}


# The examples write "@" for the leading "/" (and "C@" for "C:"), so that this file passes the check above.
@pytest.mark.parametrize("text", [
    "cd @work/main && make test", "ln -s @root/.cache/x", "open('@home/alice/notes.txt')", "see @Users/bob/Desktop",
    r"C@\Users\carol\nn", r'"C@\\Users\\carol\\nn"', "log in @tmp/pytest-of-root/x", "@private/var/folders/xy/T/z",
    '"path": "@work/wt/house/notebooks"',
])
def test_a_machine_path_is_found(text):
    assert machine_paths(text.replace("C@", "C:").replace("@", "/"))


@pytest.mark.parametrize("text", [
    "#!/usr/bin/env bash", 'CHROMIUM = "/usr/bin/chromium"', "https://example.org/work/page", "docs/_build/tmp/x",
    "data:image/png;base64,iVBORw0KGgo+/work/abc", "a/home/b", "~/work/x is yours", "cd notebooks/", "/tmp",
])
def test_system_paths_urls_and_relative_paths_are_not(text):
    assert machine_paths(text) == []


def test_a_symlink_out_of_the_repository_is_found(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "notebooks").mkdir()
    links = {"docs/notebooks": "../notebooks", "env": "@work/main/.venv".replace("@", "/"),
             "docs/up": "../../elsewhere", "here": "notebooks"}
    for link, target in links.items():
        os.symlink(target, repo / link)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "add", "--all"], cwd=repo, check=True)
    assert sorted(links_leaving(repo)) == [("docs/up", "../../elsewhere"), ("env", links["env"])]

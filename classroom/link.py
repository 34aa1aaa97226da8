"""The nbgitpuller link that hands the series out to a class: `python classroom/link.py HUB_URL REPO [BRANCH]`.

A learner who opens it logs in, gets their server, and nbgitpuller clones REPO into ~/nn-companion (the first
time) or merges the teacher's new commits into it (every later time), then opens notebook 00.
"""

import sys
from urllib.parse import urlencode

CLONE = "nn-companion"        # the folder in each learner's home (classroom/jupyterhub_config.py puts it on PYTHONPATH)
FIRST = "notebooks/00_introduction.ipynb"


def pull_link(hub_url, repo, branch="main", notebook=FIRST):
    query = urlencode({"repo": repo, "branch": branch, "targetpath": CLONE, "urlpath": f"lab/tree/{CLONE}/{notebook}"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


if __name__ == "__main__":
    print(pull_link(*sys.argv[1:]))

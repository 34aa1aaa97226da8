"""Sphinx configuration of the site: the committed notebooks, as they are, as a book.

Built by ``make site`` (docs/_build/html). Four promises, each kept below:

- The notebooks are not run for their pages: a page shows the outputs nbval tested (``nb_execution_mode = "off"``).
- Every explorer moves on its page with no kernel: the notebooks' code runs once more at build time to
  export each explorer as pictures (docs/_ext/site_explorers.py), and plain range inputs swap them.
- A reader needs no internet: MathJax, require.js, the ipywidgets HTML manager and ipympl's front end
  are fetched from the npm registry at build time (docs/vendor.py) and served from ``_static/``.
- Each notebook page has a Binder button opening JupyterLab at ``notebooks/<name>.ipynb`` of the one
  repository named in pyproject.toml, ``[tool.nn-companion]``, which the README's badge must match.
"""

import sys
import tomllib
from pathlib import Path

from sphinx import addnodes

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
import site_notebooks  # noqa: E402  (docs/_ext, on the path just above)

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["nn-companion"]
REPOSITORY = PROJECT["repository"]          # "owner/name" on GitHub
BRANCH = PROJECT["branch"]
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
VENDOR = DOCS / "_build" / "vendor"            # docs/vendor.py puts the npm packages here; `make site` runs it first

project = "How a feedforward neural network learns"

extensions = ["myst_nb", "site_explorers"]   # site_explorers: docs/_ext
# docs/notebooks is a link to ../notebooks: pages are named notebooks/NN_title, as in the repository.
# The patterns also keep files out of _static: axe-core is vendored for the browser test, not for readers.
exclude_patterns = ["_build", "_ext", "**/.ipynb_checkpoints", "Thumbs.db", ".DS_Store", "**/axe-core"]
root_doc = "index"

# --- Notebooks: stored outputs only -------------------------------------------------------------
nb_execution_mode = "off"
nb_custom_formats = {".ipynb": "site_notebooks.read"}  # see docs/_ext/site_notebooks.py
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# --- Everything a page loads comes from the site itself -----------------------------------------
if not (VENDOR / "versions.json").exists():
    raise RuntimeError(f"{VENDOR} is empty: run `python docs/vendor.py` (make site does) before sphinx-build")
html_static_path = ["_static", str(VENDOR)]     # both land in _static/
mathjax_path = "mathjax/tex-mml-chtml.js"
nb_ipywidgets_js = {
    "requirejs/require.js": {},
    "widgets-offline.js": {},                     # require.js paths for the widget modules: this site, not a CDN
    "html-manager/embed-amd.js": {},
}

# --- Theme ------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_css_files = ["site.css"]
templates_path = ["_templates"]                 # the theme's search button, named as it reads (see the file)
html_theme_options = {
    "repository_url": f"https://github.com/{REPOSITORY}",
    "repository_branch": BRANCH,
    # The launch path is path_to_docs + page name; pages are named notebooks/<name> like the files
    # in the repository, so an empty path_to_docs gives lab/tree/notebooks/<name>.ipynb.
    "path_to_docs": "",
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "use_repository_button": True,
    "use_download_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "footer_content_items": [],
    # No top bar: the sidebar has the search field (sphinx-book-theme 1.4 shows an empty header otherwise).
    "navbar_persistent": [],
}


def local_badge(app, relative_path, parent_docname, content):
    """The README's Binder badge image lives on mybinder.org; the site shows its own copy."""
    content[0] = content[0].replace(BINDER_BADGE, "_static/binder-badge.svg")


# The repository's documents and the pages that show them (each page includes its document).
PAGES = {"README": root_doc, "CONTRIBUTING": "contributing", "bench/README": "bench"}


def links_between_notebooks(app, doctree):
    """Point the links between notebooks and documents (``01_single_weight.ipynb``, ``../README.md``,
    ``CONTRIBUTING.md``) at their pages.

    Sphinx resolves a link's path through the docs/notebooks symlink, so MyST names the target by its
    real path, /repo/notebooks/01_single_weight: map it back to the page notebooks/01_single_weight,
    and each document to the page that shows it (PAGES). The README and CONTRIBUTING.md, which sit at the
    repository's root, link to the other documents by their paths from there (``bench/README.md``, or
    ``docs/<page>.md`` for a page of the site's own): MyST leaves those as they are written, relative, and
    they are mapped the same way.
    """
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") != "myst":
            continue
        path, _, anchor = node.get("reftarget", "").partition("#")
        target = Path(path)
        if target.is_absolute() and target.is_relative_to(ROOT):
            docname = target.relative_to(ROOT).as_posix()
        elif target.suffix == ".md" and (target.with_suffix("").as_posix() in PAGES or target.parts[0] == "docs"):
            docname = target.with_suffix("").as_posix().removeprefix("docs/")     # docs/teachers.md: a page here
            node["reftargetid"] = anchor or None
        else:
            continue
        node["reftarget"] = PAGES.get(docname, docname)
        node["refdomain"] = "doc"


def setup(app):
    app.connect("include-read", local_badge)
    app.connect("doctree-read", links_between_notebooks)
    app.connect("doctree-read", site_notebooks.figure_alts)

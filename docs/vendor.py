"""Fetch the site's JavaScript from the npm registry into docs/_build/vendor/ (never committed).

The pages load MathJax, require.js, the ipywidgets HTML manager and ipympl's widget code from the
site itself, so a reader needs no internet. This script runs at build time (``make site``): it asks
``npm pack`` for the exact versions below (npm's cache answers when it can), unpacks the files
the pages use, and skips all of it when the folder already holds these versions.

    python docs/vendor.py [TARGET]        # default TARGET: docs/_build/vendor
"""

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# npm package -> (version, folder in the package, the files the pages use, where they go under TARGET).
PACKAGES = {
    # MathJax 3 keeps its fonts inside the package (MathJax 4 fetches them from another package at run time).
    # The one combined file the pages load, plus what it loads lazily: TeX extensions, CHTML fonts, menu, a11y.
    "mathjax": ("3.2.2", "es5", ["tex-mml-chtml.js", "input/**/*", "output/chtml/**/*", "a11y/**/*",
                                 "ui/**/*", "sre/**/*", "adaptors/**/*"], "mathjax"),
    "requirejs": ("2.3.8", "", ["require.js"], "requirejs"),
    # The ipywidgets 8 renderer for pages without a kernel, and the icon fonts it loads next to itself.
    "@jupyter-widgets/html-manager": ("1.0.15", "dist", ["embed-amd.js", "*.woff2", "*.woff", "*.ttf", "*.eot",
                                                         "*.svg", "*.LICENSE.txt"], "html-manager"),
    # ipympl's front end (ipympl 0.10 saves its models as jupyter-matplotlib ^0.12): draws the explorers' figures.
    "jupyter-matplotlib": ("0.12.0", "dist", ["index.js"], "jupyter-matplotlib"),
    # The accessibility checker the browser test runs on every page (tests/browser); not copied into the site.
    "axe-core": ("4.14.1", "", ["axe.min.js"], "axe-core"),
}
DEFAULT_TARGET = Path(__file__).parent / "_build" / "vendor"
STAMP = "versions.json"


def wanted():
    return {name: version for name, (version, *_) in PACKAGES.items()}


def vendor(target=DEFAULT_TARGET):
    target = Path(target)
    stamp = target / STAMP
    if stamp.exists() and json.loads(stamp.read_text()) == wanted():
        return target
    if shutil.which("npm") is None:
        sys.exit("vendor.py: npm is missing (Debian: apt-get install npm); it fetches the site's JavaScript")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as download:
        specs = [f"{name}@{version}" for name, (version, *_) in PACKAGES.items()]
        result = subprocess.run(
            ["npm", "pack", "--silent", "--prefer-offline", "--pack-destination", download, *specs],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            sys.exit(f"vendor.py: npm pack {' '.join(specs)} failed:\n{result.stderr}")
        for name, (version, base, patterns, folder) in PACKAGES.items():
            tarball = f"{name.removeprefix('@').replace('/', '-')}-{version}.tgz"   # npm's naming
            unpacked = Path(download) / name.replace("/", "-")
            with tarfile.open(Path(download) / tarball) as archive:
                # filter="data" refuses links and paths outside the folder (Python 3.11.4+).
                archive.extractall(unpacked, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
            package = unpacked / "package"
            for pattern in patterns:
                matches = [path for path in (package / base).glob(pattern) if path.is_file()]
                if not matches:
                    sys.exit(f"vendor.py: {name} has no {base}/{pattern}: has the package changed its layout?")
                for source in matches:
                    destination = target / folder / source.relative_to(package / base)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, destination)
            for license_file in package.glob("LICEN[CS]E*"):
                shutil.copy2(license_file, target / folder / license_file.name)
    stamp.write_text(json.dumps(wanted(), indent=1))
    return target


if __name__ == "__main__":
    print(f"vendored into {vendor(*sys.argv[1:])}")

# Two commands do all the set-up: `make lab` to learn, `make test` to check.
# Both create .venv on first use and reinstall only when a dependency file changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tested, exact versions. `make test CONSTRAINTS=` resolves afresh from the
# ranges in requirements.txt and pyproject.toml instead (e.g. on a newer Python).
CONSTRAINTS ?= constraints.txt
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install lab test test-browser bench notebooks site clean

help:
	@echo "make lab        start JupyterLab at notebooks/ (sets up .venv first)"
	@echo "make test       the whole suite: nnlib unit tests and strict nbval on every notebook"
	@echo "make test-browser  every slider of every notebook, moved in JupyterLab in Chromium (installs Chromium with apt if missing)"
	@echo "make bench      speed against baselines (PyTorch, micrograd, loops, naive re-plots); table in README.md"
	@echo "make notebooks  re-execute every notebook in place (the committed outputs)"
	@echo "make site       the notebooks as a static website, as committed (docs/_build/html)"
	@echo "make clean      remove .venv and caches"

$(STAMP): requirements.txt pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -e ".[test]"
	@# Build matplotlib's font cache now, not as a warning inside a notebook's first cell.
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/notebooks $(ROOT_FLAG)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env \
	  -m "not browser" tests notebooks

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=120 $(NOTEBOOKS)

# The site: Sphinx + myst-nb over the committed notebooks, not executed (docs/conf.py). docs/vendor.py
# fetches the pages' JavaScript from the npm registry (needs npm) into docs/_build/vendor: not committed.
# SITE_DIR=... builds elsewhere; its parent folder also gets the doctrees and the warnings.
# The `site` extra of pyproject.toml is installed (its packages only: nnlib stays as it is) when the venv
# or pyproject.toml is newer than $(VENV)/.site-installed.
SITE_DIR ?= docs/_build/html
SITE_EXTRA := import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["site"], sep="\n")
site: $(STAMP)
	@if [ ! $(VENV)/.site-installed -nt $(STAMP) ] || [ ! $(VENV)/.site-installed -nt pyproject.toml ]; then \
	  set -e; echo "pip install the site extra"; \
	  $(BIN)/python -c '$(SITE_EXTRA)' | $(BIN)/python -m pip install --quiet $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -r /dev/stdin; \
	  touch $(VENV)/.site-installed; \
	fi
	$(BIN)/python docs/vendor.py
	$(BIN)/python -m sphinx -b html -q -d $(SITE_DIR)/../doctrees -w $(SITE_DIR)/../warnings.txt docs $(SITE_DIR)
	@echo "site: $(SITE_DIR)/index.html"

# The real-browser test and the slider benches: the `browser` extra (Playwright) and Debian's Chromium,
# which Playwright drives because it cannot download its own browsers here.
BROWSER_STAMP := $(VENV)/.browser-installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
CHROMIUM_INSTALL = test -x /usr/bin/chromium || { $(SUDO) apt-get update && \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -e ".[browser]"
	touch $@

# Failure screenshots, the server log and the browser console land in test-artifacts/browser/.
test-browser: $(BROWSER_STAMP)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pytest -m browser tests/browser || { \
	  echo "browser test failed; screenshots and logs in test-artifacts/browser/:"; ls -l test-artifacts/browser; exit 1; }

# NumPy (OpenBLAS) on one thread, like PyTorch in bench/train_step.py: on a shared 2-core machine extra
# BLAS threads only fight each other. The table lands in README.md and bench/results.json.
bench: $(BROWSER_STAMP)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/train_step.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/loss_curve.py
	$(BIN)/python bench/series.py
	$(BIN)/python bench/sliders.py
	$(BIN)/python bench/browser_sliders.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis docs/_build test-artifacts

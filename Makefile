# Two commands do all the set-up: `make lab` to learn, `make test` to check.
# Both create .venv on first use and reinstall only when a dependency file changes. `make lab` installs what
# the notebooks need and nothing more; `make test` adds the test tools on top (a stamp file for each).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAB_STAMP := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
# The tested, exact versions. `make test CONSTRAINTS=` resolves afresh from the
# ranges in requirements.txt and pyproject.toml instead (e.g. on a newer Python).
CONSTRAINTS ?= constraints.txt
C := $(if $(CONSTRAINTS),-c $(CONSTRAINTS))
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install lab fresh my-notebooks test test-browser test-site bench notebooks site clean \
	classroom classroom-install test-classroom

help:
	@echo "make lab        start JupyterLab at notebook 00 of my-notebooks/, your own copy (sets up .venv first)"
	@echo "make fresh NB=04  notebook 04 as published, back in my-notebooks/; if you changed yours, it is kept as"
	@echo "                 04_....old-1.ipynb, then old-2, ... (never overwritten). Changed means a cell's text: running it"
	@echo "                 and JupyterLab's autosave change only outputs and metadata, which do not count"
	@echo "make test       the whole suite: nnlib unit tests and strict nbval on every notebook"
	@echo "make test-browser  every slider of every notebook, moved in JupyterLab in Chromium (installs Chromium with apt if missing)"
	@echo "make test-site  build the static site and check every page, also in Chromium (needs npm)"
	@echo "make bench      speed against baselines (PyTorch, micrograd, loops, naive re-plots, pip); report in bench/README.md"
	@echo "make notebooks  re-execute every notebook in place (the committed outputs)"
	@echo "make site       the notebooks as a static website, as committed (docs/_build/html; needs npm)"
	@echo "make classroom  a JupyterHub for a class on this machine, as root (docs/teachers.md; needs npm)"
	@echo "make test-classroom  the hub's tests: start, nbgitpuller, culling, a learner in Chromium (as root; needs npm)"
	@echo "make clean      remove .venv and caches (my-notebooks/ stays: it is your work)"

# --- The interpreter ---------------------------------------------------------------------------
# .venv is made by $(PYTHON), which must be Python 3.11 or newer: said in one line, before anything is made.
# The marker file names the version that made .venv; a .venv made by another version is made again.
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print(*sys.version_info[:3], sep=".")' 2>/dev/null)
PYTHON_MINOR := $(basename $(PYTHON_VERSION))
PYTHON_NEW_ENOUGH := $(shell v="$(PYTHON_MINOR)"; { [ "$${v%%.*}" -gt 3 ] || { [ "$${v%%.*}" -eq 3 ] && [ "$${v#*.}" -ge 11 ]; }; } 2>/dev/null && echo yes)
VENV_MADE := $(VENV)/.made-by-python$(PYTHON_MINOR)
GOAL := $(or $(firstword $(MAKECMDGOALS)),lab)
NO_PYTHON := $(PYTHON) does not run as Python here. Name one that does: make $(GOAL) PYTHON=python3.11
TOO_OLD := Python 3.11 or newer is needed; $(PYTHON) is $(PYTHON_VERSION). Name a newer one: make $(GOAL) PYTHON=python3.11

$(VENV_MADE):
	$(if $(PYTHON_VERSION),,$(error $(NO_PYTHON)))
	$(if $(PYTHON_NEW_ENOUGH),,$(error $(TOO_OLD)))
	@if [ -e $(VENV) ] && [ "$$($(BIN)/python -c 'import sys; print(*sys.version_info[:2], sep=".")' 2>/dev/null)" != "$(PYTHON_MINOR)" ]; then \
	  echo "$(VENV) was made by another Python: making it again with $(PYTHON) $(PYTHON_VERSION)"; rm -rf $(VENV); fi
	@# No pip inside: uv installs (below), and ensurepip would cost ~6 s here.
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	touch $@

# --- Installing: uv, or with `UV=` plain pip ---------------------------------------------------
# uv is a PyPI package like the others (pinned in constraints.txt). The interpreter's own pip installs it
# into .venv (`pip --python`, pip >= 22.3); if that pip is missing, .venv gets one from ensurepip first.
# Then uv installs everything, pip included (.venv/bin/pip is there for `make bench` and `pip freeze`).
# `make lab UV=` (empty) installs with .venv's own pip instead: ~4x slower, same versions.
UV ?= uv
ifeq ($(strip $(UV)),)
INSTALLER = $(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --default-pip >/dev/null; \
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
INSTALL = $(BIN)/python -m pip install --quiet
else
INSTALLER = test -x $(BIN)/uv || $(PYTHON) -m pip --python $(BIN)/python install --quiet $(UV) $(C) 2>/dev/null || { \
	$(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip install --quiet $(UV) $(C); }
INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python
endif
# Builds matplotlib's font cache (first time only), so no notebook cell shows "building the font cache".
WARM_FONTS = $(BIN)/python -c "import matplotlib.pyplot"

# What the notebooks need: requirements.txt and nnlib itself, at the versions of constraints.txt.
$(LAB_STAMP): $(VENV_MADE) requirements.txt pyproject.toml $(CONSTRAINTS)
	$(INSTALLER)
	$(INSTALL) -r requirements.txt $(C) -e . pip
	touch $@

# The test tools on top: pytest, nbval, hypothesis, repo2docker (the `test` extra of pyproject.toml).
$(TEST_STAMP): $(LAB_STAMP)
	$(INSTALLER)
	$(INSTALL) $(C) -e ".[test]"
	$(WARM_FONTS)
	touch $@

install: $(LAB_STAMP)

# --- The learner's JupyterLab ------------------------------------------------------------------
# The learner works in my-notebooks/ (git-ignored), never in notebooks/: their runs and saves cannot make the
# clone dirty or a `git pull` conflict. Each copy is made once; a notebook already there is never overwritten
# (no prerequisite can make it out of date), and one added to notebooks/ later is copied in by the next `make lab`.
WORK := my-notebooks
MY_NOTEBOOKS := $(patsubst notebooks/%,$(WORK)/%,$(NOTEBOOKS))
$(WORK)/%.ipynb: | notebooks/%.ipynb
	@mkdir -p $(WORK)
	cp notebooks/$*.ipynb $@

my-notebooks: $(MY_NOTEBOOKS)

# `make fresh NB=04`: notebook 04 as published, back in my-notebooks/; the learner's version is kept under a new
# name if they changed it (tools/fresh.py says what "changed" means). Plain Python: .venv's if there is one.
fresh:
	$(if $(PYTHON_VERSION),,$(error $(NO_PYTHON)))
	@$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) tools/fresh.py --work $(WORK) "$(NB)"

# JupyterLab settings for learners (binder/overrides.json, Binder uses the same file): no "Jupyter news?"
# popup, no update check. They go into .venv as JupyterLab's defaults, so ~/.jupyter stays the learner's own.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_SETTINGS): binder/overrides.json $(LAB_STAMP)
	@mkdir -p $(@D)
	cp binder/overrides.json $@

# The learners' server settings (binder/jupyter_server_config.py: kernel messages leave without Nagle's 40 ms
# wait), also Binder's and the classroom hub's; in .venv's etc/jupyter, so ~/.jupyter stays the learner's own.
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.py
$(SERVER_CONFIG): binder/jupyter_server_config.py $(LAB_STAMP)
	@mkdir -p $(@D)
	cp binder/jupyter_server_config.py $@

# Opens notebook 00 of my-notebooks/, on 127.0.0.1 with token auth. LAB_ARGS=... adds JupyterLab options.
# The font cache is built beside the server's start-up, not before it.
LAB_ARGS ?=
lab: $(LAB_STAMP) $(LAB_SETTINGS) $(SERVER_CONFIG) $(MY_NOTEBOOKS)
	@$(WARM_FONTS) &
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/$(WORK)/$(notdir $(firstword $(NOTEBOOKS))) \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(ROOT_FLAG) $(LAB_ARGS)

# --- Checking ----------------------------------------------------------------------------------
# The notebooks run twice: then again on another of OpenBLAS's kernels, which round sums differently, so an
# output that would differ on another CPU fails here, not on a learner's machine (tests/other_blas_kernel.py).
test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env \
	  -m "not browser and not site and not classroom" tests notebooks
	@other=$$($(BIN)/python tests/other_blas_kernel.py) || exit 1; \
	if [ -z "$$other" ]; then echo "the notebooks ran on one BLAS kernel: NumPy here has no other OpenBLAS x86 kernel to try"; \
	else echo "the notebooks again, on OpenBLAS's $$other kernel"; set -x; \
	  OPENBLAS_CORETYPE=$$other $(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadscope \
	  --nbval --nbval-current-env notebooks; fi

notebooks: $(LAB_STAMP)
	$(WARM_FONTS)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=120 $(NOTEBOOKS)

# The site: Sphinx + myst-nb over the committed notebooks, not executed (docs/conf.py). docs/vendor.py
# fetches the pages' JavaScript from the npm registry into docs/_build/vendor (not committed): `make site`,
# and so `make test-site`, need npm; nothing else does (the widgets' HTML manager is on no Python index).
# SITE_DIR=... builds elsewhere; its parent folder also gets the doctrees and the warnings.
# The `site` extra of pyproject.toml is installed (its packages only: nnlib stays as it is) when the venv
# or pyproject.toml is newer than $(VENV)/.site-installed.
SITE_DIR ?= docs/_build/html
SITE_EXTRA := import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["site"], sep="\n")
NEEDS_NPM = @command -v npm >/dev/null || { echo "make $@: needs npm (Node.js's package manager: it fetches the site's JavaScript), e.g. apt-get install npm"; exit 1; }
site: $(LAB_STAMP)
	$(NEEDS_NPM)
	@if [ ! $(VENV)/.site-installed -nt $(LAB_STAMP) ] || [ ! $(VENV)/.site-installed -nt pyproject.toml ]; then \
	  set -e; echo "install the site extra"; $(INSTALLER); \
	  $(BIN)/python -c '$(SITE_EXTRA)' > $(VENV)/site-extra.txt; \
	  $(INSTALL) $(C) -r $(VENV)/site-extra.txt; \
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

$(BROWSER_STAMP): $(TEST_STAMP)
	$(INSTALLER)
	$(INSTALL) $(C) -e ".[browser]"
	touch $@

# Failure screenshots, the server log and the browser console land in test-artifacts/browser/.
test-browser: $(BROWSER_STAMP)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pytest -m "browser and not site and not classroom" tests/browser || { \
	  echo "browser test failed; screenshots and logs in test-artifacts/browser/:"; ls -l test-artifacts/browser; exit 1; }

# Every test that builds the site (tests/test_site.py, and its pages in Chromium): needs npm, like `make site`.
test-site: $(BROWSER_STAMP)
	$(NEEDS_NPM)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pytest -m site tests || { \
	  echo "site test failed; screenshots in test-artifacts/browser/site/"; exit 1; }

# NumPy (OpenBLAS) on one thread, like PyTorch in bench/train_step.py: on a shared 2-core machine extra
# BLAS threads only fight each other. The report lands in bench/README.md and bench/results.json.
# The bench extra goes in with pip: torch 2.13.0's CPU build is a file that pip finds here and uv does not.
bench: $(BROWSER_STAMP)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/train_step.py
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/loss_curve.py
	$(BIN)/python bench/series.py
	$(BIN)/python bench/sliders.py
	$(BIN)/python bench/browser_sliders.py
	$(BIN)/python bench/setup.py
	@# The class on one hub: as root (learners are system users), with npm (the proxy). Minutes of both cores.
	$(if $(filter 0,$(shell id -u)),$(BIN)/python bench/classroom.py,@echo "bench/classroom.py not run: it needs root (learners are system users)")
	OPENBLAS_NUM_THREADS=1 $(BIN)/python bench/digits.py
	$(BIN)/python bench/report.py

# --- A class on one JupyterHub (classroom/, docs/teachers.md) -----------------------------------------------------
# `make classroom`, as root (each learner's server runs as a system user of its own): the class's environment in
# CLASSROOM_DIR/venv (the series' packages at the versions of constraints.txt, JupyterHub and nbgitpuller from
# classroom/constraints.txt, make lab's settings; no nnlib: each kernel imports the learner's pulled clone's), the
# proxy from npm (classroom/package-lock.json), then JupyterHub on 127.0.0.1:CLASSROOM_PORT. It prints the
# learners' password and the nbgitpuller link that hands out the series from CLASSROOM_REPO (a path or a URL).
# The environment lives outside /root (0700): learners must be able to run its Python, hence CLASSROOM_PYTHON.
CLASSROOM_DIR ?= /srv/nn-companion-classroom
CLASSROOM_PYTHON ?= /usr/bin/python3
CLASSROOM_PORT ?= 8000
CLASSROOM_LEARNERS ?= 30
CLASSROOM_LEARNER_NAME ?= learner
CLASSROOM_PASSWORD ?=
CLASSROOM_REPO ?= $(CURDIR)
CLASSROOM_BRANCH ?= main
CLASSROOM_CULL_TIMEOUT ?= 3600
CLASSROOM_VENV := $(CLASSROOM_DIR)/venv
CLASSROOM_STAMP := $(CLASSROOM_VENV)/.installed
CLASSROOM_PROXY := classroom/node_modules/.bin/configurable-http-proxy
NEEDS_ROOT = @[ "$$(id -u)" = 0 ] || { echo "make $@: run it as root (each learner's server runs as a system user of its own)"; exit 1; }
# soupsieve >= 3 (in constraints.txt) needs Python >= 3.11.5; on an older 3.11 classroom/constraints.txt pins 2.10.
OLD_311 := import sys; sys.exit(sys.version_info >= (3, 11, 5))

$(CLASSROOM_STAMP): requirements.txt constraints.txt classroom/requirements.txt classroom/constraints.txt \
		binder/overrides.json binder/jupyter_server_config.py | $(LAB_STAMP)
	$(NEEDS_ROOT)
	@$(CLASSROOM_PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "CLASSROOM_PYTHON=$(CLASSROOM_PYTHON) is not a Python 3.11 or newer that learners can run"; exit 1; }
	mkdir -p $(CLASSROOM_DIR) && chmod 755 $(CLASSROOM_DIR)
	test -x $(CLASSROOM_VENV)/bin/python || $(BIN)/uv venv --quiet --python $(CLASSROOM_PYTHON) $(CLASSROOM_VENV)
	if $(CLASSROOM_PYTHON) -c '$(OLD_311)'; then grep -v '^soupsieve==' constraints.txt; else cat constraints.txt; fi \
	  > $(CLASSROOM_DIR)/constraints.txt
	@# --compile-bytecode: learners cannot write __pycache__ into this root-owned venv, so without it every server
	@# and every kernel would compile its imports afresh (a server start took 3.5 CPU-s here, 2.6 with it).
	$(BIN)/uv pip install --quiet --link-mode=copy --compile-bytecode --python $(CLASSROOM_VENV)/bin/python \
	  -r requirements.txt -r classroom/requirements.txt -c $(CLASSROOM_DIR)/constraints.txt -c classroom/constraints.txt
	mkdir -p $(CLASSROOM_VENV)/share/jupyter/lab/settings $(CLASSROOM_VENV)/etc/jupyter
	cp binder/overrides.json $(CLASSROOM_VENV)/share/jupyter/lab/settings/overrides.json
	cp binder/jupyter_server_config.py $(CLASSROOM_VENV)/etc/jupyter/jupyter_server_config.py
	@# matplotlib's font cache, built once: useradd copies the skeleton into each new learner's home.
	rm -rf $(CLASSROOM_DIR)/skeleton
	MPLCONFIGDIR=$(CLASSROOM_DIR)/skeleton/.cache/matplotlib $(CLASSROOM_VENV)/bin/python -c "import matplotlib.pyplot"
	touch $@

$(CLASSROOM_PROXY): classroom/package.json classroom/package-lock.json
	$(NEEDS_NPM)
	npm ci --prefix classroom --no-audit --no-fund --loglevel=error
	touch $@

classroom-install: $(CLASSROOM_STAMP) $(CLASSROOM_PROXY)

classroom: classroom-install
	$(NEEDS_ROOT)
	@if [ -n "$(CLASSROOM_PASSWORD)" ]; then printf '%s\n' "$(CLASSROOM_PASSWORD)" > $(CLASSROOM_DIR)/password; \
	elif [ ! -s $(CLASSROOM_DIR)/password ]; then \
	  $(CLASSROOM_VENV)/bin/python -c "import secrets; print(secrets.token_urlsafe(9))" > $(CLASSROOM_DIR)/password; fi; \
	chmod 600 $(CLASSROOM_DIR)/password
	@echo "Learners log in as $(CLASSROOM_LEARNER_NAME)01 .. $(CLASSROOM_LEARNER_NAME)$$(printf %02d $(CLASSROOM_LEARNERS)) with the password $$(cat $(CLASSROOM_DIR)/password)"
	@echo "The link that hands out the series (and, clicked again, the teacher's fixes):"
	@echo "  $$($(CLASSROOM_VENV)/bin/python classroom/link.py http://127.0.0.1:$(CLASSROOM_PORT) $(CLASSROOM_REPO) $(CLASSROOM_BRANCH))"
	cd $(CLASSROOM_DIR) && CLASSROOM_DIR=$(CLASSROOM_DIR) CLASSROOM_PORT=$(CLASSROOM_PORT) \
	  CLASSROOM_LEARNERS=$(CLASSROOM_LEARNERS) CLASSROOM_LEARNER_NAME=$(CLASSROOM_LEARNER_NAME) \
	  CLASSROOM_PASSWORD="$$(cat $(CLASSROOM_DIR)/password)" CLASSROOM_REPO=$(CLASSROOM_REPO) \
	  CLASSROOM_CULL_TIMEOUT=$(CLASSROOM_CULL_TIMEOUT) exec $(CLASSROOM_VENV)/bin/jupyterhub -f $(CURDIR)/classroom/jupyterhub_config.py

# The hub's tests (tests/test_classroom.py, tests/browser/test_classroom_browser.py): each builds a class in a folder of
# its own with `make classroom`, makes test learners (system users) and removes them again.
test-classroom: $(BROWSER_STAMP)
	$(NEEDS_ROOT)
	$(NEEDS_NPM)
	$(CHROMIUM_INSTALL)
	$(BIN)/python -m pytest -m classroom tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis docs/_build test-artifacts

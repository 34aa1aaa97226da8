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

.PHONY: help install lab test notebooks clean

help:
	@echo "make lab        start JupyterLab at notebooks/ (sets up .venv first)"
	@echo "make test       the whole suite: nnlib unit tests and strict nbval on every notebook"
	@echo "make notebooks  re-execute every notebook in place (the committed outputs)"
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

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

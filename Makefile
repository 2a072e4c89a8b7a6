# nec-analysis — needs only GNU make and Python >= 3.10 to start; `make help` lists targets.
#
# Variables other makefiles may use (reports.mk is included at the end):
#   PY          the project's Python (.venv/bin/python)
#   SETUP       stamp: the venv holds the locked packages, the project and its kernel
#   DATA        stamp: data/processed/*.csv rebuilt from data/raw/** and the data build (DATA_SRC)
#   READ_LOCKED prefix for a command that reads data/processed (a report build): it runs under
#               the shared data lock, so `make data` never replaces the tables meanwhile
#   YEAR        the election year a report is about (default 2014)
#   KERNEL      the Jupyter kernel name notebooks run on (nec-analysis)
# `clean` is a double-colon rule: reports.mk may add its own `clean::` recipe.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

YEAR ?= 2014
PYTHON ?= python3
UV_VERSION := 0.13.9
KERNEL := nec-analysis

VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
SETUP := $(VENV)/.installed
DATA := build/.data-built
LOCK := requirements.lock
DB_LOCK := requirements-db.lock
DB := build/nec.sqlite
DATASETTE_ARGS ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=
LAB_ARGS ?=

# Every file under a folder, dotfiles too, found by make itself (no process started: these
# lists are made on every make run, `make data` and `make report` included).
rfiles = $(foreach d,$(wildcard $(1:=/*) $(1:=/.[!.]*)),$(if $(wildcard $d/.),$(call rfiles,$d),$d))
RAW_FILES := $(sort $(call rfiles,data/raw))
# What `make data` reads: the base modules, etl/ and the command line -- never analysis,
# charts or site code (tests/test_layers.py checks this covers everything the build imports).
# LEGACY_ETL: modules of the data build not yet moved into etl/ (delete each once moved).
LEGACY_ETL := build.py parsers.py registry.py io.py tables.py schemas.py
DATA_SRC := $(wildcard $(addprefix nec_analysis/,__init__.py __main__.py paths.py vocab.py ids.py schema.py store.py $(LEGACY_ETL))) \
  $(sort $(filter %.py,$(call rfiles,nec_analysis/etl)))
# The list of raw files, rewritten (as make reads this file) only when it changes: deleting or
# renaming a clipping changes no file's time, but it changes this list, so `make data` reruns.
RAW_LIST := build/.raw-files
ifneq ($(RAW_FILES),$(strip $(file <$(RAW_LIST))))
$(shell mkdir -p $(dir $(RAW_LIST)))$(file >$(RAW_LIST),$(RAW_FILES))
endif
READ_LOCKED := $(PY) -m nec_analysis.etl.lock --shared --

.PHONY: help setup data check test lint lab lock bench db datasette clean distclean

help: ## list the targets
	@echo "make TARGET [YEAR=$(YEAR)]"
	@grep -hE '^[a-zA-Z0-9_.-]+:+[^#]*## ' $(MAKEFILE_LIST) \
	  | sed -E 's/^([^:]+):+[^#]*## (.*)/\1\t\2/' \
	  | awk -F'\t' '!seen[$$1]++ {printf "  %-10s %s\n", $$1, $$2}'

setup: $(SETUP) ## create .venv with the locked packages, the project and the `nec-analysis` kernel

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "nec-analysis needs Python >= 3.10, $(PYTHON) is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.uv-$(UV_VERSION): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	touch $@

# Reruns only when the lock or pyproject.toml change (or uv's pin does).
$(SETUP): $(LOCK) pyproject.toml $(VENV)/.uv-$(UV_VERSION)
	$(UV) pip sync --python $(PY) $(LOCK)
	$(UV) pip install --python $(PY) --no-deps --editable .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	touch $@

data: $(DATA) ## rebuild data/processed/*.csv from data/raw/**

# `python -m nec_analysis build` takes the data lock itself (nec_analysis/etl/lock.py) and
# rewrites README.md's Sources table from the new sources.csv (nec_analysis/etl/readme.py).
$(DATA): $(RAW_FILES) $(DATA_SRC) $(RAW_LIST) | $(SETUP)
	$(PY) -m nec_analysis build && mkdir -p $(@D) && touch $@

# The tests run on every core (pytest-xdist), a test file to a worker: a file's tests share
# their set-up (a built site, a database), so splitting a file would build it twice.
# Python's bytecode cache stays on for the run even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1): the suite starts dozens of Python processes (kernels, builds,
# make targets), and each would otherwise compile pandas, matplotlib and the project from
# source again (about 3x the CPU of importing them from the cache).
TEST_WORKERS ?= auto
test: $(SETUP) ## run the test suite on every core (pytest; extra options: PYTEST_ARGS=..., TEST_WORKERS=1)
	@rc=0; PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests — treated as a failure" >&2; exit 1; fi; \
	exit $$rc

lint: $(SETUP) ## check the code with ruff
	$(VENV)/bin/ruff check nec_analysis notebooks tests

# Jupyter refuses to run as root without --allow-root (containers, CI): pass it only then.
lab: $(SETUP) ## open JupyterLab (notebooks/*.py open as notebooks; kernel `nec-analysis`); LAB_ARGS=... for more
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

check: $(SETUP) ## show how each line of one clipping is read, before building: make check FILE=data/raw/clippings/…
	@test -n "$(FILE)" || { echo "make check: say which clipping, e.g. make check FILE=data/raw/clippings/2014_clp_nominations_labourlist.txt" >&2; exit 2; }
	$(PY) -m nec_analysis read $(FILE)

bench: $(SETUP) ## time set-up, report builds and the data build against references (bench/bench.py)
	$(PY) bench/bench.py $(BENCH_ARGS)

lock: | $(VENV)/.uv-$(UV_VERSION) ## re-pin requirements.lock from pyproject.toml (then update environment.yml)
	$(UV) pip compile pyproject.toml --extra test --extra lint --universal --python-version 3.10 \
	  --generate-hashes --upgrade -o $(LOCK)
	$(UV) pip compile pyproject.toml --extra db --universal --python-version 3.10 \
	  --generate-hashes -c $(LOCK) -o $(DB_LOCK)
	@echo "Now copy the new pins of the packages pyproject.toml names into environment.yml;"
	@echo "tests/test_environment.py lists any that disagree."

# The `db` extra (sqlite-utils, Datasette) comes from its own lock, constrained by the main one,
# and is installed only by these targets: `make setup`, `make report` and `make test` never need it.
$(VENV)/.db-installed: $(DB_LOCK) $(SETUP)
	$(UV) pip install --python $(PY) --require-hashes -r $(DB_LOCK)
	touch $@

db: $(DB) ## write build/nec.sqlite: every table, typed, with keys and full-text search on names

$(DB): $(wildcard data/processed/*.csv) nec_analysis/schema.py nec_analysis/etl/sqlite.py | $(VENV)/.db-installed
	$(PY) -m nec_analysis.etl.publish sqlite $@

build/metadata.yml: nec_analysis/schema.py nec_analysis/etl/publish.py | $(SETUP)
	$(PY) -m nec_analysis.etl.publish metadata $@

datasette: $(DB) build/metadata.yml ## browse the database in Datasette (DATASETTE_ARGS=... e.g. -p 8002)
	$(VENV)/bin/datasette serve $(DB) --metadata build/metadata.yml $(DATASETTE_ARGS)

clean:: ## remove build outputs and caches (keeps .venv and data/processed)
	rm -rf build .pytest_cache .ruff_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)

-include reports.mk

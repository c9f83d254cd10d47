# The two commands of the README: `make demo` and `make test`. Everything they need is installed
# into .venv from the pins in pyproject.toml; nothing else on the machine is assumed but Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR := demo

.PHONY: demo test install install-dev lint typecheck eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	mkdir -p $(DEMO_DIR)
	UPRISING_ARCHIVE_DIR=$(DEMO_DIR)/archive $(BIN)/uprising demo --samples samples \
		--database sqlite:///$(DEMO_DIR)/uprising.db \
		--output-dir $(DEMO_DIR)/reports
	@echo "Serve the dashboard on the demo data: $(BIN)/uprising serve --database sqlite:///$(DEMO_DIR)/uprising.db"

test: install-dev
	bash scripts/install_test_deps.sh
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(BIN)/python scripts/eval_gate.py

lint: install-dev
	$(BIN)/ruff check src tests scripts

typecheck: install-dev
	$(BIN)/mypy

eval: install
	$(BIN)/python scripts/eval_gate.py --detail

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache

# MB Compass — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint check-python chromium bench clean

run: $(INSTALLED)
	$(BIN)/mb init-db --demo-admin
	$(BIN)/mb demo-data --youth 50 --days 90 --if-empty
	@echo "MB Compass is starting on http://localhost:$${MB_PORT:-8501}"
	$(BIN)/mb serve

test: $(INSTALLED) $(NODE_INSTALLED) chromium lint
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check mb tests bench
	$(BIN)/ruff format --check mb tests bench
	$(BIN)/mypy

bench: $(INSTALLED)
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/learning.py
	$(BIN)/python bench/engagement.py
	$(BIN)/python bench/recommendations.py
	$(BIN)/python bench/surveys.py
	$(BIN)/python bench/insights.py
	$(BIN)/python bench/operations.py

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "MB Compass needs Python 3.11 or newer ($(PYTHON) is older); set PYTHON=python3.11"; exit 1; }

$(INSTALLED): pyproject.toml requirements.lock | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[dev]"
	touch $@

# Azurite (the Azure Blob Storage emulator) for the blob contract tests.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@[ -x $(CHROMIUM) ] || { \
		echo "Installing Debian's Chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache

# Safeguarding partnership annual assurance report. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
YEAR ?= 2024-25

.DEFAULT_GOAL := help
.PHONY: help install report all-years test test-fast lint format bench lab demo-data validate clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# the pre-commit hooks (nbstripout, ruff) use the tools just installed; no download
	@if [ -d .git ]; then $(BIN)/pre-commit install --install-hooks >/dev/null; fi
	@touch $(STAMP)

install: $(STAMP) ## create .venv, install the suite with its test tools and the git hooks

report: $(STAMP) ## run the demo year ($(YEAR)) on the synthetic data: outputs/$(YEAR)/public/report.{html,pdf}
	$(BIN)/assurance run --year $(YEAR)

all-years: $(STAMP) ## run every year in params/ for both audiences
	$(BIN)/assurance run --all --audience both

validate: $(STAMP) ## check the parameters and input data of $(YEAR) only
	$(BIN)/assurance validate params/$(YEAR).yaml

test: lint ## lint once, then every test (unit, integration, accessibility where Chromium is present)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) ## the tests not marked integration (no real runs of the command line)
	$(BIN)/python -m pytest -q -m "not integration"

lint: $(STAMP) ## ruff check and format check, and the package's import layers
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(BIN)/lint-imports

format: $(STAMP) ## apply ruff formatting and fixes
	$(BIN)/ruff format src tests notebooks benchmarks
	$(BIN)/ruff check --fix src tests notebooks benchmarks

bench: $(STAMP) ## speed and memory benchmarks, printed as ratios measured in the same run
	$(BIN)/python benchmarks/run.py

lab: $(STAMP) ## start JupyterLab on the notebooks (installs it on first use)
	$(BIN)/python -m pip install --quiet -e '.[dev,lab]'
	$(BIN)/jupyter lab notebooks

demo-data: $(STAMP) ## regenerate the synthetic demo data in data/demo (byte for byte)
	$(BIN)/assurance-demo-data

clean: ## remove every output (outputs/ is disposable)
	find outputs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +

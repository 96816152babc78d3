# TZNR knowledge base — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DEV_ENV := DJANGO_DEBUG=1
SERVICES := bash scripts/services.sh

.DEFAULT_GOAL := help
.PHONY: help install install-test run run-full demo test test-sqlite test-full lint services services-stop clean bench bench-quick

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site

install-test: $(VENV)/.installed-test ## Install the site and its test tools

demo: install ## Migrate the embedded SQLite database and load the demo content
	mkdir -p var
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) createcachetable
	$(DEV_ENV) $(MANAGE) load_demo

run: demo ## Run the site with demo content on http://127.0.0.1:8000 (SQLite, database search)
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

run-full: install ## Run the site on PostgreSQL + Elasticsearch started by scripts/services.sh
	$(SERVICES) up
	eval "$$($(SERVICES) env)" && $(DEV_ENV) $(MANAGE) migrate --noinput \
	  && $(DEV_ENV) $(MANAGE) createcachetable && $(DEV_ENV) $(MANAGE) load_demo \
	  && $(DEV_ENV) $(MANAGE) update_index && $(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

test: install-test ## Run the whole suite: SQLite, then PostgreSQL + Elasticsearch
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-full

test-sqlite: install-test ## Tests on the embedded default (SQLite + database search)
	env -u DATABASE_URL -u ELASTICSEARCH_URL $(BIN)/pytest -p no:cacheprovider

test-full: install-test ## Tests on PostgreSQL + Elasticsearch (started when not running)
	$(SERVICES) up
	eval "$$($(SERVICES) env)" && TZNR_REQUIRE_ELASTICSEARCH=1 $(BIN)/pytest -p no:cacheprovider

lint: install-test ## ruff, migrations up to date, Django system checks
	mkdir -p var
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check

bench: install ## Benchmark: 1k + 100k documents on PostgreSQL/Elasticsearch, 10k on SQLite (~40 min)
	$(SERVICES) up
	$(BIN)/python bench/run.py --sizes 1000,100000 --sqlite 10000 --name full

bench-quick: install ## Benchmark at 1k + 10k documents, a few minutes (bench/RESULTS.md)
	$(SERVICES) up
	$(BIN)/python bench/run.py --sizes 1000,10000 --sqlite 10000 --passes 3 --page-passes 2 \
	  --wrk-seconds 3 --name quick

services: ## Start PostgreSQL and Elasticsearch for local use
	$(SERVICES) up

services-stop: ## Stop the local PostgreSQL and Elasticsearch
	$(SERVICES) stop

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var

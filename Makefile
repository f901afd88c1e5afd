# Two commands for a fresh machine:  `make run`  and  `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || echo /root/.pyenv/versions/3.12.1/bin/python3.12)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Python keeps each module compiled (__pycache__/, ignored by git) even where the machine says
# not to: every test worker, and every server and task worker the tests start, would otherwise
# compile the whole project again, and pytest rewrite every test module's asserts again
# (half of collecting the tests). About 3% of `make test`.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint typecheck bench worker db-stop clean-db install

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Site with demo data: embedded PostgreSQL, migrations, a fictional group, the
# task worker in the background, the development server in the foreground.
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "  Workspace:  http://$(HOST):$(PORT)/"
	@echo "  Demo login: ruth@example.org  /  demo-password-1   (a member)"
	@echo "              faye@example.org  /  demo-password-1   (a facilitator; MFA code: see README)"
	@echo ""
	@trap 'kill 0' EXIT; \
	$(BIN)/python manage.py db_worker --no-startup-delay & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: $(STAMP)
	$(BIN)/python manage.py db_worker

# Every test: lint, types, unit and integration tests on real PostgreSQL, and
# the browser tests in Chromium.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -n auto --durations=15 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy .

# The benchmarks also measure a peer library (the `bench` extra), which the tests do not need.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py bench --scale 0.1 1 $(BENCH_ARGS)
	$(BIN)/python manage.py bench_pages $(BENCH_PAGES_ARGS)

db-stop: $(STAMP)
	$(BIN)/python -m bridging_gaps.embedded_db stop

clean-db: db-stop
	rm -rf .pgdata

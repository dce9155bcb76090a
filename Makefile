# propscope: `make demo` and `make test` set up everything on a fresh Debian machine
# (Python 3.11, make and apt); nothing else is assumed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
DB     ?= propscope.db
REPORT ?= reports/demo.html
PG_DIR ?= .pgdata

.PHONY: demo test test-fast bench models clean pg-start pg-stop chromium help

help:
	@echo "make demo   - install, analyze the bundled demo corpus into ./$(DB), write an HTML report"
	@echo "make test   - install dev deps, start PostgreSQL, run the whole test suite (incl. quality gates)"
	@echo "make bench  - throughput, memory and quality numbers"
	@echo "make models - rebuild the shipped models from ../shared (deterministic; ~20 min on 2 cores, + ~90 min for the accurate tier)"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3-venv missing: installing it with apt"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

demo: $(STAMP)
	$(BIN)/propscope ingest demo/corpus --db $(DB)
	$(BIN)/propscope analyze --db $(DB) --quiet
	$(BIN)/propscope list --db $(DB)
	$(BIN)/propscope report --db $(DB) --out $(REPORT)
	@echo ""
	@echo "Stored in ./$(DB). HTML report: $(abspath $(REPORT))"
	@echo "Try: $(BIN)/propscope show <id> --db $(DB)   (text with persuasion techniques marked)"

pg-start: $(STAMP)
	@bash scripts/pg-test-server.sh start $(PG_DIR)

pg-stop:
	@bash scripts/pg-test-server.sh stop $(PG_DIR)

# The dashboard's browser tests (tests/web) drive Debian's Chromium through Playwright;
# Playwright's own browser downloads are never used.
chromium:
	@[ -x /usr/bin/chromium ] || { echo "chromium missing: installing it with apt"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The retraining tests (propscope train --with-feedback) train the techniques MLP in torch,
# a training-only dependency: the test environment gets it from the local wheel, the runtime never.
TEST_STAMP := $(VENV)/.installed-test

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q "torch==2.13.0"
	@touch $@

test: $(TEST_STAMP) chromium
	@PG_URL=$$(bash scripts/pg-test-server.sh start $(PG_DIR)) && [ -n "$$PG_URL" ] || { \
	  echo "make test: could not start the test PostgreSQL (see the messages above)"; exit 1; }; \
	echo "PostgreSQL for tests: $$PG_URL"; \
	PROPSCOPE_TEST_PG=$$PG_URL PROPSCOPE_REQUIRE_PG=1 $(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not quality" $(PYTEST_ARGS)

TRAIN_STAMP := $(VENV)/.installed-train

$(TRAIN_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,train]"
	@touch $@

models: $(TRAIN_STAMP)
	$(BIN)/python -m propscope.training
	$(BIN)/python -m propscope.training.accurate all

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_analyze.py
	$(BIN)/python scripts/bench_web.py
	$(BIN)/python scripts/bench_corpus.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache $(DB) $(DB)-wal $(DB)-shm reports

# The two commands a newcomer needs: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# This machine kind's PostgreSQL; the PostgreSQL tests skip (with the reason) where it is not reachable,
# and fail under CI=true.
NETTFIN_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
NETTFIN_TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
export NETTFIN_TEST_POSTGRES_URL NETTFIN_TEST_REDIS_URL
PYTEST_ARGS ?=

.PHONY: run test quick install browser wrk lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/nettfin serve --demo

test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The suite without the property and fuzz tests marked slow: for the edit-test loop; `make test` (and CI) runs them.
quick: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

# The browser tests drive Debian's chromium; install it where we may (root with apt-get), else they skip and say so.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and cannot be installed here: the browser tests will be skipped"; fi; }

# bench/http_throughput.py drives the server with Debian's wrk; installed like chromium, where we may.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's wrk for bench/http_throughput.py"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is not installed and cannot be installed here: bench/http_throughput.py will stop and say so"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools

bench: $(STAMP) wrk
	$(BIN)/python bench/paging.py
	$(BIN)/python bench/auth.py
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/attachments.py
	$(BIN)/python bench/durability.py
	$(BIN)/python bench/long_writes.py
	$(BIN)/python bench/rendering.py
	$(BIN)/python bench/webhooks.py
	$(BIN)/python bench/request_log.py
	$(BIN)/python bench/clones.py
	$(BIN)/python bench/http_throughput.py

clean:
	rm -rf $(VENV) .nettfin .pytest_cache

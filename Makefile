# exam-api: `make run` starts the platform, `make test` runs the whole suite.
# Both create .venv and install what they need on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run test lint format lock bench chaos clean browser

$(VENV)/.runtime: requirements-embedded.lock
	@echo "Installing exam-api's dependencies into $(VENV) (first run only; a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off --require-hashes -r requirements-embedded.lock
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	@echo "Installing the test and bench tools into $(VENV)"
	$(PY) -m pip install --progress-bar off --require-hashes -r requirements-dev.lock
	touch $@

run: $(VENV)/.runtime
	$(PY) -m launcher

test: $(VENV)/.dev browser lint
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The docs page test drives Debian's headless chromium; installed when
# missing and this is root (in CI a failed install fails the run).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the docs page test"; \
	  if [ "$$(id -u)" = 0 ] && { apt-get install -y -q chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium >/dev/null; }; }; then :; \
	  elif [ -n "$$CI" ]; then echo "chromium could not be installed" >&2; exit 1; \
	  else echo "chromium is missing (apt-get install chromium): the docs page test will be skipped"; fi; }

# The locks pin every package, transitive ones included, with their hashes;
# edit requirements*.txt (the direct pins), then `make lock`.
LOCK := $(VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11
lock: $(VENV)/.dev
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-embedded.txt -o requirements-embedded.lock
	$(LOCK) requirements-dev.txt -o requirements-dev.lock

bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

chaos: $(VENV)/.dev
	$(PY) -m ops.chaos

clean:
	rm -rf $(VENV) instance .pytest_cache

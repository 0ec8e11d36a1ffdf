# exam-api: `make run` starts the platform, `make test` runs the whole suite.
# Both create .venv and install what they need on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run test lint format bench chaos clean browser

$(VENV)/.runtime: requirements.txt requirements-embedded.txt
	@echo "Installing exam-api's dependencies into $(VENV) (first run only; a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -r requirements-embedded.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	@echo "Installing the test and bench tools into $(VENV)"
	$(PY) -m pip install --progress-bar off -r requirements-dev.txt
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

bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

chaos: $(VENV)/.dev
	$(PY) -m ops.chaos

clean:
	rm -rf $(VENV) instance .pytest_cache

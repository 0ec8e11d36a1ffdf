# exam-api: `make run` starts the platform, `make test` runs the whole suite.
# Both create .venv and install what they need on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run test bench chaos clean

$(VENV)/.runtime: requirements.txt
	@echo "Installing exam-api's dependencies into $(VENV) (first run only; a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar off -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	@echo "Installing the test and bench tools into $(VENV)"
	$(PY) -m pip install --progress-bar off -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m launcher

test: $(VENV)/.dev
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

chaos: $(VENV)/.dev
	$(PY) -m ops.chaos

clean:
	rm -rf $(VENV) instance .pytest_cache

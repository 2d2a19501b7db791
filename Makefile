# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= demo.db
export QT_QPA_PLATFORM ?= offscreen
export WORKBENCH_PASSPHRASE ?= demo-passphrase
export WORKBENCH_USER ?= demo

.PHONY: setup run demo test lint bench clean

setup:
	@bash scripts/setup.sh

# Build the demo database (if missing) and open it.
run: setup
	@test -f $(DB) || $(VENV)/bin/workbench demo --db $(DB)
	$(VENV)/bin/workbench cases --db $(DB)

demo: setup
	$(VENV)/bin/workbench demo --db $(DB) --force

lint: setup
	$(VENV)/bin/ruff check workbench tests benchmarks
	$(VENV)/bin/ruff format --check workbench tests benchmarks
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest -q

bench: setup
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache

# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= demo.db
DEMO_PASSPHRASE ?= demo-passphrase
DEMO_USER ?= demo

.PHONY: setup run demo test lint bench clean translations package deb smoke torture \
	server-demo server-demo-stop

setup:
	@bash scripts/setup.sh

# Build the demo database (if missing) and open the window on it: the unlock dialog
# asks for the passphrase ($(DEMO_PASSPHRASE)) and user ($(DEMO_USER)). Without a screen
# (no DISPLAY / WAYLAND_DISPLAY) it saves a screenshot of the window instead.
run: setup
	@test -f $(DB) || WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
		$(VENV)/bin/workbench demo --db $(DB)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
		WORKBENCH_USER=$(DEMO_USER) $(VENV)/bin/workbench gui --db $(DB); \
	else \
		mkdir -p out; \
		echo "run: no screen here; saving the window to out/demo-overview.png"; \
		WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
			QT_QPA_PLATFORM=offscreen $(VENV)/bin/workbench gui --db $(DB) \
			--case PDS-2019-001 --view overview --screenshot out/demo-overview.png; \
		WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
			$(VENV)/bin/workbench cases --db $(DB); \
	fi

demo: setup
	WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
		$(VENV)/bin/workbench demo --db $(DB) --force

# A throwaway local PostgreSQL cluster (Debian's postgresql: initdb/pg_ctl, run as the
# postgres user when invoked as root) holding the demo cases; prints the URL to use.
# `make server-demo-stop` stops it and removes its files.
SERVER_DEMO_STATE ?= .server-demo/cluster.json
server-demo: setup
	@set -e; su=$$($(PY) -m tests.pgcluster start --state $(SERVER_DEMO_STATE)); \
	port=$$($(PY) -c "import json,sys; print(json.load(open(sys.argv[1]))['port'])" \
		$(SERVER_DEMO_STATE)); \
	url="postgresql://127.0.0.1:$$port/workbench"; \
	$(PY) -c "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); \
		c.execute('CREATE DATABASE workbench')" "$$su"; \
	WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
		$(VENV)/bin/workbench server init --url "$${su%/postgres}/workbench" >/dev/null; \
	WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) WORKBENCH_USER=$(DEMO_USER) \
		$(VENV)/bin/workbench demo --db "$$url" >/dev/null; \
	echo "server-demo: the demo cases are on $$url (user $(DEMO_USER), passphrase $(DEMO_PASSPHRASE))"; \
	echo "  e.g. WORKBENCH_PASSPHRASE=$(DEMO_PASSPHRASE) $(VENV)/bin/workbench cases --db $$url --user $(DEMO_USER)"; \
	echo "  stop it with: make server-demo-stop"

server-demo-stop:
	@$(PY) -m tests.pgcluster stop --state $(SERVER_DEMO_STATE)

lint: setup
	$(VENV)/bin/ruff check workbench tests benchmarks packaging scripts
	$(VENV)/bin/ruff format --check workbench tests benchmarks packaging scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Release check: the fault suite (tests/faults, also part of `make test` at a small scale)
# with 100 kill -9 per operation (import, edit, rekey, user remove, backup), 1,000 damaged
# files and 200 fuzzed files per importer kind, and a minute of 20 concurrent users on
# the server (tests/server/test_soak.py). Counts print at the end; about 20-30 min.
TORTURE_KILLS ?= 100
TORTURE_FLIPS ?= 1000
TORTURE_EXAMPLES ?= 200
TORTURE_SOAK_SECONDS ?= 60
torture: setup
	WORKBENCH_FAULTS_KILLS=$(TORTURE_KILLS) WORKBENCH_FAULTS_FLIPS=$(TORTURE_FLIPS) \
		WORKBENCH_FAULTS_EXAMPLES=$(TORTURE_EXAMPLES) QT_QPA_PLATFORM=offscreen \
		WORKBENCH_SERVER_SOAK_SECONDS=$(TORTURE_SOAK_SECONDS) \
		$(PY) -m pytest -q tests/faults tests/importers/test_limits.py tests/server/test_soak.py

# Refresh the Qt .ts catalogues from every tr()/translate() in the views and app.py, then
# compile the .qm files that ship in the package. English is the source language: its
# catalogue holds plural forms only and is compiled only when it has any.
I18N := workbench/resources/i18n
TR_SOURCES = $(sort $(shell find workbench/views -name '*.py') $(wildcard workbench/app.py))
LUPDATE = $(VENV)/bin/pyside6-lupdate -no-obsolete -locations none

translations: setup
	$(LUPDATE) $(TR_SOURCES) -ts $(I18N)/workbench_zh_CN.ts
	$(LUPDATE) -pluralonly $(TR_SOURCES) -ts $(I18N)/workbench_en.ts
	$(VENV)/bin/pyside6-lrelease $(I18N)/workbench_zh_CN.ts -qm $(I18N)/workbench_zh_CN.qm
	@if grep -q '<message' $(I18N)/workbench_en.ts; then \
		$(VENV)/bin/pyside6-lrelease $(I18N)/workbench_en.ts -qm $(I18N)/workbench_en.qm; \
	else rm -f $(I18N)/workbench_en.qm; fi
	@n=$$(grep -c 'type="unfinished"' $(I18N)/workbench_zh_CN.ts || true); \
	if [ "$$n" != 0 ]; then echo "translations: $$n entries still need a Chinese translation" >&2; fi

bench: setup
	$(PY) -m benchmarks

# The installable app (packaging/README.md): dist/workbench/ (PyInstaller one folder,
# `workbench` and `workbench-gui`, from a clean build venv made from constraints.txt),
# then dist/<appid>_<version>_<arch>.deb with dist/SHA256SUMS. `make smoke` runs the
# built app through packaging/smoke.sh.
package:
	@bash packaging/build.sh

deb: package
	build/package-venv/bin/python packaging/build_deb.py

smoke:
	@bash packaging/smoke.sh dist/workbench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache build dist

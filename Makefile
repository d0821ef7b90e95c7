# The few verbs a newcomer needs. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench install messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v 0

# Serves on LMS_BASE_URL, else http://127.0.0.1:$(PORT) (8000); prints the URL.
run: messages
	BIN=$(BIN) bash scripts/run.sh

test: messages
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: messages
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) node_modules var db.sqlite3

# Two entry points for a fresh clone with only Python 3.11 and make:
#   make run    install, ingest seeds/ into the default store, export CSV boards, start the dashboard
#   make test   install with the test extras and run the tests

# python3.11 where it is installed under that name, else the python3 on PATH.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PYTEST_ARGS ?=
VENV   := .venv
BIN    := $(VENV)/bin
# Stamps record which install is current: pip runs again only when pyproject.toml changes.
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install snapshot clean

run: $(RUN_STAMP)
	$(BIN)/leaderboard ingest seeds/
	$(BIN)/leaderboard export --format csv -o exports/
	$(BIN)/leaderboard dashboard

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(RUN_STAMP)

# After an intended change in what the extractor finds: rewrite the seed corpus's reviewed
# snapshot (tests/data/seeds_snapshot.jsonl), then read its diff before committing it.
snapshot: $(TEST_STAMP)
	$(BIN)/python tests/snapshot.py

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed: no python3.11 or python3 on PATH" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The test install is a superset of the run install, so it satisfies both stamps.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $@ $(RUN_STAMP)

clean:
	rm -rf $(VENV) exports .pytest_cache

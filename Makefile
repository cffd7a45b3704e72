# Two entry points: `make run` (dashboard on the bundled data) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-deps lint typecheck bench clean

# Debian's python3 needs python3-venv to make the virtualenv: installed first when missing.
$(STAMP): pyproject.toml
	PYTHON=$(PYTHON) scripts/install-system-deps run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -c "from scoring.bundle import ensure_database; ensure_database()"
	$(BIN)/streamlit run app.py

# Debian's chromium, chromium-driver, fonts-dejavu-core, libatomic1, postgresql (and python3-venv),
# installed when missing (needs root); first, so a machine that lacks them is told before the venv
# is built.
test-deps:
	PYTHON=$(PYTHON) scripts/install-system-deps test

test: test-deps $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -m "not browser"
	$(BIN)/python -m pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_map.py
	$(BIN)/python bench/bench_browser.py

clean:
	rm -rf $(VENV) var artifacts .pytest_cache .hypothesis .mypy_cache .ruff_cache

# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
UI_SOURCES := $(shell find ecabinet/ui -name '*.py' 2>/dev/null | sort)

.PHONY: demo test lint typecheck imports pytest install clean translations update-translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Compiled translations are build products (never committed).
resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# After changing user-visible strings: refresh the .ts sources, then translate the new ones.
update-translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -no-obsolete -ts resources/translations/ecabinet_vi.ts
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -no-obsolete -pluralonly -ts resources/translations/ecabinet_en.ts

demo: $(STAMP) translations
	$(BIN)/ecabinet demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP) translations
	$(BIN)/python -m pytest -n 2

test: lint typecheck imports pytest

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

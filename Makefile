# itu-review — every target bootstraps its own virtual environment from pyproject.toml.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test samples bench bench-conference lint clean system-deps corpus

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

samples: $(STAMP)
	$(PY) samples/build.py

## Open the bundled English sample package in the review app.
demo: samples
	$(VENV)/bin/itu-review open samples/en-proposals.docx --base samples/base

## Debian packages some tests use (pandoc, tmux, unicode-data, LibreOffice).
system-deps:
	bash scripts/system-deps.sh

## The whole test suite.
test: $(STAMP) system-deps samples
	$(PY) -m pytest -n auto -q -p no:cacheprovider

## The real test documents, fetched by tests/corpus-sources.json into $$ITU_REVIEW_CORPUS or the cache
## folder the tests look in (a checkout beside ../shared has them already).
corpus: $(STAMP)
	$(PY) scripts/fetch_corpus.py

bench: $(STAMP)
	$(PY) bench/run.py

## The conference part of the benchmark alone (600 packages; a few minutes less than the whole).
bench-conference: $(STAMP)
	$(PY) bench/conference.py

## ruff, then mypy (strict, as [tool.mypy] in pyproject.toml says).
lint: $(STAMP)
	$(PY) -m ruff check itu_review tests --select F,E9
	$(PY) -m mypy itu_review

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info

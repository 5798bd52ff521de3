# Quick start: `make site` (venv, install, generate, build) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site generate serve preview test lint golden clean bench eval install enrich check-escaping audit

# Keyphrase datasets for `make eval` (zips or unpacked folders); never committed.
KEYPHRASE ?= ../shared/keyphrase

# setup.py builds the tagger's compiled decoder (generator/text/_tagdecode.c; optional: without a
# compiler the pure-Python decoder runs), so a change to either reinstalls.
$(STAMP): pyproject.toml constraints.txt setup.py generator/text/_tagdecode.c
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

generate: $(STAMP)
	$(PY) -m generator build --seeds seeds --docs docs

# site/ opens straight from disk (file://), search included (Material's offline plugin, .html
# URLs). The Pages workflow builds with OFFLINE=false: directory URLs, papers/<id>/.
OFFLINE ?= true
# --dirty: only pages whose Markdown changed are rendered again, checked by hooks/incremental.py,
# which falls back to a full build when anything the pages share changed.
site: generate
	OFFLINE=$(OFFLINE) $(BIN)/mkdocs build --strict --dirty

serve: generate
	OFFLINE=false $(BIN)/mkdocs serve

# What the Pages workflow publishes (OFFLINE=false: directory URLs, Pagefind; built for SITE_URL),
# served on 127.0.0.1 under the path of SITE_URL, as GitHub Pages serves a project site:
# `make preview SITE_URL=https://<user>.github.io/<repo>/` answers at http://127.0.0.1:8000/<repo>/.
# Without SITE_URL the folder's name stands for the repository's.
PREVIEW_PORT ?= 8000
PREVIEW_URL = $(or $(SITE_URL),http://127.0.0.1:$(PREVIEW_PORT)/$(notdir $(CURDIR))/)
preview: $(STAMP)
	SITE_URL='$(PREVIEW_URL)' $(MAKE) --no-print-directory site OFFLINE=false
	$(PY) tools/preview.py site --site-url '$(PREVIEW_URL)' --port $(PREVIEW_PORT)

test: $(STAMP)
	$(BIN)/ruff check generator tests hooks bench tools
	$(BIN)/ruff format --check generator tests hooks
	$(PY) -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests hooks bench tools
	$(BIN)/ruff format --check generator tests hooks

# Rewrite the golden files under tests/golden/ from the current templates; review the diff.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_render.py -q

# Real titles: look papers without metadata up on arXiv and OpenAlex and add what their abstracts
# verify to seeds/metadata.yaml (README, "Real titles"). Needs the network; never part of `make site`.
# ENRICH_CONTACT (required), OPENALEX_API_KEY, ENRICH_LIMIT, ENRICH_DEADLINE, ENRICH_ARXIV_URL and
# ENRICH_OPENALEX_URL come from the environment. `make enrich FROM=library.bib` (or .ris, CSL-JSON
# .json): from a reference manager's export instead, offline.
ENRICH_REVIEW ?= enrich-review.md
FROM ?=
enrich: $(STAMP)
	$(PY) -m generator enrich --seeds seeds --review $(ENRICH_REVIEW) $(if $(FROM),--from "$(FROM)")

# Benchmarks: every bench/bench_*.py script prints its table (see BENCHMARKS.md).
bench: $(STAMP)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# Keyword quality against human keyphrases (see EVALUATION.md).
# SciTLDR (train/dev) for the titles and TLDR figures; TITLES_BEFORE: figures of an older commit
# from tools/eval_titles_at.py to print beside them. SPLIT: the SciTLDR file measured (dev; a
# held-back test.jsonl of the same form: SPLIT=test). HALF: which half of each keyphrase set (report;
# all for a keyphrase set no model was tuned on, such as a test set in the same folder layout).
SCITLDR ?= ../shared/scitldr
SPLIT ?= dev
HALF ?= report
eval: $(STAMP)
	$(PY) -m generator.evaluation $(KEYPHRASE) --scitldr $(SCITLDR) --split $(SPLIT) --half $(HALF) $(if $(TITLES_BEFORE),--titles-before $(TITLES_BEFORE))

# Lighthouse (npm) over the served, gzip-compressed build of seeds/: home, paper, keyword, topic and
# author pages, AUDIT_RUNS runs each (tools/audit.py; BENCHMARKS.md, "Issue 23"). Needs node, npm
# and /usr/bin/chromium; Lighthouse is installed once into .cache/lighthouse.
LIGHTHOUSE_VERSION ?= 13.5.0
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
AUDIT_RUNS ?= 3
$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION)

audit: $(STAMP) $(LIGHTHOUSE)
	$(PY) tools/audit.py --lighthouse $(LIGHTHOUSE) --runs $(AUDIT_RUNS)

clean:
	rm -rf site .pytest_cache .ruff_cache

# Break each escaping and safety rule in a scratch copy and show which tests fail (10-15 minutes).
check-escaping: $(STAMP)
	$(PY) tools/check_escaping.py

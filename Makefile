# Build the book. `make html` is all a maintainer needs: the first run
# creates .venv from the pinned requirements.

PYTHON       ?= python3
VENVDIR      ?= .venv
SPHINXOPTS   ?=
BUILDDIR     ?= _build
PORT         ?= 8000
ALLSPHINXOPTS = -q -n -W --keep-going $(SPHINXOPTS)
ifeq ($(strip $(subst /,,$(BUILDDIR))),)
$(error BUILDDIR=$(BUILDDIR) names no folder, or the root folder: name a build folder, such as _build)
endif
ifneq ($(words $(BUILDDIR)) $(findstring ',$(BUILDDIR))$(findstring ",$(BUILDDIR)),1 )
$(error BUILDDIR=$(BUILDDIR): make cannot quote a folder name with a space or a quote; choose one without)
endif
# Without a final "/" (nor "//"): the folder's lock is $(BUILDDIR).lock, for the builds and `make clean` alike.
override BUILDDIR := $(patsubst %/,%,$(subst //,/,$(subst //,/,$(BUILDDIR))))

# Each edition is one sphinx-build run into a staging folder, published only
# when it passes, one build of a folder at a time (scripts/build_edition.py).
BUILD_EDITION = $(VENVDIR)/bin/python scripts/build_edition.py --builddir $(BUILDDIR)

.PHONY: help venv all html epub pdf test bench serve clean clean-venv upgrade test-newest lint

help:
	@echo "make all    build the three editions: PDF, then EPUB, then HTML"
	@echo "make html   build the HTML book into $(BUILDDIR)/html"
	@echo "make epub   build the EPUB 3 e-book into $(BUILDDIR)/epub (after the PDF, whose pages it marks)"
	@echo "make pdf    build the print edition into $(BUILDDIR)/pdf"
	@echo "make test   build the book and run the tests"
	@echo "make bench  measure the builds of the book"
	@echo "make serve  live preview at http://127.0.0.1:$(PORT) (another port: make serve PORT=8001)"
	@echo "make clean  remove $(BUILDDIR)"
	@echo "make venv   create $(VENVDIR) from the pinned requirements"
	@echo "make upgrade      move the pins in requirements/*.txt to the newest releases"
	@echo "make test-newest  run the tests with the newest releases, in $(NEWEST_VENVDIR)"

# --- dependencies ---
# The pinned releases, which pip-tools compiles from requirements/*.in:
# build.txt holds what builds the book (all that `make venv` installs, as Read
# the Docs and GitHub Pages do), test.txt what only the tests add.
PIP_INSTALL = $(VENVDIR)/bin/python -m pip install --quiet --disable-pip-version-check
PIP_COMPILE = $(VENVDIR)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-options
NEWEST_VENVDIR ?= .venv-newest

venv: $(VENVDIR)/.installed

$(VENVDIR)/.installed: requirements/build.txt
	@test -x $(VENVDIR)/bin/python || $(PYTHON) -m venv $(VENVDIR)
	$(PIP_INSTALL) -r requirements/build.txt
	@touch $@

$(VENVDIR)/.tests-installed: $(VENVDIR)/.installed requirements/test.txt
	$(PIP_INSTALL) -r requirements/build.txt -r requirements/test.txt
	@touch $@

# The Node tools the tests run (DAISY Ace), from package-lock.json, where npm
# is installed; puppeteer downloads no browser: Ace runs Debian's Chromium.
NPM_TOOLS = $(if $(shell command -v npm),node_modules/.installed)

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The project's Python, as pyproject.toml's [tool.ruff] has it: `ruff check
# --fix .` and `ruff format .` fix most of what this finds.
lint: $(VENVDIR)/.tests-installed
	$(VENVDIR)/bin/ruff check .
	$(VENVDIR)/bin/ruff format --check .

# Two pytest-xdist workers, each given whole test files: a test mostly waits (on Chromium, a validator,
# a build), so two run at once even on one core; a build the tests share is made once (tests/background.py).
test: lint $(NPM_TOOLS)
	$(VENVDIR)/bin/python -m pytest --numprocesses 2 --dist loadfile

# Every pin moved to the newest release (build.txt first: test.txt keeps to it).
upgrade: $(VENVDIR)/.tests-installed
	$(PIP_COMPILE) --upgrade --output-file=requirements/build.txt requirements/build.in
	$(PIP_COMPILE) --upgrade --output-file=requirements/test.txt requirements/test.in

# The same tests with the newest release of everything the .in files name, in
# a venv of its own: installed unpinned (test.in without its `-c build.txt`)
# and upgraded on every run. Its stamps, touched after, tell the `make venv`
# the tests run in copies of the book that it is set up; `-o` keeps this
# sub-make from installing the pins into it, whatever the stamps' times, and
# from linting: a newer ruff's new rules say nothing of the book's dependencies.
test-newest:
	@test -x $(NEWEST_VENVDIR)/bin/python || $(PYTHON) -m venv $(NEWEST_VENVDIR)
	$(NEWEST_VENVDIR)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	sed '/^-c /d' requirements/test.in > $(NEWEST_VENVDIR)/test-unpinned.in
	$(NEWEST_VENVDIR)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade \
		--upgrade-strategy eager -r requirements/build.in -r $(NEWEST_VENVDIR)/test-unpinned.in
	@touch $(NEWEST_VENVDIR)/.installed $(NEWEST_VENVDIR)/.tests-installed
	$(NEWEST_VENVDIR)/bin/python -m pip list --format=freeze --disable-pip-version-check
	$(MAKE) test VENVDIR=$(NEWEST_VENVDIR) \
		-o $(NEWEST_VENVDIR)/.installed -o $(NEWEST_VENVDIR)/.tests-installed -o lint
# --- end dependencies ---

# One after another, each finding on disk what it needs: the EPUB marks the
# PDF's pages, and the HTML offers the EPUB and the PDF.
.NOTPARALLEL:
all: pdf epub html
	@echo "The book is in $(BUILDDIR)/html, $(BUILDDIR)/epub and $(BUILDDIR)/pdf"

html: venv
	@$(BUILD_EDITION) html $(ALLSPHINXOPTS)
	@echo "The HTML book is in $(BUILDDIR)/html/index.html"

epub: venv pdf
	@$(BUILD_EDITION) epub $(ALLSPHINXOPTS)
	@echo "The EPUB is $$(ls $(BUILDDIR)/epub/*.epub)"

pdf: venv
	@$(BUILD_EDITION) pdf $(ALLSPHINXOPTS)
	@echo "The PDF book is in $(BUILDDIR)/pdf/"

bench: venv
	$(VENVDIR)/bin/python scripts/bench.py

# One preview per build folder: a second `make serve` stops at once rather
# than write into the first one's folder.
serve: venv
	@$(BUILD_EDITION) check
	@mkdir -p $(BUILDDIR)/serve
	@flock -n -E 75 $(BUILDDIR)/serve $(VENVDIR)/bin/sphinx-autobuild -b html -d $(BUILDDIR)/doctrees/serve \
		--port $(PORT) $(ALLSPHINXOPTS) --watch _ext . $(BUILDDIR)/serve; \
	status=$$?; [ $$status -ne 75 ] || echo "make serve is already running for $(BUILDDIR)"; exit $$status

# Waits for a running build, so it never pulls a folder from under it; never the book's own folders.
clean:
	@$(PYTHON) scripts/build_edition.py --builddir $(BUILDDIR) clean

clean-venv:
	rm -rf $(VENVDIR)

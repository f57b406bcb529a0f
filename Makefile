# Build the book. `make html` is all a maintainer needs: the first run
# creates .venv from requirements.txt.

PYTHON       ?= python3
VENVDIR      ?= .venv
SPHINXOPTS   ?=
BUILDDIR     ?= _build
ALLSPHINXOPTS = -q -n -W --keep-going $(SPHINXOPTS)

# scripts/build_editions.py builds each edition into a staging folder and
# publishes it only when it passes, one build of a folder at a time.
BUILD_EDITIONS = $(VENVDIR)/bin/python scripts/build_editions.py --builddir $(BUILDDIR)
BUILD_LOCK     = $(BUILDDIR).lock

.PHONY: help venv all html epub pdf test bench serve clean clean-venv

help:
	@echo "make all    build all three editions; the HTML offers the EPUB and PDF"
	@echo "make html   build the HTML book into $(BUILDDIR)/html"
	@echo "make epub   build the EPUB 3 e-book into $(BUILDDIR)/epub"
	@echo "make pdf    build the print edition into $(BUILDDIR)/pdf"
	@echo "make test   build the book and run the tests"
	@echo "make bench  measure build times, memory, sizes and the HTML's first load"
	@echo "make serve  live preview at http://127.0.0.1:8000"
	@echo "make clean  remove $(BUILDDIR)"
	@echo "make venv   create $(VENVDIR) from requirements.txt"

venv: $(VENVDIR)/.installed

$(VENVDIR)/.installed: requirements.txt
	@test -x $(VENVDIR)/bin/python || $(PYTHON) -m venv $(VENVDIR)
	$(VENVDIR)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# The three at once: the EPUB waits for the PDF's page map (so the print
# edition is laid out once), the HTML for the sizes of the two files it offers.
all: venv
	@$(BUILD_EDITIONS) pdf epub html -- $(ALLSPHINXOPTS)
	@echo "The book is in $(BUILDDIR)/html, $(BUILDDIR)/epub and $(BUILDDIR)/pdf"

html: venv
	@$(BUILD_EDITIONS) html -- $(ALLSPHINXOPTS)
	@echo "The HTML book is in $(BUILDDIR)/html/index.html"

epub: venv
	@$(BUILD_EDITIONS) epub -- $(ALLSPHINXOPTS)
	@echo "The EPUB is $$(ls $(BUILDDIR)/epub/*.epub)"

pdf: venv
	@$(BUILD_EDITIONS) pdf -- $(ALLSPHINXOPTS)
	@echo "The PDF book is in $(BUILDDIR)/pdf/"

# The Node tools the tests run (DAISY Ace), from package-lock.json, where npm
# is installed; puppeteer downloads no browser: Ace runs Debian's Chromium.
NPM_TOOLS = $(if $(shell command -v npm),node_modules/.installed)

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: venv $(NPM_TOOLS)
	$(VENVDIR)/bin/python -m pytest

bench: venv
	$(VENVDIR)/bin/python scripts/bench.py

# One preview per build folder: a second `make serve` stops at once rather
# than write into the first one's folder.
serve: venv
	@mkdir -p $(BUILDDIR)/serve
	@flock -n -E 75 $(BUILDDIR)/serve $(VENVDIR)/bin/sphinx-autobuild -b html -d $(BUILDDIR)/doctrees/serve \
		$(ALLSPHINXOPTS) --watch _ext . $(BUILDDIR)/serve; \
	status=$$?; [ $$status -ne 75 ] || echo "make serve is already running for $(BUILDDIR)"; exit $$status

# Waits for a running build, so it never pulls a folder from under it.
clean:
	flock $(BUILD_LOCK) rm -rf $(BUILDDIR)

clean-venv:
	rm -rf $(VENVDIR)

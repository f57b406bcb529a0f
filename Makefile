# Build the book. `make html` is all a maintainer needs: the first run
# creates .venv from requirements.txt.

PYTHON       ?= python3
VENVDIR      ?= .venv
SPHINXBUILD  ?= $(VENVDIR)/bin/sphinx-build
SPHINXOPTS   ?=
BUILDDIR     ?= _build
ALLSPHINXOPTS = -q -n -W --keep-going $(SPHINXOPTS)

# Builds of one build folder take turns: each holds $(BUILD_LOCK) from start
# to finish (util-linux flock), so two of them (a second terminal, an editor's
# build-on-save, `make all` while `make html` runs) never share a staging
# folder or doctrees, and none removes an edition another is publishing.
BUILD_LOCK    = $(BUILDDIR).lock

# $(call sphinx,BUILDER): build into a staging folder and publish it as
# $(BUILDDIR)/BUILDER only when the build passes, so a failed build never
# replaces a good edition. It first removes the staging folders an
# interrupted build left. The staging folder starts as a copy of the last
# good edition, so Sphinx writes again only the pages a change reaches
# (_ext/consistent_rebuilds.py decides which, and drops the pages of removed
# sources). Each builder keeps its own doctrees, so reading stays
# incremental; a failed build drops its saved environment, so the next run
# reads every file again and reports the same errors.
define sphinx
	@mkdir -p $(BUILDDIR); exec 9>>$(BUILD_LOCK); flock -n 9 || { echo "Waiting for another build in $(BUILDDIR) to finish..."; flock 9; }; \
	rm -rf $(BUILDDIR)/*.new; \
	! test -d $(BUILDDIR)/$(1) || $(call stage,$(BUILDDIR)/$(1),$(BUILDDIR)/$(1).new); \
	$(SPHINXBUILD) -b $(1) -d $(BUILDDIR)/doctrees/$(1) $(ALLSPHINXOPTS) . $(BUILDDIR)/$(1).new \
		|| { rm -rf $(BUILDDIR)/$(1).new $(BUILDDIR)/doctrees/$(1)/environment.pickle; exit 1; }; \
	rm -rf $(BUILDDIR)/$(1) && mv $(BUILDDIR)/$(1).new $(BUILDDIR)/$(1)
endef

# $(call stage,EDITION,STAGING): STAGING as a copy of EDITION, but for the
# chapters' pages, as many as there are facts, which are hard links (a copy
# of each would cost every edit in proportion to the book). Sphinx writes a
# page only through its page writer, and _ext/consistent_rebuilds.py removes
# the page just before, so nothing is ever written into the edition's files.
stage = { mkdir $(2) && find $(1) -mindepth 1 -maxdepth 1 ! -name chapters -exec cp -a -t $(2) {} + \
	&& { ! test -d $(1)/chapters || cp -al $(1)/chapters $(2)/; }; }

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

# The PDF first: the EPUB takes its page breaks from the page map the PDF
# build writes (so the print edition is laid out once); then the HTML, which
# links them both.
all: venv
	@$(MAKE) --no-print-directory pdf
	@$(MAKE) --no-print-directory epub SPHINXOPTS="$(SPHINXOPTS) -D epub_print_page_map=$(BUILDDIR)/pdf/page-map.json"
	@$(MAKE) --no-print-directory html

html: venv
	$(call sphinx,html)
	@echo "The HTML book is in $(BUILDDIR)/html/index.html"

epub: venv
	$(call sphinx,epub)
	@echo "The EPUB is $$(ls $(BUILDDIR)/epub/*.epub)"

pdf: venv
	$(call sphinx,pdf)
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

# Build the book. `make html` is all a maintainer needs: the first run
# creates .venv from requirements.txt.

PYTHON       ?= python3
VENVDIR      ?= .venv
SPHINXBUILD  ?= $(VENVDIR)/bin/sphinx-build
SPHINXOPTS   ?=
BUILDDIR     ?= _build
ALLSPHINXOPTS = -q -n -W --keep-going $(SPHINXOPTS)

# $(call sphinx,BUILDER): build into a staging folder and publish it as
# $(BUILDDIR)/BUILDER only when the build passes, so a failed build never
# replaces a good edition. The staging folder starts as a copy of the last
# good edition, so Sphinx writes again only the pages a change reaches
# (_ext/consistent_rebuilds.py decides which, and drops the pages of removed
# sources). Each builder keeps its own doctrees, so builders can run side by side
# and reading stays incremental; a failed build drops its saved environment,
# so the next run reads every file again and reports the same errors.
define sphinx
	@rm -rf $(BUILDDIR)/$(1).new
	@! test -d $(BUILDDIR)/$(1) || cp -a $(BUILDDIR)/$(1) $(BUILDDIR)/$(1).new
	@$(SPHINXBUILD) -b $(1) -d $(BUILDDIR)/doctrees/$(1) $(ALLSPHINXOPTS) . $(BUILDDIR)/$(1).new \
		|| { rm -rf $(BUILDDIR)/$(1).new $(BUILDDIR)/doctrees/$(1)/environment.pickle; exit 1; }
	@rm -rf $(BUILDDIR)/$(1) && mv $(BUILDDIR)/$(1).new $(BUILDDIR)/$(1)
endef
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

# The EPUB and the PDF build side by side, then the HTML, which links them.
all: venv
	@$(MAKE) --no-print-directory -j2 epub pdf
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

test: venv
	$(VENVDIR)/bin/python -m pytest

bench: venv
	$(VENVDIR)/bin/python scripts/bench.py

serve: venv
	$(VENVDIR)/bin/sphinx-autobuild -b html -d $(BUILDDIR)/doctrees/serve $(ALLSPHINXOPTS) --watch _ext . $(BUILDDIR)/serve

clean:
	rm -rf $(BUILDDIR)

clean-venv:
	rm -rf $(VENVDIR)

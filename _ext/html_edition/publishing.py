"""What the published web edition needs beyond sphinx-sitemap,
sphinxext-opengraph and sphinx-notfound-page, which conf.py loads with this
only when ``html_baseurl`` is set.
"""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes

from book_core.checks import SOCIAL_CARD, halt
from book_core.facts import lead_of, prose


def base_url_problem(url):
    """What keeps `url` from being the book's address, which every URL the extensions write is joined to; or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be a whole http or https address, with its host"
    if any(character.isspace() for character in url):
        return "may hold no space: write it as %20"
    if "?" in url or "#" in url:
        return "may hold no query (?) or fragment (#)"
    if "//" in parts.path:
        return "may hold no empty folder (//)"
    if not url.endswith("/"):
        return "must end in '/'"
    return None


def check_base_url(app, config):
    if problem := base_url_problem(config.html_baseurl):
        halt(
            f"BOOK_BASE_URL (html_baseurl) {problem}: {config.html_baseurl!r}",
            "Nothing was built: set BOOK_BASE_URL to the book's address, ending in '/'.",
        )


def describe_by_lead(app, doctree, docname):
    """A web page's description is its lead paragraph, where sphinxext-opengraph would take the first 200
    characters of its text, so no two facts share one: for Open Graph, as the extension's page field, and for
    search engines, as the page's own <meta name="description">, which the extension then leaves as it is.
    Added as the page is written, so the EPUB, written from the same doctrees, stays as it was."""
    lead = lead_of(doctree)
    if app.builder.name == "html" and lead is not None:
        description = " ".join(prose(lead, leaving_out=None).split())
        app.env.metadata[docname]["og:description"] = description
        doctree.insert(0, nodes.meta(name="description", content=description))


def keep_out_of_search_engines(app, pagename, templatename, context, doctree):
    """The pages the sitemap leaves out (conf.py's sitemap_excludes: the search page, the 404 page) ask search
    engines not to list them, and so name no canonical address (Sphinx's layout writes it from ``pageurl``)."""
    if app.builder.name == "html" and app.builder.get_target_uri(pagename) in app.config.sitemap_excludes:
        context["metatags"] = context.get("metatags", "") + '<meta name="robots" content="noindex" />\n'
        context["pageurl"] = None


def root_the_404_page(app, pagename, templatename, context, doctree):
    """sphinx-notfound-page makes the 404 page's links absolute, but not the root that Sphinx's and the theme's
    scripts resolve URLs against: made absolute too, the page works at any depth of a missing URL."""
    if pagename == app.config.notfound_pagename and app.builder.name == "html":
        context["content_root"] = app.config.notfound_urls_prefix


def write_site_files(app, exception):
    """robots.txt, naming the sitemap (sphinx-sitemap writes none), and the social card at the site's root, where
    og:image points."""
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    (outdir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {app.config.html_baseurl}{app.config.sitemap_filename}\n",
        encoding="utf-8",
    )
    shutil.copyfile(Path(app.confdir) / SOCIAL_CARD, outdir / app.config.ogp_image)


def setup(app):
    app.connect("config-inited", check_base_url, priority=100)  # before the extensions that use it
    app.connect("doctree-resolved", describe_by_lead)
    app.connect("html-page-context", keep_out_of_search_engines)
    app.connect("html-page-context", root_the_404_page)
    app.connect("build-finished", write_site_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

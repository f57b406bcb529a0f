"""The book opened from disk (file://, no server) works in Chromium: a reader
moves between the facts, reaches the glossary and finds Fact 2 with the
search; and no page asks another host for anything."""

from urllib.parse import urlsplit

from book import glossary_terms, plain
from browser import open_book, open_part, opened_in_tabs, search_results


def heading(page):
    return plain(page.locator("article h1").first.inner_text())


def test_previous_and_next_move_between_the_facts(new_page, html_dir, facts):
    page = new_page()
    open_book(page, html_dir, "index.html")
    for fact in facts:
        with page.expect_navigation():
            page.click("a.right-next")
        assert page.url == (html_dir / fact.html_name).as_uri()
        assert fact.title in heading(page)
    for fact in reversed(facts[:-1]):
        with page.expect_navigation():
            page.click("a.left-prev")
        assert fact.title in heading(page)


def test_a_name_leads_to_its_glossary_entry(new_page, html_dir, facts):
    page = new_page()
    open_book(page, html_dir, facts[1].html_name)
    with page.expect_navigation():
        page.click("article a[href*='people.html#term-']")
    entry = page.locator("dt:target")
    assert entry.is_visible()
    assert "Cooper" in entry.inner_text()
    terms = [plain(term) for term in page.locator("dl.glossary > .glossary-entry > dt").all_inner_texts()]
    assert terms == glossary_terms()


def test_search_finds_glastonbury_and_leads_to_fact_2(new_page, html_dir, facts):
    page = new_page()
    open_book(page, html_dir, "index.html")
    open_part(page, "Control+K", "#pst-search-dialog[open]")
    page.keyboard.type("Glastonbury")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert facts[1].html_name in search_results(page)
    with page.expect_navigation():
        page.click(f"#search-results a[href='{facts[1].html_name}#{facts[1].label}']")
    assert page.url == f"{(html_dir / facts[1].html_name).as_uri()}#{facts[1].label}"
    assert facts[1].title in heading(page)


def test_no_page_asks_another_host_and_every_file_it_loads_is_there(new_page, html_dir, html_pages):
    context = new_page().context
    requested, failed = [], []
    context.on("request", lambda request: requested.append(request.url))
    context.on("requestfailed", lambda request: failed.append(request.url))
    paths = list(html_pages)
    for batch in opened_in_tabs(context.pages[0], paths, lambda path: (html_dir / path).as_uri()):
        for tab, _path in batch:
            tab.wait_for_load_state("networkidle")
    assert {path for path in paths if (html_dir / path).as_uri() not in requested} == set()
    assert len(requested) > len(html_pages)
    elsewhere = [
        url
        for url in requested
        if urlsplit(url).scheme not in ("file", "data") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert elsewhere == []
    assert failed == []

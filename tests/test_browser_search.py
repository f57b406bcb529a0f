"""The HTML book's search answers a reader's query with the fact it is about,
and names every fact it lists, in Chromium, from disk (file://).

For queries a reader would type, each naming a person, a song, a place or a
thing of one fact (at least one query a fact), the search page of the book
`make all` built lists that fact first among the facts, and first or second of
all results: only the person's own glossary entry may come before it; and
lists each fact once, however many of its index entries match. A fact that
only mentions the name in passing, in a paragraph pointing to another fact,
comes after. Every result that is a fact is named "Fact N · Title", as the
reader's table of contents numbers it, and a person's glossary entry by the
person: "Lars Ulrich · People", not "People" as the page itself, as is a
result for words only one entry's definition holds ("drummer"); such a result
leads to the entry, and is summarised with the entry's definition.
"""

from urllib.parse import quote_plus

import pytest

from book import collapsed, fact_label, glossary_definition, glossary_terms, plain
from browser import opened_in_tabs, static_server

PERSON_ENTRY = "people.html#entry-term-"  # where a result for a person leads: their glossary entry, as a whole

# (query, the fact it is about): names, songs, places and things, as a reader types them.
QUERIES = [
    ("Sonja Durham", 1),  # Fact 4 names her in passing
    ("Never Love Again", 1),  # Fact 5 names the song in passing
    ("Haus of Gaga", 1),
    ("Lars Ulrich", 2),
    ("Metallica", 2),
    ("Glastonbury", 2),  # Fact 7 too, in passing
    ("Kris Kristofferson", 2),
    ("roses", 3),  # Facts 6 and 8 too, in passing
    ("Jackson's truck", 3),
    ("Tony Bennett", 4),
    ("The Fame", 4),
    ("American Horror Story", 4),
    ("Mexican restaurant", 5),
    ("Look What I Found", 5),
    ("Los Angeles", 5),
    ("Sam Elliott", 6),  # Fact 8 names him in passing
    ("first take", 6),
    ("guitar lessons", 7),
    ("piano", 7),
    ("sobriety", 8),
    ("camera", 8),  # Fact 2's musician held a camera too
]


def results(page, html_dir, query):
    """The search page's results for `query`, in order: (href, link text)."""
    return results_of_queries(page, html_dir, [query])[query]


def results_of_queries(page, html_dir, queries):
    """results() of each query, by query: several search pages at a time, in tabs of `page`'s context."""
    found = {}
    search_page = (html_dir / "search.html").as_uri()
    for batch in opened_in_tabs(page, queries, lambda query: f"{search_page}?q={quote_plus(query)}"):
        for tab, query in batch:
            tab.wait_for_selector("#search-results .search-summary:not(:empty)")
            found[query] = tab.locator("#search-results ul.search li > a").evaluate_all(
                "links => links.map(link => [link.getAttribute('href'), link.textContent])"
            )
    return found


@pytest.fixture(scope="module")
def answers(browser, html_dir):
    """results() of every query of QUERIES."""
    context = browser.new_context()
    yield results_of_queries(context.new_page(), html_dir, [query for query, _ in QUERIES])
    context.close()


def test_the_queries_cover_every_fact(facts):
    assert {number for _, number in QUERIES} == {fact.number for fact in facts}
    assert len(QUERIES) >= 12


@pytest.mark.parametrize(("query", "number"), QUERIES, ids=[query for query, _ in QUERIES])
def test_the_fact_a_query_is_about_comes_first(answers, facts, query, number):
    fact = next(fact for fact in facts if fact.number == number)
    found = answers[query]
    pages = [href.split("#")[0] for href, _ in found]
    listing = "\n".join(f"{href}  {text}" for href, text in found)
    fact_pages = [page for page in pages if page.startswith("chapters/")]
    assert fact_pages and fact_pages[0] == fact.html_name, listing
    assert len(fact_pages) == len(set(fact_pages)), listing
    position = pages.index(fact.html_name)
    assert position <= 1, listing
    if position == 1:  # only the person's glossary entry comes before their fact
        assert found[0][0].startswith(PERSON_ENTRY), listing


@pytest.mark.parametrize(("query", "number"), QUERIES[::4], ids=[query for query, _ in QUERIES[::4]])
def test_every_fact_in_the_results_is_named_with_its_number_and_title(answers, facts, query, number):
    found = answers[query]
    by_page = {fact.html_name: fact for fact in facts}
    named = 0
    for href, text in found:
        fact = by_page.get(href.split("#")[0])
        if fact is None:
            assert "Fact\N{NO-BREAK SPACE}" not in text, (href, text)  # no other page claims a number
            continue
        assert plain(collapsed(text)).startswith(f"{fact_label(fact.number)} · {fact.title}"), (href, text)
        named += 1
    assert named


def test_a_result_reads_fact_number_and_title(new_page, html_dir):
    found = results(new_page(), html_dir, "Sam Elliott")
    texts = [text for href, text in found if href.startswith("chapters/06-first-take.html")]
    assert texts[0] == "Fact\N{NO-BREAK SPACE}6 · This Heartbreaking Scene Used the First Take"


def test_a_persons_glossary_entry_comes_first_named_by_the_person(answers):
    terms = glossary_terms()
    people = [query for query, _ in QUERIES if query in terms]
    assert people
    for person in people:
        entries = [text for href, text in answers[person] if href.startswith(PERSON_ENTRY)]
        assert answers[person][0][1] == f"{person} · People", answers[person]
        assert {plain(text).removesuffix(" · People") for text in entries} <= set(terms), answers[person]


# A person named by some of their name, as a reader may type it, and the glossary entry it names.
PART_NAMES = {"Cooper": "Bradley Cooper", "Ulrich": "Lars Ulrich", "Sonja": "Sonja Durham", "Gaga": "Lady Gaga"}


def test_a_query_naming_a_person_by_part_of_their_name_finds_their_glossary_entry_first(new_page, html_dir):
    """Sphinx finds "Cooper" only as a word of the People page, listed last as "People"; his entry comes first,
    at its place on the page; where names hold the same words, the shortest ("Sonja Durham", not "Sonja Durham's
    husband")."""
    found = results_of_queries(new_page(), html_dir, list(PART_NAMES))
    for query, person in PART_NAMES.items():
        href, text = found[query][0]
        assert (href.startswith(PERSON_ENTRY), plain(text)) == (True, f"{person} · People"), found[query]


# A word of one glossary entry's definition alone, and that entry.
DEFINITION_WORDS = {"drummer": "Lars Ulrich", "cinematographer": "Matthew Libatique"}


def test_a_query_one_glossary_entry_alone_holds_leads_to_that_entry(new_page, html_dir):
    """Sphinx finds a word of a definition as a word of the People page, and names the result "People"; where one
    entry alone holds the query's words, the result is that entry, named by the person, and where several do
    ("real person"), the page."""
    found = results_of_queries(new_page(), html_dir, [*DEFINITION_WORDS, "real person"])
    for query, person in DEFINITION_WORDS.items():
        glossary = [(href.startswith(PERSON_ENTRY), plain(text)) for href, text in found[query] if "people" in href]
        assert glossary == [(True, f"{person} · People")], found[query]
    glossary = [(href, plain(text)) for href, text in found["real person"] if "people" in href]
    assert [text for _href, text in glossary] == ["People"], found["real person"]


def test_a_query_naming_a_fact_by_its_label_finds_that_fact_first(new_page, html_dir, facts):
    """A query such as "Fact 7", as every reference names a fact, or "Fact 7:", as a page's title and its previous
    and next links do: Sphinx leaves the number out, and finds "fact" in every page that refers to one, as every
    fact does, which this proves for each."""
    queries = {f"fact {fact.number}" + (":" if fact.number % 2 else ""): fact for fact in facts}
    found = results_of_queries(new_page(), html_dir, list(queries))
    for query, fact in queries.items():
        assert found[query][0][0].split("#")[0] == fact.html_name, found[query]


def summaries(page, url, query):
    """(href, summary) of each result of `query`, once every page's summary is fetched."""
    page.goto(f"{url}search.html?q={quote_plus(query)}")
    page.wait_for_selector("#search-results .search-summary:not(:empty)")
    page.wait_for_load_state("networkidle")
    results = page.locator("#search-results ul.search li").evaluate_all(
        "items => items.map(item => [item.querySelector('a').getAttribute('href'),"
        " item.querySelector('p.context')?.textContent ?? ''])"
    )
    return [(href, collapsed(summary)) for href, summary in results]


def test_a_results_summary_is_the_pages_own_text_from_where_it_leads(new_page, html_dir, facts):
    """Sphinx summarises a result with the text at its anchor, or from the start of the page's main element, which
    the theme opens with its buttons; an index entry's anchor is an empty mark. Served (a summary is fetched), each
    result is summarised, none with the buttons' labels, and a fact is summarised from its title, where it leads.
    Sphinx looks for the query's stemmed words in the text ("glastonburi"), and without them starts at the anchor."""
    page = new_page()
    with static_server(html_dir) as url:
        page.goto(f"{url}{facts[1].html_name}")
        buttons = collapsed(page.locator(".bd-header-article").text_content())
        assert buttons, "the theme's buttons hold no text: this test would prove nothing"
        found = {query: summaries(page, url, query) for query in ("Glastonbury", "The Road to Stardom: Making A Star")}
    for query, results in found.items():
        assert results and all(summary and buttons not in summary for _, summary in results), (query, results)
        pages = [href.partition("#")[0] for href, _ in results]
        assert len(pages) == len(set(pages)), (query, results)
    fact_summary = dict(found["Glastonbury"])[f"{facts[1].html_name}#{facts[1].label}"]
    assert fact_summary.removeprefix("...").startswith(f"{fact_label(facts[1].number)}: {facts[1].title}"), fact_summary


def test_a_persons_result_is_summarised_with_their_definition(new_page, html_dir, html_pages):
    """Sphinx summarises a result with the text of the element it leads to: for a person, their entry, name and
    definition, where the glossary's term alone would repeat the result's name; the name and the definition are
    apart ("Lars Ulrich Real person."), where Sphinx's markup runs the two together."""
    page = new_page()
    with static_server(html_dir) as url:
        found = {query: summaries(page, url, query) for query in PART_NAMES}
    for query, person in PART_NAMES.items():
        href, summary = found[query][0]
        assert href.startswith(PERSON_ENTRY), found[query]
        name, definition = glossary_definition(html_pages, href.removeprefix(PERSON_ENTRY.removesuffix("term-")))
        assert summary.startswith(f"{name} {definition[0][:40]}"), (person, summary)

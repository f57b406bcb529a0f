"""Each glossary entry lists the facts whose chapters mention that person."""

from book import glossary_terms, link_target, people_mentioned, plain


def expected_appearances(facts):
    return {
        person: [fact for fact in facts if person in people_mentioned(fact)]
        for person in glossary_terms()
    }


def test_appears_in_lists_match_the_chapters_term_references(facts, html_pages):
    glossary = html_pages["people.html"]
    shown = {}
    for term in glossary.select("dl.glossary dt[id]"):
        person = plain(term.get_text(" ", strip=True).removesuffix("#").strip())
        appears_in = term.find_next_sibling("dd").select_one("p.appears-in")
        shown[person] = [] if appears_in is None else [
            (link.get_text(), link_target("people.html", link["href"])[0]) for link in appears_in.select("a")
        ]
    assert shown == {
        person: [(f"Fact {fact.number}", fact.html_name) for fact in mentioned]
        for person, mentioned in expected_appearances(facts).items()
    }


"""Facts are numbered 1 to 8 as in the article, and every place agrees."""

import pytest

from book import collapsed, fact_label, link_target, plain

ARTICLE_ORDER = [
    "Gaga Was Genuinely Mourning During the Finale Performance",
    "The Person Who Filmed the Glastonbury Concert Footage Is Actually a Very Famous Musician",
    "Gaga Left a Surprise Gift For Cooper During His Gut-Wrenching Final Scene",
    "Ally's Struggles Were Gaga's Struggles in the Music Industry",
    "The First Scene Shot in the Film Was",
    "This Heartbreaking Scene Used the First Take",
    "Cooper Took Music Lessons For Months Ahead of Filming",
    "The Way the Film Is Shot Reflects How Each Character is Progressing",
]


def numbered_text(number, title):
    return f"{number}. {title}"


def labelled_text(number, title):
    return f"{fact_label(number)}: {title}"


def test_facts_are_numbered_one_to_eight_in_the_articles_order(facts):
    assert [fact.number for fact in facts] == list(range(1, 9))
    for fact, heading in zip(facts, ARTICLE_ORDER, strict=True):
        # Fact 5's teaser heading may be completed in the book's own words.
        assert fact.title.startswith(heading), (fact.path.name, fact.title)


def test_file_prefix_matches_front_matter(facts):
    for fact in facts:
        assert int(fact.path.name[:2]) == fact.number, fact.path.name


def test_rendered_heading_names_the_fact_then_its_title(facts, html_pages):
    """A fact's heading reads "Fact 2: Title", as every reference names the fact (the stylesheet sets the label
    on a line of its own, its colon not shown)."""
    for fact in facts:
        heading = html_pages[fact.html_name].select_one("article section h1")
        assert collapsed(heading.select_one(".section-number").get_text()) == f"{fact_label(fact.number)}:"
        assert plain(collapsed(heading.get_text()).removesuffix("#")) == labelled_text(fact.number, fact.title)


@pytest.mark.parametrize("page", ["index.html", "people.html", "chapters/02-glastonbury.html"])
def test_navigation_shows_each_fact_with_its_number_and_title(facts, html_pages, page):
    links = html_pages[page].select("nav.bd-docs-nav a.reference")
    targets = [(link_target(page, link["href"])[0], plain(link.get_text(strip=True))) for link in links]
    shown = [(target, text) for target, text in targets if target.startswith("chapters/")]
    assert shown == [(fact.html_name, numbered_text(fact.number, fact.title)) for fact in facts]


def test_front_page_toctree_shows_each_fact_with_its_number_and_title(facts, html_pages):
    links = html_pages["index.html"].select(".toctree-wrapper a.reference")
    assert [plain(link.get_text(strip=True)) for link in links][:8] == [
        numbered_text(fact.number, fact.title) for fact in facts
    ]
    assert [link["href"] for link in links][:8] == [fact.html_name for fact in facts]


def test_previous_and_next_follow_the_fact_order(facts, html_pages):
    for before, after in zip(facts, facts[1:], strict=False):
        page = html_pages[before.html_name]
        next_link = page.select_one(".prev-next-area a.right-next")
        assert next_link["href"] == after.html_name.removeprefix("chapters/")
        assert labelled_text(after.number, after.title) in plain(collapsed(next_link.get_text()))


def test_previous_and_next_lead_on_from_the_last_page_to_the_index_and_back(html_pages):
    """The contents list the index after People; Sphinx's own links, given pages alone, stopped at People."""
    to_index = html_pages["people.html"].select_one(".prev-next-area a.right-next")
    assert (to_index["href"], plain(to_index.select_one(".prev-next-title").get_text())) == ("genindex.html", "Index")
    back = html_pages["genindex.html"].select_one(".prev-next-area a.left-prev")
    assert (back["href"], plain(back.select_one(".prev-next-title").get_text())) == ("people.html", "People")
    assert html_pages["genindex.html"].select_one(".prev-next-area a.right-next") is None

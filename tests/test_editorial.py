"""The book names the article it retells in every edition, quotes it word for
word, retells the rest in its own words, and keeps each chapter short and free
of repeated passages.

The article is ../shared/source/article.txt beside the checkout, its first line
its title; it is not part of the repository, so the checks against its text
skip where it is absent, and fail under CI. The citation is checked against conf.py's
``source_title``, which must be the article's first line. The text is read
from the built HTML, where Sphinx's smart quotes have made every quotation
mark and apostrophe typographic.
"""

import re
from collections import Counter
from functools import cache

from book import BOOK, CONF, plain, require
from epub import NS
from pdf import normal

ARTICLE = BOOK.parent / "shared" / "source" / "article.txt"
SOURCE_TITLE = CONF["source_title"]

FILM = "A Star Is Born"
FEATURETTE = "The Road to Stardom: Making A Star Is Born"

MAX_CHAPTER_WORDS = 260
COPIED_RUN = 7  # words in a row outside quotation marks that may not come from the article
SHARED_RUN = 6  # words in a row that no three chapters may share
QUOTATION = re.compile(r"“([^“”]*)”")


@cache
def article():
    require(ARTICLE.is_file(), f"the source article, kept outside the repository, is not at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


def test_the_cited_title_is_the_articles_own():
    assert SOURCE_TITLE == article().splitlines()[0].strip()


def words(text):
    """The words of `text`, lower case, with apostrophes inside words kept and all other punctuation dropped."""
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", plain(text).lower())


def runs(word_list, length):
    return {tuple(word_list[i : i + length]) for i in range(len(word_list) - length + 1)}


def paragraphs(root):
    """The text of each paragraph under `root`, leaving out navigation such as the tables of contents."""
    return [p.get_text() for p in root.find_all("p") if not p.find_parent(class_="toctree-wrapper")]


def chapter_paragraphs(html_pages, fact):
    """A fact's text after its title: the lead and the body."""
    return paragraphs(html_pages[fact.html_name].select_one("article section"))


def runs_outside(text, titles, length):
    """The runs of `text`, less those that lie wholly inside one of the titles."""
    return runs(words(text), length) - {run for title in titles for run in runs(words(title), length)}


def book_pages(facts):
    """The pages of the book's own text: the front page, the glossary and the facts."""
    return ["index.html", "people.html", *(fact.html_name for fact in facts)]


def test_the_front_page_names_the_article_as_the_source_of_the_facts_and_the_quotations(html_pages):
    citing = [
        text for text in paragraphs(html_pages["index.html"].select_one("article")) if SOURCE_TITLE in plain(text)
    ]
    assert citing, "the front page does not name the article by its title"
    assert any("source" in text and "quotation" in text for text in citing), citing


def test_the_epub_cites_the_article_in_its_package_and_on_its_front_page(epub):
    assert epub.metadata("dc:source") == [SOURCE_TITLE]
    front = "".join(epub.xml("index.xhtml").find(".//xhtml:body", NS).itertext())
    assert SOURCE_TITLE in plain(front)


def test_the_pdf_cites_the_article_on_its_copyright_page(pdf):
    (copyright_page,) = [page for page in pdf.pages if "©" in page.extract_text()]
    assert normal(SOURCE_TITLE) in normal(copyright_page.extract_text())


def test_every_quotation_is_the_articles_word_for_word(html_pages, facts):
    source = " ".join(plain(article()).split())
    misquoted = []
    for page in book_pages(facts):
        for text in paragraphs(html_pages[page].select_one("article")):
            for quotation in QUOTATION.findall(text):
                if " ".join(plain(quotation).split()) not in source:
                    misquoted.append((page, quotation))
    assert misquoted == []


def test_no_run_of_seven_words_outside_quotations_is_copied_from_the_article(html_pages, facts):
    source_runs = runs(words(article()), COPIED_RUN)
    titles = {FILM, FEATURETTE, SOURCE_TITLE, *(fact.title for fact in facts)}
    copied = []
    for page in book_pages(facts):
        for text in paragraphs(html_pages[page].select_one("article")):
            for stretch in QUOTATION.split(text)[::2]:
                copied += [(page, " ".join(run)) for run in runs_outside(stretch, titles, COPIED_RUN) & source_runs]
    assert copied == []


def test_no_six_word_run_recurs_in_three_chapters(html_pages, facts):
    chapters_with = Counter()
    for fact in facts:
        chapter_runs = set()
        for text in chapter_paragraphs(html_pages, fact):
            chapter_runs |= runs_outside(text, {FILM, FEATURETTE}, SHARED_RUN)
        chapters_with.update(chapter_runs)
    assert {" ".join(run): count for run, count in chapters_with.items() if count >= 3} == {}


def test_each_chapter_is_at_most_260_words_after_its_title(html_pages, facts):
    counts = {fact.path.name: sum(len(words(text)) for text in chapter_paragraphs(html_pages, fact)) for fact in facts}
    assert all(counts.values()), counts
    assert {name: count for name, count in counts.items() if count > MAX_CHAPTER_WORDS} == {}

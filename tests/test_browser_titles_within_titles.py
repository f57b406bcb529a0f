"""A title within an italic title, the film's within the article's and the featurette's on the front page, is
set upright in the HTML and the EPUB, in Chromium, as the PDF's stylesheet sets it."""

UPRIGHT_INSIDE_ITALIC = """() => [...document.querySelectorAll("em em")].map(inner =>
    [inner.textContent, getComputedStyle(inner.parentElement).fontStyle, getComputedStyle(inner).fontStyle])"""


def test_the_html_sets_a_title_within_a_title_upright(new_page, html_dir):
    page = new_page()
    page.goto((html_dir / "index.html").as_uri())
    styles = page.evaluate(UPRIGHT_INSIDE_ITALIC)
    assert styles and all(style[1:] == ["italic", "normal"] for style in styles), styles


def test_the_epub_sets_a_title_within_a_title_upright(reader_page, epub_site):
    reader_page.goto(f"{epub_site}index.xhtml")
    styles = reader_page.evaluate(UPRIGHT_INSIDE_ITALIC)
    assert styles and all(style[1:] == ["italic", "normal"] for style in styles), styles

"""No index entry's target stands after a space in a paragraph of the page WeasyPrint lays out, so a justified line
that breaks beside one reaches the margin: WeasyPrint (70) keeps a space at a line's end when an empty element
follows it, and a target is one (Fact 2's "thousands at Coachella," stopped 4.5 points short). A target between
blocks (an {index} directive's) stands on no line."""


def test_no_index_target_follows_a_space(print_page):
    targets = print_page.select("p span.target:empty")
    assert targets
    after_a_space = [target["id"] for target in targets if str(target.previous_sibling or "x")[-1].isspace()]
    assert after_a_space == []

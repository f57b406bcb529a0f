"""Every link inside the EPUB reaches a file of the package and an id in it,
every file of the package is used, and the glossary and the index are linked
into the text."""

import re

from epub import EPUB_TYPE, NS

EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
STYLESHEET_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")
NON_CONTENT = {"mimetype", "META-INF/container.xml"}


def ids_of(epub, name):
    return {element.get("id") for element in epub.xml(name).iter() if element.get("id")}


def links_in(epub, name):
    """(attribute value) of each href and src in an XHTML document."""
    document = epub.xml(name)
    for element in document.iter():
        for attribute in ("href", "src"):
            if element.get(attribute):
                yield element.get(attribute)


def broken(epub, document, href):
    target, fragment = epub.resolve(document, href)
    if target not in epub.files:
        return "no such file in the package"
    if target not in {item["name"] for item in epub.manifest.values()}:
        return "file not in the manifest"
    if fragment and fragment not in ids_of(epub, target):
        return "no such id"
    return None


def test_the_manifest_and_the_archive_hold_the_same_files(epub):
    listed = {item["name"] for item in epub.manifest.values()}
    archived = set(epub.files) - NON_CONTENT - {epub.opf_name}
    assert listed == archived


def test_every_file_is_a_document_or_named_by_one_or_by_a_stylesheet(epub):
    documents = set(epub.documents())
    named = {epub.resolve(name, href)[0] for name in documents for href in links_in(epub, name)}
    for name in epub.files:
        if name.endswith(".css"):
            text = epub.files[name].decode("utf-8")
            named |= {epub.resolve(name, url)[0] for url in STYLESHEET_URL.findall(text) if not EXTERNAL.match(url)}
    unused = {item["name"] for item in epub.manifest.values()} - documents - named - {epub.ncx_name}
    assert unused == set()


def test_every_link_in_the_documents_reaches_a_file_and_an_id(epub):
    problems = [
        (name, href, reason)
        for name in epub.documents()
        for href in links_in(epub, name)
        if not EXTERNAL.match(href) and (reason := broken(epub, name, href))
    ]
    assert problems == []


def test_every_ncx_entry_reaches_a_file_and_an_id(epub):
    sources = [content.get("src") for content in epub.xml(epub.ncx_name).iterfind(".//ncx:content", NS)]
    assert sources
    problems = [(src, reason) for src in sources if (reason := broken(epub, epub.ncx_name, src))]
    assert problems == []


def glossary_entries(epub):
    """Archive name of the glossary, and the ids of its terms."""
    for name in epub.documents():
        glossary = ".//xhtml:div[@epub:type='glossary'][@role='doc-glossary']/xhtml:dl"
        terms = epub.xml(name).iterfind(f"{glossary}/xhtml:dt[@epub:type='glossterm']", NS)
        ids = {term.get("id") for term in terms}
        if ids:
            return name, ids
    raise AssertionError("no document holds a <div epub:type='glossary' role='doc-glossary'> list of glossterm entries")


def test_the_glossary_is_marked_up_for_reading_systems(epub):
    name, ids = glossary_entries(epub)
    document = epub.xml(name)
    terms = document.findall(".//xhtml:dt", NS)
    definitions = document.findall(".//xhtml:dd", NS)
    assert all(term.get(EPUB_TYPE) == "glossterm" for term in terms)
    assert all(definition.get(EPUB_TYPE) == "glossdef" for definition in definitions)
    assert len(ids) == len(terms) == len(definitions)


def test_every_name_in_a_fact_links_to_a_glossary_entry(epub, facts):
    glossary, ids = glossary_entries(epub)
    for fact in facts:
        name = fact.xhtml_name
        source_terms = re.findall(r"\{term\}`", fact.path.read_text(encoding="utf-8"))
        links = [
            span.getparent()
            for span in epub.xml(name).iterfind(".//xhtml:a/xhtml:span", NS)
            if "std-term" in span.get("class", "").split()
        ]
        assert len(links) == len(source_terms), fact.path.name
        for link in links:
            assert epub.resolve(name, link.get("href")) in {(glossary, anchor) for anchor in ids}, link.get("href")


def test_the_index_links_into_every_fact(epub, facts):
    (index,) = [href for _text, href in epub.nav("landmarks") if href.startswith("genindex")]
    reached = {
        epub.resolve(index, link.get("href"))[0]
        for link in epub.xml(index).iterfind(".//xhtml:a", NS)
        if link.get("href")
    }
    assert {fact.xhtml_name for fact in facts} <= reached

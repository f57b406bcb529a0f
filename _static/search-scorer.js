/* The book's search scorer: html_search_scorer in conf.py. Sphinx puts it in
 * _static/language_data.js, which the search page loads with searchtools.js.
 *
 * Sphinx's full-text search finds every page that has the words, but gives a
 * fact that only mentions a person in passing the same score as the fact that
 * is about them. Here each fact result is scored by how much the fact is about
 * the query's words, from what the book says (window.bookSearch, which
 * _ext/html_edition/search.py writes into the search page): the words of its
 * title (3 each), its lead (2), its index entries (2) and its other paragraphs
 * (1), leaving out a paragraph that points to another fact ("… is told in
 * Fact 3"), which is about that fact; a word in few facts counts for more
 * (inverse fact frequency). A fact the words are about ranks above every other
 * page except a person's glossary entry that the query names: facts score
 * 60 to 99, such an entry 100. A query names a person with all their name
 * ("Lars Ulrich") or some of it ("Ulrich", "Cooper"), which Sphinx finds only
 * as words of the glossary's page; and it names a fact by its label, "Fact 7"
 * as every reference prints it, its punctuation aside ("Fact 7:"): the fact
 * named scores 100 too. Sphinx, leaving out the number, lists the pages that
 * hold the word "fact", as every fact's page does by referring to another
 * (the editorial guide's rule), and the scorer can only score what it lists.
 *
 * A fact is listed once, at its page, however many of its index entries
 * match; a page's result leads to where its own text begins, below the
 * theme's buttons, and is summarised from there. Every fact's result is
 * named with its fact: "Fact 6 · This Heartbreaking Scene Used the First
 * Take"; a person's glossary entry with their name: "Lars Ulrich · People",
 * where Sphinx names it by its page alone, and it leads to the entry's
 * element, which holds the definition the summary is taken from. So does the
 * glossary page's result where one entry alone holds the query's words
 * ("drummer"), which Sphinx finds only as words of the page.
 */
var Scorer = {
  // Sphinx's own weights, as searchtools.js has them.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  // The score of a fact the query's words are about: above a page or a
  // partial index-entry match, below what the query names: a person's
  // glossary entry, or a fact by its label.
  factFloor: 60,
  factRange: 39,
  named: 100,

  _facts: null,
  _query: null,
  _stems: [],

  // Each fact's weight for each stem, and in how many facts each stem is; each glossary term's name and stems,
  // by its page.
  _prepare: () => {
    if (Scorer._facts) return Scorer._facts;
    const stemmer = new Stemmer();
    const facts = {};
    const factsWith = {};
    for (const [docname, fact] of Object.entries((window.bookSearch || {}).facts || {})) {
      const weights = {};
      for (const [word, weight] of Object.entries(fact.words)) {
        const stem = stemmer.stemWord(word);
        weights[stem] = (weights[stem] || 0) + weight;
      }
      for (const stem of Object.keys(weights)) factsWith[stem] = (factsWith[stem] || 0) + 1;
      facts[docname] = { label: fact.label, weights };
    }
    const terms = {};
    for (const [docname, names] of Object.entries((window.bookSearch || {}).terms || {})) {
      terms[docname] = Object.values(names).map(([name, entry]) => ({
        name,
        entry,
        stems: splitQuery(name.toLowerCase()).map((word) => stemmer.stemWord(word)),
      }));
    }
    const entries = {};
    for (const [docname, texts] of Object.entries((window.bookSearch || {}).entries || {})) {
      entries[docname] = Object.entries(texts).map(([entry, [name, text]]) => ({
        name,
        entry,
        stems: new Set(splitQuery(text.toLowerCase()).map((word) => stemmer.stemWord(word))),
      }));
    }
    Scorer._facts = { facts, factsWith, count: Object.keys(facts).length, terms, entries };
    return Scorer._facts;
  },

  // The query's words, stemmed as Sphinx's search stems them.
  _queryStems: () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    if (query !== Scorer._query) {
      const stemmer = new Stemmer();
      Scorer._query = query;
      Scorer._stems = [
        ...new Set(
          splitQuery(query.toLowerCase().trim())
            .filter((word) => !stopwords.has(word) && !/^\d+$/.test(word))
            .map((word) => stemmer.stemWord(word)),
        ),
      ];
    }
    return Scorer._stems;
  },

  // The glossary entry on a page whose name holds every word of the query, the shortest if several do ("Sonja
  // Durham" before "Sonja Durham's husband"): { name, entry: its element's id, stems }, or null.
  _personNamed: (docname) => {
    const stems = Scorer._queryStems();
    let found = null;
    for (const term of Scorer._prepare().terms[docname] || []) {
      const named = stems.length && stems.every((stem) => term.stems.includes(stem));
      if (named && !(found && found.name.length <= term.name.length)) found = term;
    }
    return found;
  },

  // The one glossary entry on a page whose text, names and definition, holds every word of the query
  // ("drummer"), or null where none or several do ("real person").
  _entryHolding: (docname) => {
    const stems = Scorer._queryStems();
    const holding = (Scorer._prepare().entries[docname] || []).filter(
      (entry) => stems.length && stems.every((stem) => entry.stems.has(stem)),
    );
    return holding.length === 1 ? holding[0] : null;
  },

  relevance: (docname) => {
    const { facts, factsWith, count } = Scorer._prepare();
    const fact = facts[docname];
    if (!fact) return 0;
    return Scorer._queryStems().reduce(
      (sum, stem) => sum + (fact.weights[stem] ? fact.weights[stem] * Math.log(1 + count / factsWith[stem]) : 0),
      0,
    );
  },

  score: (result) => {
    const [docname, title, anchor, , score, , kind] = result;
    const person = Scorer._personNamed(docname);
    if (person) {
      result[1] = `${person.name} · ${title}`;
      result[2] = `#${person.entry}`;
      return Scorer.named;
    }
    // A glossary term's result, or the page's where one entry alone holds the words, leads to the entry.
    const term = (((window.bookSearch || {}).terms || {})[docname] || {})[anchor.slice(1)];
    const entry = term ? { name: term[0], entry: term[1] } : !anchor && Scorer._entryHolding(docname);
    if (entry) {
      if (!title.startsWith(`${entry.name} · `)) result[1] = `${entry.name} · ${title}`;
      result[2] = `#${entry.entry}`;
    }
    // A result's summary is the text at its anchor, else its page's main element's, which opens with the theme's
    // buttons ("System Settings Light Dark"); an index entry's anchor is an empty mark in the text. Either is
    // anchored where its page's own text begins; a person's glossary entry keeps its own.
    const pageId = ((window.bookSearch || {}).anchors || {})[docname];
    const pageAnchor = pageId ? `#${pageId}` : "";
    if (!entry && (!anchor || kind === SearchResultKind.index)) result[2] = pageAnchor;
    const fact = Scorer._prepare().facts[docname];
    if (!fact) return score;
    // Sphinx lists a fact for its words, and again at each index entry in it (a place, a song, a work):
    // at its page alone, every listing of a fact is one, which searchtools.js then shows once.
    result[2] = pageAnchor;
    // The result's name, which searchtools.js shows: "Fact 6 · This Heartbreaking Scene …".
    if (!title.startsWith(`${fact.label} · `)) result[1] = `${fact.label} · ${title}`;
    Scorer._queryStems(); // sets Scorer._query, the query as typed
    const words = (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
    if (words(Scorer._query) === words(fact.label)) return Scorer.named;
    const relevance = Scorer.relevance(docname);
    if (relevance <= 0) return score;
    return Scorer.factFloor + (Scorer.factRange * relevance) / (relevance + 5);
  },
};

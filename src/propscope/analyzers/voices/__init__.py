"""Who says what (issue 6): quotes, entities and stance, and whose voice a technique is in.

The parts are pure functions of an Article (offsets index `Article.text`), composed by
`analyzer.VoicesAnalyzer` into one `Voices` value on `Analysis.voices`:

- entities.find_entities / canonical.canonical_key: actors with corpus-stable ids;
- quotes.find_quotes: direct, indirect and mixed speech with speaker and cue;
- stance.find_stances: the article's stance toward its main entities;
- attribution.attribute_spans: a technique span inside a quote belongs to the speaker,
  elsewhere to the outlet. Pages of one article compute it when shown; the per-outlet sums
  read an index (store/voice_spans.py) that every save of either stage rewrites for that
  article, so re-running the techniques or the voices stage alone never leaves it stale
  (a change to this rule bumps attribution.RULE_VERSION, and stores re-attribute once).

Rule and lexicon based on purpose (no model download, six languages, >= 30 articles/s on
two cores); docs/voices.md says how storage, API, dashboard and reports use the result.
"""

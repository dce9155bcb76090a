// propscope review mode: the article text <-> offsets into Article.text. In review mode every
// segment of #text carries data-s / data-e (its offsets, in code points like all stored
// offsets); this file maps selections to offsets, cuts segments at new span boundaries and
// marks segments. No markup is ever parsed:
// nodes are split and classes toggled, nothing else. Used by review.js.
"use strict";

window.propscopeReviewText = (function () {
  var text = document.getElementById("text");
  // what the server's display filter (report/html.py clean) drops: bidi controls, zero-width
  // and control characters; the page shows the text without them
  var INVISIBLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028-\u202e\u2060-\u2069\ufeff]/;
  var cps = []; // Article.text by code point: stored offsets count code points, not UTF-16 units

  function load(raw) { cps = Array.from(raw); }

  function visible(chars) { return chars.filter(function (c) { return !INVISIBLE.test(c); }); }

  // the text between two stored offsets, as the page would show it
  function slice(s, e) { return visible(cps.slice(s, e)).join(""); }

  // the segment's raw characters, or null when the page shows something else in it
  function rawOf(seg) {
    var s = +seg.dataset.s, e = +seg.dataset.e, raw = cps.slice(s, e);
    return visible(raw).join("") === seg.textContent ? raw : null;
  }

  // raw index in `raw` after `shown` visible characters
  function rawIndex(raw, shown) {
    var r = 0;
    for (var n = 0; r < raw.length && n < shown; r++) if (!INVISIBLE.test(raw[r])) n++;
    return r;
  }

  function segments() { return text ? text.querySelectorAll("[data-s]") : []; }

  function overlaps(it, s, e) { return it.start < e && s < it.end; }

  // cut the segment holding `pos` in two (text nodes only), so a span added or relabelled in
  // the browser is outlined exactly; the right half copies the segment's attributes
  function splitAt(pos) {
    Array.prototype.some.call(segments(), function (seg) {
      var s = +seg.dataset.s, e = +seg.dataset.e, node = seg.firstChild, raw;
      if (pos <= s || pos >= e) return false;
      if (seg.childNodes.length !== 1 || node.nodeType !== 3 || !(raw = rawOf(seg))) return true;
      var shown = visible(raw.slice(0, pos - s)).join("").length; // UTF-16 units on the page
      if (shown === 0 || shown === node.length) return true;
      var right = seg.cloneNode(false);
      right.appendChild(node.splitText(shown));
      right.dataset.s = pos;
      seg.dataset.e = pos;
      seg.parentNode.insertBefore(right, seg.nextSibling);
      return true;
    });
  }

  // classes: rv-cur (the current span), rv-new (labelled now, not by the model), rv-gone (a
  // model span not labelled now); returns the first segment of the current span
  function mark(items, cur) {
    var added = items.filter(function (it) { return it.present && !it.model; });
    var dropped = items.filter(function (it) { return !it.present && it.model; });
    var first = null;
    Array.prototype.forEach.call(segments(), function (seg) {
      var s = +seg.dataset.s, e = +seg.dataset.e;
      var on = !!cur && overlaps(cur, s, e);
      seg.classList.toggle("rv-cur", on);
      seg.classList.toggle("rv-new", added.some(function (it) { return overlaps(it, s, e); }));
      seg.classList.toggle("rv-gone", dropped.some(function (it) { return overlaps(it, s, e); }));
      if (on && !first) first = seg;
    });
    return first;
  }

  function paragraphOf(paragraphs, pos) {
    for (var n = 0; n < paragraphs.length; n++) {
      if (paragraphs[n].start <= pos && pos <= paragraphs[n].end) return n;
    }
    return -1;
  }

  // offset in Article.text of a selection boundary (characters the page hides are counted
  // back in); null outside the text, NaN where the page shows something else than the text
  function offsetOf(node, off) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    var seg = el && el.closest ? el.closest("[data-s]") : null;
    if (!seg || !text.contains(seg)) return null;
    var s = +seg.dataset.s, e = +seg.dataset.e, raw = rawOf(seg);
    if (!raw) return NaN;
    if (node.nodeType !== 3) return off === 0 ? s : e;
    var before = "", walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
    for (var t = walker.nextNode(); t && t !== node; t = walker.nextNode()) before += t.data;
    return s + rawIndex(raw, Array.from(before + node.data.slice(0, off)).length);
  }

  // the current selection as {start, end} (trimmed of spaces, inside one paragraph), an
  // {error} to show, or null when nothing is selected
  function selected(paragraphs) {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var r = sel.getRangeAt(0);
    var s = offsetOf(r.startContainer, r.startOffset), e = offsetOf(r.endContainer, r.endOffset);
    if (s === null || e === null) return { error: "Select text inside the article." };
    if (isNaN(s) || isNaN(e)) return { error: "The page does not show this passage as stored; add this span through the API." };
    while (s < e && (/\s/.test(cps[s]) || INVISIBLE.test(cps[s]))) s++;
    while (e > s && (/\s/.test(cps[e - 1]) || INVISIBLE.test(cps[e - 1]))) e--;
    if (s >= e) return { error: "Select some text, not only spaces." };
    var p = paragraphOf(paragraphs, s);
    if (p < 0 || p !== paragraphOf(paragraphs, e)) return { error: "A span must lie inside one paragraph." };
    return { start: s, end: e };
  }

  return { load: load, slice: slice, splitAt: splitAt, mark: mark, paragraphOf: paragraphOf,
           selected: selected };
})();

// propscope review mode (issue 8): judge the model's spans by keyboard. Served from our origin
// (CSP script-src 'self'); content is only ever written with textContent. Writes go to the
// JSON API with the login cookie (same-origin fetch), like any other client.
"use strict";

(function () {
  var panel = document.getElementById("review");
  if (!panel || panel.dataset.enabled !== "1") return;
  var AUTHOR_KEY = "propscope.reviewer";
  var id = panel.dataset.article;
  var api = "/api/v1/articles/" + encodeURIComponent(id);
  var T = window.propscopeReviewText; // the article text <-> offsets (review_text.js)
  var status = document.getElementById("rv-status");
  var list = document.getElementById("rv-items");
  var paras = document.getElementById("rv-paras");
  var conflictsBox = document.getElementById("rv-conflicts");
  var count = document.getElementById("rv-count");
  var authorBox = document.getElementById("rv-author");
  // the chooser (review_pick.js); once it closes, the status line and the focus come back
  var P = window.propscopeReviewPick(function (message) { if (message) say(message); focusCurrent(); });
  var names = P.names(); // label (technique, genre, frame) -> display name
  var st = { modelParas: {}, model: panel.dataset.model || "", paragraphs: [], modelSpans: [],
             items: [], cur: -1, mine: {}, busy: false };

  function say(message) { status.textContent = message; }
  function nameOf(t) { return names[t] || t; }
  function key(t, s, e) { return t + "|" + s + "|" + e; }
  function snippet(s, e) {
    var piece = T.slice(s, e);
    return "\u201c" + (piece.length > 60 ? piece.slice(0, 57) + "\u2026" : piece) + "\u201d";
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("could not read " + url + " (HTTP " + r.status + ")");
      return r.json();
    });
  }

  function author() {
    var name = (authorBox.value || "").trim();
    if (name) localStorage.setItem(AUTHOR_KEY, name);
    return name;
  }

  // one correction or a list (stored together or not at all); a verdict on the genre or the
  // frames names the model it reviews, every other one the techniques model
  function post(body) {
    var who = author();
    (Array.isArray(body) ? body : [body]).forEach(function (b) {
      b.author = who;
      if (!b.model) b.model = st.model;
    });
    return fetch(api + "/corrections", {
      method: "POST", credentials: "same-origin", referrerPolicy: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(typeof j.detail === "string" ? j.detail : "HTTP " + r.status);
        return j;
      });
    });
  }

  // -- state: model spans + effective labels + this reviewer's latest verdicts -----------
  function latestMine(corrections, who) {
    var mine = {};
    corrections.forEach(function (c) { // oldest first: later verdicts overwrite
      if (c.author !== who) return;
      var k = c.target === "span" ? key(c.technique, c.start, c.end)
                                  : "p|" + c.technique + "|" + c.paragraph;
      mine[k] = c;
    });
    return mine;
  }

  function buildItems(eff, corrections) {
    var seen = {}, items = [];
    function add(t, s, e, fromModel) {
      var k = key(t, s, e);
      if (seen[k]) { if (fromModel) seen[k].model = true; return; }
      seen[k] = { technique: t, start: s, end: e, key: k, model: fromModel };
      items.push(seen[k]);
    }
    st.modelSpans.forEach(function (s) { add(s.technique, s.start, s.end, true); });
    eff.spans.forEach(function (s) { add(s.technique, s.start, s.end, false); });
    corrections.forEach(function (c) {
      if (c.target !== "span") return;
      add(c.technique, c.start, c.end, false);
      if (c.action === "relabel") {
        add(c.new_label, c.start, c.end, false);
        seen[key(c.new_label, c.start, c.end)].from = c.technique;
      }
    });
    var present = {}, conflicted = {};
    eff.spans.forEach(function (s) { present[key(s.technique, s.start, s.end)] = true; });
    eff.conflicts.forEach(function (c) {
      if (c.target === "span") conflicted[key(c.label, c.start, c.end)] = c;
    });
    items.forEach(function (it) {
      it.present = !!present[it.key];
      it.conflict = conflicted[it.key] || null;
      it.verdict = st.mine[it.key] || null;
    });
    items.sort(function (a, b) { return a.start - b.start || a.end - b.end ||
                                        (a.technique < b.technique ? -1 : 1); });
    return items;
  }

  // every correction of the article, oldest first (pages of 1,000; at most 20 pages)
  function allCorrections(offset, acc) {
    return getJSON(api + "/corrections?limit=1000&offset=" + offset).then(function (page) {
      acc = acc.concat(page.items);
      var next = offset + page.items.length;
      return page.items.length && next < page.total && next < 20000 ? allCorrections(next, acc) : { items: acc };
    });
  }

  function refresh(keepKey) {
    var who = author();
    return Promise.all([getJSON(api + "/effective"), allCorrections(0, [])]).then(function (got) {
      var eff = got[0], corrections = got[1].items;
      st.mine = latestMine(corrections, who);
      st.items = buildItems(eff, corrections);
      var at = -1;
      st.items.forEach(function (it, n) { if (it.key === keepKey) at = n; });
      st.cur = at >= 0 ? at : Math.min(Math.max(st.cur, 0), st.items.length - 1);
      doc.render(eff, corrections, who);
      render(eff);
    });
  }

  // -- drawing -----------------------------------------------------------------------------
  function verdictWords(v) { // "you accepted it", from this reviewer's latest correction
    if (!v) return "not reviewed by you";
    if (v.action === "relabel") return "you relabelled it \u2192 " + nameOf(v.new_label);
    return "you " + ({ accept: "accepted", reject: "rejected", add: "added" }[v.action] || v.action) + " it";
  }

  function verdictText(it) { return verdictWords(it.verdict); }

  function disagreement(c) { // each author's latest verdict on a conflicted key
    return c.verdicts.map(function (v) {
      return v.author + " " + (v.action === "relabel" ? "relabel \u2192 " + nameOf(v.new_label) : v.action);
    }).join("; ");
  }

  function originText(it) {
    if (it.model) return "model";
    return it.from ? "relabel of " + nameOf(it.from) : "added";
  }

  function itemNode(it, n) {
    var li = document.createElement("li");
    li.id = "rv-item-" + n;
    li.dataset.key = it.key;
    li.dataset.verdict = it.verdict ? it.verdict.action : "";
    li.dataset.effective = it.present ? "present" : "absent";
    li.className = "rv-item" + (it.present ? " rv-in" : " rv-out") + (it.conflict ? " rv-conflict" : "");
    var tech = document.createElement("span");
    tech.className = "rv-tech";
    tech.textContent = nameOf(it.technique);
    var quote = document.createElement("q");
    quote.textContent = T.slice(it.start, it.end);
    var state = document.createElement("span");
    state.className = "rv-state";
    state.textContent = originText(it) + " \u00b7 " + verdictText(it) +
      " \u00b7 now " + (it.present ? "labelled" : "not labelled") +
      (it.conflict ? " \u00b7 reviewers disagree" : "");
    li.appendChild(tech);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(quote);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(state);
    if (n === st.cur) li.setAttribute("aria-current", "true");
    return li;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function markText() {
    return T.mark(st.items, st.items[st.cur]);
  }

  function render(eff) {
    st.items.forEach(function (it) { T.splitAt(it.start); T.splitAt(it.end); });
    clear(list);
    st.items.forEach(function (it, n) { list.appendChild(itemNode(it, n)); });
    count.textContent = "(" + st.items.length + ")";
    clear(paras);
    eff.paragraphs.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = (p.paragraph < 0 ? "title" : "paragraph " + (p.paragraph + 1)) + ": " +
        (p.labels.map(nameOf).join(", ") || "none");
      paras.appendChild(li);
    });
    clear(conflictsBox);
    eff.conflicts.forEach(function (c) {
      var li = document.createElement("li");
      var where = c.target === "span" ? " at " + snippet(c.start, c.end)
        : c.target === "paragraph" ? " at paragraph " + (c.paragraph + 1)
        : c.target === "genre" ? " as the genre" : " as a frame";
      li.textContent = nameOf(c.label) + where + ": " + disagreement(c);
      conflictsBox.appendChild(li);
    });
    if (!eff.conflicts.length) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = "none";
      conflictsBox.appendChild(none);
    }
    focusCurrent();
  }

  function focusCurrent() {
    var seg = markText();
    var li = document.getElementById("rv-item-" + st.cur);
    Array.prototype.forEach.call(list.children, function (x) { x.removeAttribute("aria-current"); });
    if (li) li.setAttribute("aria-current", "true");
    if (seg && document.activeElement !== authorBox && !P.isOpen()) { // never steal the chooser's focus
      if (!seg.hasAttribute("tabindex")) seg.setAttribute("tabindex", "-1");
      seg.focus({ preventScroll: false });
    }
  }

  // -- actions -----------------------------------------------------------------------------
  function move(step) {
    if (!st.items.length) { say("No spans in this article: select text and press s to add one."); return; }
    st.cur = (st.cur + step + st.items.length) % st.items.length;
    focusCurrent();
    var it = st.items[st.cur];
    say((st.cur + 1) + " of " + st.items.length + ": " + nameOf(it.technique) + " at " +
        snippet(it.start, it.end) + ", " + verdictText(it) + ".");
  }

  function ready() {
    if (st.busy) { say("Still saving the previous verdict\u2026"); return false; }
    if (!author()) {
      say("Type your name in \u201cReviewer\u201d first (kept in this browser), then press Enter.");
      authorBox.focus();
      return false;
    }
    return true;
  }

  function write(body, done, next) {
    st.busy = true;
    return post(body).then(function () {
      return refresh(next);
    }).then(function () {
      st.busy = false;
      say(done);
    }).catch(function (err) {
      st.busy = false;
      say("Not saved: " + err.message);
    });
  }

  function judge(action, newLabel) {
    var it = st.items[st.cur];
    if (!it || !ready()) return;
    var body = { target: "span", action: action, technique: it.technique, start: it.start, end: it.end };
    if (newLabel) body.new_label = newLabel;
    var words = action === "relabel" ? "Relabelled " + nameOf(it.technique) + " \u2192 " + nameOf(newLabel)
      : (action === "accept" ? "Accepted " : "Rejected ") + nameOf(it.technique);
    var after = st.items[st.cur + 1];
    write(body, words + " at " + snippet(it.start, it.end) + ".", after ? after.key : it.key);
  }

  function paragraphOf(pos) { return T.paragraphOf(st.paragraphs, pos); }

  function addSpan(sp, label) {
    write({ target: "span", action: "add", technique: label, start: sp.start, end: sp.end },
          "Added " + nameOf(label) + " at " + snippet(sp.start, sp.end) + ".", key(label, sp.start, sp.end));
  }

  function judgeParagraph(para, reject, label) {
    var it = st.items[st.cur];
    var fromModel = (st.modelParas[para] || []).indexOf(label) >= 0;
    var action = reject ? "reject" : fromModel ? "accept" : "add";
    var words = { reject: "Removed ", accept: "Confirmed ", add: "Added " }[action];
    write({ target: "paragraph", action: action, technique: label, paragraph: para },
          words + nameOf(label) + " on paragraph " + (para + 1) + ".", it ? it.key : null);
  }

  function startAdd() {
    var sp = T.selected(st.paragraphs);
    if (!sp) { say("Select text in the article first, then press s."); return; }
    if (sp.error) { say(sp.error); return; }
    if (!ready()) return;
    P.open("technique", "for " + snippet(sp.start, sp.end), "", function (label) { addSpan(sp, label); });
  }

  function startRelabel() {
    var it = st.items[st.cur];
    if (!it) { say("No span selected."); return; }
    if (!ready()) return;
    P.open("technique", "instead of " + nameOf(it.technique) + " at " + snippet(it.start, it.end),
           it.technique, function (label) { judge("relabel", label); });
  }

  function startParagraph(reject) {
    var it = st.items[st.cur];
    if (!it) { say("Go to a span of the paragraph first (j/k)."); return; }
    if (!ready()) return;
    var para = paragraphOf(it.start);
    P.open("technique", (reject ? "remove from" : "add to") + " paragraph " + (para + 1), it.technique,
           function (label) { judgeParagraph(para, reject, label); });
  }

  // the article's genre and frames (review_doc.js), with the helpers it shares
  var doc = window.propscopeReviewDoc({
    say: say, ready: ready, nameOf: nameOf, verdictWords: verdictWords, disagreement: disagreement,
    open: P.open,
    write: function (body, done) { var it = st.items[st.cur]; return write(body, done, it ? it.key : null); }
  });

  var KEYS = { j: function () { move(1); }, n: function () { move(1); },
               k: function () { move(-1); }, p: function () { move(-1); },
               a: function () { judge("accept"); }, r: function () { judge("reject"); },
               l: startRelabel, s: startAdd, "+": startAdd,
               g: function () { startParagraph(false); }, G: function () { startParagraph(true); },
               c: doc.confirmGenre, C: doc.pickGenre,
               f: function () { doc.pickFrame(false); }, F: function () { doc.pickFrame(true); } };

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || P.isOpen()) return;
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    var run = KEYS[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  }

  function wire() {
    document.addEventListener("keydown", onKey);
    authorBox.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      e.preventDefault();
      if (!author()) { say("Type your name first."); return; }
      authorBox.blur(); // back to the text: the keys work again
      var it = st.items[st.cur];
      refresh(it ? it.key : null).then(function () { say("Reviewing as " + author() + "."); });
    });
    authorBox.addEventListener("change", function () { author(); });
  }

  function start() {
    authorBox.value = localStorage.getItem(AUTHOR_KEY) || "";
    wire();
    getJSON(api).then(function (a) {
      T.load(a.text);
      st.paragraphs = a.paragraphs;
      st.model = a.techniques_model || st.model;
      st.modelSpans = a.spans;
      doc.load(a);
      a.techniques.forEach(function (u) { st.modelParas[u.paragraph] = u.labels; });
      return refresh(null);
    }).then(function () {
      var wanted = panel.dataset.technique;
      if (wanted) {
        st.items.some(function (it, n) { if (it.technique === wanted) { st.cur = n; return true; } return false; });
        focusCurrent();
      }
      panel.dataset.ready = "1";
      say(author() ? "Reviewing as " + author() + ": j/k to move, a accept, r reject, l relabel, s add, c/C genre, f/F frames."
                   : "Type your name in \u201cReviewer\u201d to start.");
    }).catch(function (err) { say("Review mode could not start: " + err.message); });
  }

  start();
})();

// propscope review mode, the article as a whole: its genre (exactly one of 3) and its frames
// (any of 14). review.js calls the factory with the helpers it shares (status line, the
// chooser, write = one POST then a re-read); like there, text is only set with textContent.
"use strict";

window.propscopeReviewDoc = function (R) {
  var el = function (id) { return document.getElementById(id); };
  var framesBox = el("rv-frames");
  var GENRES = values(el("rv-genre-picker")), FRAMES = values(el("rv-frame-picker"));
  var VOCAB = { genre: GENRES, frames: FRAMES };
  // model: the article's Classification per target ({labels, probabilities, model}) or null
  var st = { model: { genre: null, frames: null }, eff: { genre: [], frames: [] },
             mine: {}, conflicts: {}, touched: {} };

  function values(sel) { return Array.prototype.map.call(sel.options, function (o) { return o.value; }); }
  function docKey(target, label) { return target + "|" + label; }

  // the model's labels, only those of the vocabulary (a stray one cannot be judged)
  function modelLabels(target) {
    var cls = st.model[target];
    return cls ? cls.labels.filter(function (x) { return VOCAB[target].indexOf(x) >= 0; }) : [];
  }

  function prob(target, label) {
    var cls = st.model[target], p = cls && cls.probabilities;
    p = p && Object.prototype.hasOwnProperty.call(p, label) ? p[label] : null;
    return typeof p === "number" ? "p " + p.toFixed(2) : "";
  }

  function load(article) { st.model = { genre: article.genre || null, frames: article.frames || null }; }

  // -- state after each re-read: effective labels, this reviewer's latest verdicts, conflicts
  function render(eff, corrections, who) {
    st.eff = { genre: eff.genre, frames: eff.frames };
    st.mine = {};
    st.touched = {};
    corrections.forEach(function (c) { // oldest first: later verdicts overwrite
      if (c.target !== "genre" && c.target !== "frames") return;
      st.touched[docKey(c.target, c.technique)] = true;
      if (c.new_label) st.touched[docKey(c.target, c.new_label)] = true;
      if (c.author === who) st.mine[docKey(c.target, c.technique)] = c;
    });
    st.conflicts = {};
    eff.conflicts.forEach(function (c) {
      if (c.target === "genre" || c.target === "frames") st.conflicts[docKey(c.target, c.label)] = c;
    });
    renderGenre();
    renderFrames();
  }

  function names(labels) { return labels.map(R.nameOf).join(", ") || "none"; }

  function renderGenre() {
    var cls = st.model.genre, model = modelLabels("genre");
    var others = GENRES.filter(function (g) { return model.indexOf(g) < 0 && prob("genre", g); });
    el("rv-genre-model").textContent = !cls ? "none (no genre in the analysis)"
      : names(model) + (model.length && prob("genre", model[0]) ? " (" + prob("genre", model[0]) + ")" : "") +
        (others.length ? "; " + others.map(function (g) { return R.nameOf(g) + " " + prob("genre", g); }).join(", ") : "");
    var now = el("rv-genre-now");
    now.textContent = names(st.eff.genre);
    now.dataset.labels = st.eff.genre.join(",");
    var mine = GENRES.map(function (g) { return st.mine[docKey("genre", g)]; }).filter(Boolean);
    el("rv-genre-mine").textContent = mine.length ? mine.map(function (c) {
      return R.nameOf(c.technique) + ": " + R.verdictWords(c);
    }).join("; ") : "not reviewed by you";
    // every genre conflict, including the clash of two genres left on ("opinion+satire")
    var conflicts = Object.keys(st.conflicts).map(function (k) { return st.conflicts[k]; })
      .filter(function (c) { return c.target === "genre"; });
    el("rv-genre-conflicts").textContent = conflicts.length ? conflicts.map(function (c) {
      return c.label.split("+").map(R.nameOf).join(" or ") + ": " + R.disagreement(c);
    }).join(" \u00b7 ") : "no";
  }

  function button(act, frame, words) {
    var b = document.createElement("button");
    b.type = "button";
    b.dataset.act = act;
    b.dataset.frame = frame;
    b.textContent = words;
    b.setAttribute("aria-label", words + " frame " + R.nameOf(frame));
    return b;
  }

  // a row per frame the model chose, that is on now, or that anyone judged
  function frameNode(f) {
    var model = modelLabels("frames").indexOf(f) >= 0, on = st.eff.frames.indexOf(f) >= 0;
    var mine = st.mine[docKey("frames", f)], conflict = st.conflicts[docKey("frames", f)];
    var li = document.createElement("li");
    li.dataset.frame = f;
    li.dataset.model = model ? "1" : "0";
    li.dataset.effective = on ? "present" : "absent";
    li.dataset.verdict = mine ? mine.action : "";
    li.className = "rv-frame" + (on ? " rv-in" : " rv-out") + (conflict ? " rv-conflict" : "");
    var name = document.createElement("span");
    name.className = "rv-tech";
    name.textContent = R.nameOf(f);
    var state = document.createElement("span");
    state.className = "rv-state";
    var p = prob("frames", f);
    state.textContent = (model ? "model" : "not the model's") + (p ? " (" + p + ")" : "") + " \u00b7 " +
      R.verdictWords(mine) + " \u00b7 now " + (on ? "on" : "off") +
      (conflict ? " \u00b7 reviewers disagree: " + R.disagreement(conflict) : "");
    [name, state, button(model ? "accept" : "add", f, model ? "accept" : "add"), button("reject", f, "reject")]
      .forEach(function (node) { li.appendChild(node); li.appendChild(document.createTextNode(" ")); });
    return li;
  }

  function renderFrames() {
    while (framesBox.firstChild) framesBox.removeChild(framesBox.firstChild);
    var shown = FRAMES.filter(function (f) {
      return modelLabels("frames").indexOf(f) >= 0 || st.eff.frames.indexOf(f) >= 0 ||
             st.touched[docKey("frames", f)] || st.conflicts[docKey("frames", f)];
    });
    shown.forEach(function (f) { framesBox.appendChild(frameNode(f)); });
    if (!shown.length) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = "none: press f to give the article a frame";
      framesBox.appendChild(none);
    }
  }

  // -- verdicts ------------------------------------------------------------------------------
  function body(target, verdict) {
    var cls = st.model[target];
    verdict.target = target;
    verdict.model = (cls && cls.model) || ""; // empty: review.js names the techniques model
    return verdict;
  }

  // An article has one genre: relabel the model's (accept when it is the one chosen; add when
  // the model gave none), and in the same POST reject any other genre still on now (say one
  // added earlier), so the export never holds two genres for one article.
  function setGenre(label) {
    var model = modelLabels("genre")[0], mineModel = model && st.mine[docKey("genre", model)];
    var main = !model ? { action: "add", technique: label }
      : model === label ? { action: "accept", technique: label }
      : { action: "relabel", technique: model, new_label: label };
    var dropped = st.eff.genre.filter(function (g) {
      var viaMyRelabel = mineModel && mineModel.action === "relabel" && mineModel.new_label === g;
      return g !== label && g !== model && !viaMyRelabel; // my new verdict on `model` replaces that
    });
    var bodies = [body("genre", main)].concat(dropped.map(function (g) {
      return body("genre", { action: "reject", technique: g });
    }));
    var words = main.action === "relabel" ? R.nameOf(model) + " \u2192 " + R.nameOf(label) + " (relabel)"
      : (main.action === "accept" ? "confirmed " : "added ") + R.nameOf(label);
    if (dropped.length) words += "; removed " + names(dropped);
    R.write(bodies.length === 1 ? bodies[0] : bodies, "Genre: " + words + ".");
  }

  function confirmGenre() {
    var model = modelLabels("genre")[0];
    if (!model) { R.say("The model gave no genre: press C to choose one."); return; }
    if (R.ready()) setGenre(model);
  }

  function pickGenre() {
    if (!R.ready()) return;
    R.open("genre", "for the whole article", st.eff.genre[0] || modelLabels("genre")[0], setGenre);
  }

  // present: accept when the model chose the frame, add otherwise; absent: reject
  function frameVerdict(label, reject) {
    var action = reject ? "reject" : modelLabels("frames").indexOf(label) >= 0 ? "accept" : "add";
    R.write(body("frames", { action: action, technique: label }), "Frame " + R.nameOf(label) + ": " +
            { reject: "removed", accept: "confirmed", add: "added" }[action] + ".");
  }

  function pickFrame(reject) {
    if (!R.ready()) return;
    var on = st.eff.frames;
    var first = reject ? on[0] : modelLabels("frames").filter(function (f) {
      return !st.mine[docKey("frames", f)];
    })[0] || FRAMES.filter(function (f) { return on.indexOf(f) < 0; })[0];
    R.open("frame", reject ? "remove from the article" : "give the article (or confirm the model's)", first,
           function (f) { frameVerdict(f, reject); });
  }

  // mouse: the genre buttons and each frame row's accept / reject
  el("rv-genre-buttons").addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button[data-genre]") : null;
    if (b && GENRES.indexOf(b.dataset.genre) >= 0 && R.ready()) setGenre(b.dataset.genre);
  });
  framesBox.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button[data-act]") : null;
    if (b && FRAMES.indexOf(b.dataset.frame) >= 0 && R.ready()) frameVerdict(b.dataset.frame, b.dataset.act === "reject");
  });

  return { load: load, render: render, confirmGenre: confirmGenre, pickGenre: pickGenre,
           pickFrame: pickFrame };
};

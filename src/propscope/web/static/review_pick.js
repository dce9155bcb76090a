// propscope review mode: the chooser. One dialog with a list per vocabulary (23 techniques,
// 3 genres, 14 frames), each a native <select> so arrows and type-ahead come with it; Enter
// or a double click chooses, Esc cancels. review.js makes it (only when the panel is live)
// with what to do once it closes.
"use strict";

window.propscopeReviewPick = function (closed) {
  var box = document.getElementById("rv-pick");
  var forText = document.getElementById("rv-pick-for");
  var what = document.getElementById("rv-pick-what");
  var lists = { technique: document.getElementById("rv-picker"),
                genre: document.getElementById("rv-genre-picker"),
                frame: document.getElementById("rv-frame-picker") };
  var WHAT = { technique: "Technique", genre: "Genre", frame: "Frame" };
  var pending = null; // { select, onChoose }

  // label -> display name, from the options ("Display name (label)")
  function names() {
    var out = {};
    Object.keys(lists).forEach(function (kind) {
      Array.prototype.forEach.call(lists[kind].options, function (o) {
        out[o.value] = o.textContent.replace(/ \([^)]*\)$/, "");
      });
    });
    return out;
  }

  // kind: which list; label: what the choice is for; current: the option to start at
  function open(kind, label, current, onChoose) {
    var sel = lists[kind];
    pending = { select: sel, onChoose: onChoose };
    Object.keys(lists).forEach(function (k) { lists[k].hidden = lists[k] !== sel; });
    what.textContent = WHAT[kind];
    what.htmlFor = sel.id;
    forText.textContent = label;
    box.hidden = false;
    sel.value = current || sel.options[0].value;
    sel.focus();
  }

  function close(message) {
    box.hidden = true;
    pending = null;
    closed(message);
  }

  function choose() {
    var p = pending, label = p ? p.select.value : "";
    close("");
    if (p && label) p.onChoose(label);
  }

  Object.keys(lists).forEach(function (kind) {
    lists[kind].addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); choose(); }
      else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close("Cancelled."); }
    });
    lists[kind].addEventListener("dblclick", choose);
  });

  return { open: open, names: names, isOpen: function () { return !box.hidden; } };
};

// propscope dashboard behaviour. Served from our origin (CSP script-src 'self'); content is
// only ever written with textContent, never parsed as HTML.
"use strict";

(function () {
  var text = document.getElementById("text");
  var tip = document.getElementById("tip");
  var legend = document.getElementById("legend");
  var info = {}; // technique -> {name, definition, hide}
  var current = null; // the segment whose tooltip is open

  function readLegend() {
    if (!legend) return;
    var boxes = legend.querySelectorAll("input[data-technique]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var item = box.closest("li");
      var name = item ? item.querySelector(".tname") : null;
      var def = item ? item.querySelector(".def") : null;
      info[box.dataset.technique] = {
        name: name ? name.textContent : box.dataset.technique,
        definition: def ? def.textContent : "",
        hide: box.dataset.hide || ""
      };
      box.addEventListener("change", onToggle);
    }
  }

  function onToggle(event) {
    var box = event.target;
    if (text && box.dataset.hide) text.classList.toggle(box.dataset.hide, !box.checked);
    if (current) show(current);
  }

  function hidden(technique) {
    var entry = info[technique];
    return !!(entry && entry.hide && text && text.classList.contains(entry.hide));
  }

  function row(technique, score) {
    var entry = info[technique] || { name: technique, definition: "" };
    var div = document.createElement("div");
    div.className = "tip-row";
    var name = document.createElement("span");
    name.className = "tip-name";
    name.textContent = entry.name;
    var def = document.createElement("span");
    def.className = "tip-def";
    def.textContent = entry.definition;
    var conf = document.createElement("span");
    conf.className = "tip-conf";
    conf.textContent = "confidence " + (score || "?");
    div.appendChild(name);
    div.appendChild(def);
    div.appendChild(conf);
    return div;
  }

  function quoteRow(quote) {
    var div = document.createElement("div");
    div.className = "tip-row tip-quote";
    div.textContent = "Quote \u2014 speaker: " + (quote.dataset.speaker || "unknown") +
      (quote.dataset.cue ? " (" + quote.dataset.cue + ")" : "");
    return div;
  }

  function voiceLine(voice) {
    var span = document.createElement("span");
    span.className = "tip-voice";
    span.textContent = voice === "outlet" ? "voice: the outlet's own words" : "voice: quoted, " + voice;
    return span;
  }

  function show(segment) {
    var names = (segment.dataset.techniques || "").split(" ").filter(Boolean);
    var scores = (segment.dataset.scores || "").split(" ");
    var voices = (segment.dataset.voices || "").split("|");
    var quote = segment.classList.contains("qt") ? segment : segment.closest(".qt");
    var rows = [];
    if (quote) rows.push(quoteRow(quote));
    for (var i = 0; i < names.length; i++) {
      if (hidden(names[i])) continue;
      var r = row(names[i], scores[i]);
      if (voices[i]) r.appendChild(voiceLine(voices[i]));
      rows.push(r);
    }
    if (!rows.length) { hide(); return; }
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    rows.forEach(function (r) { tip.appendChild(r); });
    if (current && current !== segment) current.removeAttribute("aria-describedby");
    current = segment;
    segment.setAttribute("aria-describedby", "tip");
    tip.hidden = false;
    place(segment);
  }

  function place(segment) {
    var box = segment.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (box.bottom + window.scrollY + 14) + "px";
  }

  function hide() {
    if (!tip) return;
    tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function segmentOf(target) {
    if (!target || !target.closest) return null;
    return target.closest(".hl") || target.closest(".qt");
  }

  function wireTooltips() {
    if (!text || !tip) return;
    text.addEventListener("mouseover", function (e) { var s = segmentOf(e.target); if (s) show(s); });
    text.addEventListener("mouseout", function (e) {
      var s = segmentOf(e.target);
      if (s && s === current && !s.contains(e.relatedTarget) && document.activeElement !== s) hide();
    });
    text.addEventListener("focusin", function (e) { var s = segmentOf(e.target); if (s) show(s); });
    text.addEventListener("focusout", function (e) { if (segmentOf(e.target) === current) hide(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  }

  function wireRemoved() {
    var box = document.getElementById("show-removed");
    if (!box || !text) return;
    box.addEventListener("change", function () { text.classList.toggle("show-removed", box.checked); });
  }

  readLegend();
  wireTooltips();
  wireRemoved();
})();

(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var boxes = document.querySelectorAll("input[data-toggle]");
  function apply(box) {
    document.body.classList.toggle(box.getAttribute("data-toggle"), !box.checked);
  }
  function setAll(on) {
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].getAttribute("data-toggle") !== "hide-removed") {
        boxes[i].checked = on;
        apply(boxes[i]);
      }
    }
  }
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (event) { apply(event.target); });
    apply(boxes[i]);
  }
  var all = document.getElementById("show-all");
  var none = document.getElementById("show-none");
  if (all) { all.addEventListener("click", function () { setAll(true); }); }
  if (none) { none.addEventListener("click", function () { setAll(false); }); }
})();

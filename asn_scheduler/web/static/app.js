// Progressive enhancement only: the forms work without this file.
// Drag and drop onto the upload areas, the chosen files' names, and a size check before
// a large file is sent (the server enforces the limit in any case).
(function () {
  "use strict";
  function setup(zone) {
    var input = zone.querySelector("input[type=file]");
    var picked = zone.querySelector(".picked");
    var max = parseInt(zone.getAttribute("data-max") || "0", 10);
    function show() {
      var files = input.files ? Array.prototype.slice.call(input.files) : [];
      if (!files.length) { picked.textContent = ""; input.setCustomValidity(""); return; }
      // one request carries every file: the limit is on their sum
      var size = files.reduce(function (n, f) { return n + f.size; }, 0);
      var tooBig = max && size > max;
      var names = files.map(function (f) { return f.name; }).join(", ");
      picked.textContent = tooBig ? zone.getAttribute("data-too-big") : names;
      picked.classList.toggle("bad", !!tooBig);
      input.setCustomValidity(tooBig ? zone.getAttribute("data-too-big") : "");
    }
    input.addEventListener("change", show);
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".drop"), setup);
  });
})();

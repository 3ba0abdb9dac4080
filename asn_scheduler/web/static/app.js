// Progressive enhancement only: the forms work without this file.
// Drag and drop onto the upload area, the chosen file's name, and a size check before
// a large file is sent (the server enforces the limit in any case).
(function () {
  "use strict";
  function setup(zone) {
    var input = zone.querySelector("input[type=file]");
    var picked = zone.querySelector(".picked");
    var max = parseInt(zone.getAttribute("data-max") || "0", 10);
    function show() {
      var f = input.files && input.files[0];
      if (!f) { picked.textContent = ""; return; }
      var tooBig = max && f.size > max;
      picked.textContent = tooBig ? zone.getAttribute("data-too-big") : f.name;
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

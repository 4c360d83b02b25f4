// Sortable tables: every <th><button class="sort"> sorts the first <tbody> of its table by that column.
// Cells carry their unrounded value in data-sort; empty values sort last. Keyboard: the headers are buttons.
(function () {
  "use strict";
  function cellValue(row, index, type) {
    var cell = row.children[index];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (type === "number") {
      return raw === "" ? null : parseFloat(raw);
    }
    return raw.toLowerCase();
  }
  function sortBy(button) {
    var th = button.closest("th");
    var table = th.closest("table");
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var index = headers.indexOf(th);
    var type = button.getAttribute("data-type") || "text";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type);
      var y = cellValue(b, index, type);
      if (x === null || y === null) {
        return x === y ? 0 : (x === null ? 1 : -1);
      }
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var status = document.getElementById("sort-status");
    if (status) {
      status.textContent = "Sorted by " + button.textContent + (ascending ? ", ascending" : ", descending");
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var status = document.createElement("p");
    status.id = "sort-status";
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
    document.querySelectorAll("table.sortable th button.sort").forEach(function (button) {
      button.addEventListener("click", function () { sortBy(button); });
    });
  });
})();

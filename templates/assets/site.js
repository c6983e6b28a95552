/* aimsbook: small enhancements for every page. Loaded from <head> (the
   Content-Security-Policy allows only the site's own scripts, never inline ones). Every page
   works without it: the menu is shown, tables are in their written order, and heat-map cells
   jump to the list of their risks. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  // The menu button on narrow screens.
  function setUpMenu() {
    var button = document.querySelector(".nav-toggle");
    if (!button) return;
    var root = document.documentElement;
    function set(open) {
      root.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { set(!root.classList.contains("nav-open")); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("nav-open")) { set(false); button.focus(); }
    });
  }

  // Tables with class "sortable": a button in each header cell; cells may carry data-sort.
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.trim();
  }
  function setUpSorting(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    if (!body) return;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.every(function (row) { var v = cellValue(row, index); return v === "" || !isNaN(Number(v)); });
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var result = numeric ? (Number(x || -Infinity) - Number(y || -Infinity)) : x.localeCompare(y, undefined, { numeric: true });
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // A table wider than the screen scrolls sideways; make it reachable by keyboard.
  function setUpScrollRegions() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap, .chart-wrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Scrollable table");
      }
    });
  }

  // The risk register: a heat-map cell filters the table to its risks.
  function setUpRiskFilter() {
    var table = document.getElementById("site.risk-table");
    var status = document.getElementById("site.filter");
    var text = document.getElementById("site.filter-text");
    var clear = document.getElementById("site.filter-clear");
    if (!table || !status || !text || !clear) return;
    var pattern = /^(inherent|residual)-([1-5])-([1-5])$/;
    function apply(cell, scroll) {
      var match = pattern.exec(cell || "");
      var rows = table.tBodies[0].rows;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var cells = (row.getAttribute("data-cells") || "").split(" ");
        var visible = !match || cells.indexOf(cell) >= 0;
        row.classList.toggle("filtered-out", !visible);
        if (visible) shown += 1;
      });
      if (match) {
        text.textContent = "Showing " + shown + (shown === 1 ? " risk" : " risks") + " with " + match[1] +
          " likelihood " + match[2] + " and impact " + match[3] + ".";
        status.hidden = false;
        if (scroll) status.scrollIntoView({ block: "start" });
      } else {
        status.hidden = true;
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll("a[data-cell]"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var cell = link.getAttribute("data-cell");
        if (history.pushState) history.pushState(null, "", "#" + cell);
        apply(cell, true);
      });
    });
    clear.addEventListener("click", function () { apply(null, false); });
    window.addEventListener("hashchange", function () { apply(location.hash.slice(1), false); });
    if (pattern.test(location.hash.slice(1))) apply(location.hash.slice(1), true);
  }

  onReady(function () {
    setUpMenu();
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUpSorting);
    setUpScrollRegions();
    setUpRiskFilter();
  });
})();

/* aimsbook search: reads the index that assets/search-documents-*.js and search-index.js put in a global (browsers
   refuse fetch() on file://), searches for ?q=, and builds results with createElement and
   textContent only, never innerHTML, so no document text can become markup. */
(function () {
  "use strict";
  var MAX_RESULTS = 100;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}.\-]+/u)
      .map(function (t) { return t.replace(/^[.\-]+|[.\-]+$/g, ""); })
      .filter(function (t) { return t.length > 0; });
  }
  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at >= 0 && n < 5) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  var prepared = null;
  function prepare(index) {
    return index.map(function (entry) {
      return {
        entry: entry, id: fold(entry.i), title: fold(entry.t), keywords: fold(entry.k),
        text: fold(entry.x), type: fold(entry.y)
      };
    });
  }

  function score(item, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], s = 0;
      if (item.id === w) s += 100; else if (item.id.indexOf(w) >= 0) s += 40;
      if (item.title.indexOf(w) >= 0) s += (item.title.indexOf(w) === 0 || item.title.indexOf(" " + w) >= 0) ? 25 : 15;
      if (item.keywords.indexOf(w) >= 0) s += 10;
      if (item.type.indexOf(w) >= 0) s += 3;
      s += count(item.text, w);
      if (s === 0) return 0;
      total += s;
    }
    return total;
  }

  // A window of text around the first match, with the matched words in <mark>.
  function snippet(text, words) {
    var folded = fold(text);
    var first = -1;
    words.forEach(function (w) { var at = folded.indexOf(w); if (at >= 0 && (first < 0 || at < first)) first = at; });
    var start = 0, end = Math.min(text.length, 220);
    if (first > 80) { start = text.lastIndexOf(" ", first - 60); if (start < 0) start = first - 60; end = Math.min(text.length, start + 240); }
    if (end < text.length) { var space = text.lastIndexOf(" ", end); if (space > start + 100) end = space; }
    var piece = text.slice(start, end), lower = fold(piece);
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    var at = 0;
    while (at < piece.length) {
      var next = -1, length = 0;
      words.forEach(function (w) { var i = lower.indexOf(w, at); if (i >= 0 && (next < 0 || i < next)) { next = i; length = w.length; } });
      if (next < 0) { fragment.appendChild(document.createTextNode(piece.slice(at))); break; }
      if (next > at) fragment.appendChild(document.createTextNode(piece.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + length);
      fragment.appendChild(mark);
      at = next + length;
    }
    if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  var statusLabels = { "draft": ["Draft", "warn"], "in-review": ["In review", "info"], "approved": ["Approved", "ok"], "retired": ["Retired", "muted"] };

  function render(results, words, list) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var entry = result.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "result-title";
      link.href = entry.u;
      link.textContent = entry.t;
      item.appendChild(link);
      var meta = document.createElement("div");
      meta.className = "result-meta";
      var id = document.createElement("span");
      id.className = "mono";
      id.textContent = entry.i;
      meta.appendChild(id);
      var type = document.createElement("span");
      type.textContent = entry.y;
      meta.appendChild(type);
      if (statusLabels[entry.s]) {
        var badge = document.createElement("span");
        badge.className = "badge badge-" + statusLabels[entry.s][1];
        badge.textContent = statusLabels[entry.s][0];
        meta.appendChild(badge);
      }
      item.appendChild(meta);
      var text = document.createElement("p");
      text.className = "result-snippet";
      text.appendChild(snippet(entry.x, words));
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function run(query) {
    var status = document.getElementById("site.search-status");
    var list = document.getElementById("site.search-results");
    if (!status || !list) return;
    var index = window.AIMSBOOK_SEARCH_INDEX;
    if (!index) { status.textContent = "The search index (assets/search-documents-*.js, assets/search-index.js) could not be loaded."; return; }
    if (!prepared) prepared = prepare(index);
    var words = terms(query);
    if (words.length === 0) {
      while (list.firstChild) list.removeChild(list.firstChild);
      status.textContent = "Type a word, a document id such as POL-001, a clause such as 6.1.2 or a control such as A.6.2.4.";
      return;
    }
    var results = [];
    prepared.forEach(function (item) {
      var s = score(item, words);
      if (s > 0) results.push({ entry: item.entry, score: s });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.entry.i < b.entry.i ? -1 : a.entry.i > b.entry.i ? 1 : 0); });
    render(results, words, list);
    var shown = Math.min(results.length, MAX_RESULTS);
    status.textContent = results.length === 0
      ? "No results for “" + query + "”."
      : (results.length === 1 ? "1 result" : results.length + " results") + " for “" + query + "”" +
        (results.length > shown ? ", showing the first " + shown : "") + ".";
  }

  function start() {
    var params = new URLSearchParams(location.search);
    var query = params.get("q") || "";
    var input = document.getElementById("site.search-page-q");
    var header = document.getElementById("site.q");
    if (input) input.value = query;
    if (header) header.value = query;
    run(query);
    var form = input && input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var q = input.value;
        if (history.replaceState) history.replaceState(null, "", "?q=" + encodeURIComponent(q));
        if (header) header.value = q;
        run(q);
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

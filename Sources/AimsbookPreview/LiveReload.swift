/// The script `serve` adds to every page: listens to the server's events, reloads the page as
/// soon as a build newer than the page's is written, and shows the errors of the last build in
/// an overlay (a build with errors is still written, each page banners its own), cleared by
/// the next build without errors. Built with DOM calls and textContent only, so no
/// message can inject markup.
enum LiveReload {
    static let script = """
        (function () {
          "use strict";
          var version = null;
          var box = null;
          function show(errors, rendered) {
            if (!errors.length) { if (box) { box.remove(); box = null; } return; }
            if (!box) {
              box = document.createElement("div");
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;" +
                "background:#fff5f5;color:#5c0011;border:2px solid #c00;border-radius:8px;padding:1rem;" +
                "font:14px/1.4 ui-monospace,monospace;z-index:99999;box-shadow:0 4px 24px rgba(0,0,0,.3)";
              document.body.appendChild(box);
            }
            box.textContent = "";
            var title = document.createElement("strong");
            title.textContent = errors.length + " error(s): " + (rendered
              ? "the site below is rendered despite them, broken references marked"
              : "the site below is the last good build");
            box.appendChild(title);
            errors.forEach(function (e) {
              var line = document.createElement("div");
              line.textContent = e.file + ":" + e.line + ":" + e.column + ": " + e.message + " [" + e.code + "]";
              box.appendChild(line);
            });
          }
          // The build this page was served from; a page without it takes the first event's.
          var script = document.currentScript;
          var version = script ? script.getAttribute("data-version") : null;
          // Server-Sent Events: the server pushes its status when a build ends, and the browser
          // reconnects by itself (after the `retry` the server names) when the server restarts.
          var events = new EventSource("/__aimsbook/events");
          events.onmessage = function (message) {
            var status;
            try { status = JSON.parse(message.data); } catch (e) { return; }
            var current = status.server + "." + status.version;
            if (version === null) { version = current; }
            else if (current !== version) { events.close(); location.reload(); return; }
            show(status.errors, status.rendered === true);
          };
        })();

        """
}

/// The script `serve` adds to every page: polls the server's status once a second, reloads the
/// page after a successful rebuild, and shows the errors of a failed one in an overlay. Built
/// with DOM calls and textContent only, so no message can inject markup.
enum LiveReload {
    static let script = """
        (function () {
          "use strict";
          var version = null;
          var box = null;
          function show(errors) {
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
            title.textContent = errors.length + " error(s): the site below is the last good build";
            box.appendChild(title);
            errors.forEach(function (e) {
              var line = document.createElement("div");
              line.textContent = e.file + ":" + e.line + ":" + e.column + ": " + e.message + " [" + e.code + "]";
              box.appendChild(line);
            });
          }
          function poll() {
            fetch("/__aimsbook/status", { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (status) {
                if (version === null) { version = status.version; }
                else if (status.version !== version) { location.reload(); return; }
                show(status.errors);
              })
              .catch(function () {})
              .then(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();

        """
}

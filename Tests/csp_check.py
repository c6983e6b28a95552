"""The site published as the README's "Publishing on an intranet" says: under /handbook/, with the
README's Content-Security-Policy header and the 404 page for a missing path. Headless Chromium
loads each page and a missing page at several depths; none may log a policy violation, and each
must be styled (its stylesheet applied) with its script run.
Usage: python3 Tests/csp_check.py README.md SITE (a site built with base_path: /handbook/)."""
import http.server
import os
import re
import sys
import threading

os.environ.setdefault("SE_AVOID_STATS", "true")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402

PREFIX = "/handbook/"


def readme_policy(readme):
    text = open(readme, encoding="utf-8").read()
    found = re.search(r'add_header Content-Security-Policy "([^"]+)"', text)
    if not found:
        sys.exit("the README's nginx configuration has no Content-Security-Policy header")
    return found.group(1)


def handler(site, policy):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=site, **kwargs)

        def end_headers(self):
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

        def translate_path(self, path):
            if not path.startswith(PREFIX):
                return "/nonexistent"
            return super().translate_path("/" + path[len(PREFIX):])

        def send_error(self, code, message=None, explain=None):
            # As error_page / ErrorDocument: the site's own 404 page, with status 404.
            if code != 404:
                return super().send_error(code, message, explain)
            body = open(os.path.join(site, "404.html"), "rb").read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


PROBE = """
var header = document.querySelector('.site-header');
return {styled: !!header && getComputedStyle(header).position !== 'static'
        && getComputedStyle(document.body).margin === '0px',
        script: document.documentElement.classList.contains('js')};
"""


def main():
    readme, site = sys.argv[1], os.path.abspath(sys.argv[2])
    policy = readme_policy(readme)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(site, policy))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    pages = ["", "docs/pol-001.html", "clauses/6.1.2.html", "controls/A.6.2.4.html", "soa.html", "risks.html",
             "audit.html", "search.html?q=bias", "print.html", "documents.html",
             "no-such-page.html", "docs/retired.html", "a/b/c/missing"]
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options)
    failed = False
    try:
        for page in pages:
            driver.get(base + page)
            probe = driver.execute_script(PROBE)
            violations = [entry["message"] for entry in driver.get_log("browser")
                          if "Content Security Policy" in entry["message"]]
            for violation in violations:
                print(f"{PREFIX}{page}: {violation}")
            if not probe["styled"] or not probe["script"]:
                print(f"{PREFIX}{page}: styled {probe['styled']}, script run {probe['script']}")
            failed = failed or bool(violations) or not probe["styled"] or not probe["script"]
    finally:
        driver.quit()
        server.shutdown()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""Runs axe-core (shipped by PyPI's axe-playwright-python) in headless Chromium through Selenium
over pages of a built site, in the light and the dark colour scheme, and prints each violation.

    python3 Tests/axe_check.py OUTPUT_FOLDER PAGE...      exit status 1 when there are violations
"""
import os
import sys

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

AXE = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")).read()


def main():
    root, pages = sys.argv[1], sys.argv[2:]
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # axe takes about 25 s per scheme on the print view of the sample on a loaded machine: past
    # Selenium's default 30 s the run would fail with no finding.
    driver.set_script_timeout(180)
    violations = 0
    try:
        for page in pages:
            for scheme in ["light", "dark"]:
                driver.execute_cdp_cmd(
                    "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                driver.get("file://" + os.path.join(root, page))
                driver.execute_script(AXE)
                result = driver.execute_async_script(
                    "var done = arguments[0];"
                    "axe.run(document, {resultTypes: ['violations']})"
                    ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));")
                for violation in result:
                    violations += 1
                    print(f"{page} [{scheme}] {violation['id']} ({violation.get('impact')}): {violation['help']}")
                    for node in violation["nodes"][:3]:
                        print("    ", node["target"], node.get("failureSummary", "")[:200].replace("\n", " "))
    finally:
        driver.quit()
    print(f"axe: {violations} violations on {len(pages)} pages")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())

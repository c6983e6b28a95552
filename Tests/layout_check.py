"""Pages that must fit a 1280 px window beside the sidebar: neither the page nor any table box
scrolls sideways. Usage: python3 Tests/layout_check.py SITE PAGE... (headless Chromium via Selenium)."""
import os
import sys

os.environ.setdefault("SE_AVOID_STATS", "true")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402

MEASURE = """
var overflows = [];
var page = document.documentElement;
if (page.scrollWidth > page.clientWidth) overflows.push('the page ' + page.scrollWidth + ' > ' + page.clientWidth);
document.querySelectorAll('.table-wrap').forEach(function (box) {
  if (box.scrollWidth > box.clientWidth) overflows.push('a table ' + box.scrollWidth + ' px in a box of ' + box.clientWidth);
});
return overflows;
"""


def main():
    site, pages = sys.argv[1], sys.argv[2:]
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options)
    driver.set_window_size(1280, 900)
    failed = False
    try:
        for page in pages:
            driver.get("file://" + os.path.join(os.path.abspath(site), page))
            for overflow in driver.execute_script(MEASURE):
                print(f"{page} at 1280 px: {overflow}")
                failed = True
    finally:
        driver.quit()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The Weld site of `tenet doc` in a real browser (headless Chromium driven by Selenium).

usage: browser_test.py TENET_BINARY SOURCE_DIR OUT_DIR

Builds the site of rulesets/colorado/weld.tenet with the Weld manual from ../shared/seeds, then:
searches "diversion", follows to diversion_approved, sees its citations and its dependency graph,
follows 6.007.2 to the manual paragraph and back to the rules citing it, sees a parameter's
timeline; every internal link of the site resolves; the browser logs no console error.
Screenshots of the index, the decision page and the manual page are written to OUT_DIR.
Exits 77 (skipped) when the seeds or the browser are absent.
"""
import glob
import html.parser
import os
import subprocess
import sys
import urllib.parse

SKIP = 77


def skip(message):
    print("SKIPPED: " + message)
    sys.exit(SKIP)


def weld_manual(source_dir):
    """The seed holding the Weld County manual: found by its content, not its file name."""
    seeds = os.path.join(source_dir, "..", "shared", "seeds")
    for path in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "Colorado Works in Weld County" in text and "6.007.2" in text:
            return path
    return None


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "xlink:href", "src") and value:
                self.hrefs.append(value)


def check_links(site):
    """Every relative link names a file of the site and, when it has one, an id in that file."""
    pages = {}
    for path in glob.glob(os.path.join(site, "*.html")):
        parser = Links()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        pages[os.path.basename(path)] = parser
    broken = []
    for name, parser in pages.items():
        for href in parser.hrefs:
            url = urllib.parse.urlsplit(href)
            if url.scheme or url.netloc:
                continue
            target = urllib.parse.unquote(url.path) or name
            if not os.path.exists(os.path.join(site, target)):
                broken.append(f"{name}: {href}")
            elif url.fragment and target.endswith(".html") and urllib.parse.unquote(url.fragment) not in pages[target].ids:
                broken.append(f"{name}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken[:20])
    return len(pages)


def main():
    tenet, source_dir, out_dir = sys.argv[1:4]
    manual = weld_manual(source_dir)
    if manual is None:
        skip("the Weld manual is not in ../shared/seeds")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("python3-selenium is not installed")
    if not os.path.exists("/usr/bin/chromium") or not os.path.exists("/usr/bin/chromedriver"):
        skip("chromium and chromium-driver are not installed")

    site = os.path.join(out_dir, "weld_site")
    shots = os.path.join(out_dir, "screenshots")
    os.makedirs(shots, exist_ok=True)
    # from the source directory, so the pages show the paths a reader knows
    run = subprocess.run([os.path.abspath(tenet), "doc", "rulesets/colorado/weld.tenet", "--out", os.path.abspath(site),
                          "--source", "weld=" + os.path.relpath(manual, source_dir)], capture_output=True, text=True, cwd=source_dir)
    assert run.returncode == 0, run.stderr
    print(run.stdout, end="")
    pages = check_links(site)
    print(f"{pages} pages, every internal link resolves")

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 10)
    errors = []

    def console_errors():
        errors.extend(e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE")

    try:
        driver.get("file://" + os.path.abspath(os.path.join(site, "index.html")))
        assert "colorado.weld" in driver.find_element(By.TAG_NAME, "h1").text
        # keyboard: the first Tab reaches the skip link, which leads to the main content
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        assert driver.switch_to.active_element.text == "Skip to content", driver.switch_to.active_element.text
        search = wait.until(EC.visibility_of_element_located((By.ID, "search")))
        search.send_keys("diversion")
        result = wait.until(EC.element_to_be_clickable((By.XPATH, "//ul[@id='search-results']//a[starts-with(., 'diversion_approved')]")))
        search.send_keys(Keys.ARROW_DOWN)   # the results are reachable from the keyboard
        assert driver.switch_to.active_element.tag_name == "a", driver.switch_to.active_element.tag_name
        search.click()
        driver.save_screenshot(os.path.join(shots, "index.png"))
        console_errors()
        result.click()

        wait.until(EC.title_contains("diversion_approved"))
        cites = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.cites a.cite")]
        assert "6.007.2" in cites and "6.007.4" in cites, cites
        assert driver.find_elements(By.CSS_SELECTOR, "figure.graph svg g.node"), "no dependency graph"
        assert driver.find_elements(By.CSS_SELECTOR, "pre.code a.ref"), "no links in the highlighted source"
        driver.set_window_size(1280, 1750)   # tall enough for the source and the dependency graph
        driver.save_screenshot(os.path.join(shots, "decision.png"))
        driver.set_window_size(1280, 1000)
        console_errors()
        driver.find_element(By.XPATH, "//ul[@class='cites']//a[.='6.007.2']").click()

        wait.until(EC.url_contains("#p-6.007.2"))
        paragraph = driver.find_element(By.ID, "p-6.007.2")
        assert "Payment Limit" in paragraph.text, paragraph.text[:200]
        citing = [a.text for a in paragraph.find_elements(By.CSS_SELECTOR, "aside.citers a")]
        assert "diversion_approved" in citing, citing
        assert driver.find_elements(By.CSS_SELECTOR, ".para.uncited .uncited-note"), "no uncited paragraph is marked"
        driver.save_screenshot(os.path.join(shots, "manual.png"))
        console_errors()
        paragraph.find_element(By.XPATH, ".//aside//a[.='diversion_approved']").click()
        wait.until(EC.title_contains("diversion_approved"))

        driver.get("file://" + os.path.abspath(os.path.join(site, "d-diversion_yearly_cap.html")))
        timeline = driver.find_element(By.CSS_SELECTOR, "figure.timeline svg")
        assert "1998-12-01" in timeline.get_attribute("innerHTML")
        assert len(driver.find_elements(By.CSS_SELECTOR, "table.periods tbody tr")) == 2
        console_errors()
    finally:
        driver.quit()
    assert not errors, "console errors:\n" + "\n".join(errors)
    print("browser test passed; screenshots in " + shots)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Opens the HTML reports of `tenet parity` (the Weld sample beside tests/parity/weld_legacy.jsonl)
and `tenet diff` (base.tenet against a lower resource limit) in headless Chromium, checks that the
tables and the SVG bar charts are there, and writes screenshots (TENET_SCREENSHOTS, default a
temporary directory; docs/images/ holds the committed ones). Exit 77 (skipped) without Chromium,
chromium-driver or selenium."""
import base64
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
except ImportError:
    print("skipped: python3-selenium is not installed")
    sys.exit(77)
if not shutil.which("chromedriver") or not (shutil.which("chromium") or shutil.which("chromium-browser")):
    print("skipped: chromium and chromium-driver are not installed")
    sys.exit(77)

tenet, source = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
here = source / "tests" / "parity"
work = pathlib.Path(tempfile.mkdtemp())
shots = pathlib.Path(os.environ.get("TENET_SCREENSHOTS", work))
shots.mkdir(parents=True, exist_ok=True)

subprocess.run([tenet, "parity", str(source / "rulesets/colorado/weld.tenet"),
                "--cases", str(source / "rulesets/colorado/caseload/weld_sample.jsonl"),
                "--legacy", str(here / "weld_legacy.jsonl"), "--key", "CASE_NO",
                "--map", str(here / "weld_legacy_map.json"), "--report", str(work / "parity")],
               check=False, stdout=subprocess.DEVNULL)
# run beside the two versions, so the report names them as a user would
base = (here / "base.tenet").read_text()
(work / "base.tenet").write_text(base)
(work / "lower_limit.tenet").write_text(base.replace("= $2,000", "= $1,500"))
subprocess.run([tenet, "diff", "base.tenet", "lower_limit.tenet", "--cases", str(here / "cases.jsonl"),
                "--report", "diff"], check=True, stdout=subprocess.DEVNULL, cwd=work)

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000"):
    options.add_argument(flag)
driver = webdriver.Chrome(options=options)
failures = 0
try:
    for report, name, needle in ((work / "parity/parity.html", "parity-report.png", "sanction_level_ends"),
                                 (work / "diff/diff.html", "diff-report.png", "resource_limit $2,000.00 -> $1,500.00")):
        driver.get(report.as_uri())
        body = driver.find_element(By.TAG_NAME, "body").text
        bars = driver.find_elements(By.CSS_SELECTOR, "svg rect")
        tables = driver.find_elements(By.TAG_NAME, "table")
        if needle not in body or not bars or not tables:
            print(f"FAIL: {report}: text {needle!r} {needle in body}, {len(bars)} bars, {len(tables)} tables")
            failures += 1
        # the whole page, not only the window
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        (shots / name).write_bytes(base64.b64decode(shot["data"]))
finally:
    driver.quit()
print("browser tests", "failed" if failures else "passed", "; screenshots in", shots)
sys.exit(1 if failures else 0)

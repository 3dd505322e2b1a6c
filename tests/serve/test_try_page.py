"""`tenet serve --site DIR`: the static site from memory (nothing outside DIR is reachable), and
the "try a case" form in headless Chromium: a level-1 sanction case gives the adjusted grant and
the Spanish explanation."""
import os
import shutil

import pytest

from serve_helper import TIMEOUT, Server


def make_site(root):
    os.makedirs(os.path.join(root, "rules"))
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write("<html><body><a href='/try'>try a case</a></body></html>")
    with open(os.path.join(root, "rules", "adjusted_grant.html"), "w") as f:
        f.write("<html><body>adjusted_grant</body></html>")
    os.symlink("/etc/passwd", os.path.join(root, "passwd.html"))   # a link out of the site is not served


def test_site_is_served_from_its_directory_only(tmp_path):
    site = str(tmp_path / "site")
    make_site(site)
    with Server("--site", site) as s:
        status, text = s.get("/")
        assert status == 200 and "try a case" in text
        assert s.get("/rules/adjusted_grant.html")[0] == 200
        assert s.get("/rules/")[0] == 404
        assert s.get("/passwd.html")[0] == 404
        assert s.get("/rules/../index.html")[0] in (200, 404)   # never outside the index
        status, text = s.get("/try")
        assert status == 200 and "Try a case" in text


def find_driver():
    try:
        from selenium import webdriver   # Debian python3-selenium
    except ImportError:
        return None, "python3-selenium is not installed"
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.path.exists(chromedriver):
        return None, "chromium-driver is not installed"
    return webdriver, chromedriver


def test_try_a_level1_sanction_case_in_headless_chromium():
    webdriver, chromedriver = find_driver()
    if webdriver is None:
        pytest.skip(chromedriver)
    from selenium.webdriver.chrome.service import Service as DriverService
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(arg)
    with Server() as s:
        driver = webdriver.Chrome(service=DriverService(chromedriver), options=options)
        try:
            driver.set_page_load_timeout(TIMEOUT)
            driver.get("http://127.0.0.1:%d/try" % s.port)
            wait = WebDriverWait(driver, TIMEOUT)
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "colorado.weld")

            def fill(path, value):
                driver.find_element(By.ID, "fact-" + path).send_keys(value)

            fill("as_of", "1999-06-01")
            fill("household.size", "3")
            fill("household.monthly_basic_cash_grant", "303.00")
            driver.find_element(By.ID, "add-history.sanction_episodes").click()
            driver.find_element(By.ID, "fact-history.sanction_episodes.0.start").send_keys("1999-05-20")
            driver.find_element(By.ID, "empty-history.job_refusals").click()   # recorded: no job refusals
            Select(driver.find_element(By.ID, "lang")).select_by_value("es")
            driver.find_element(By.ID, "evaluate").click()
            wait.until(lambda d: d.find_element(By.ID, "explanation").text.strip() != "")
            row = driver.find_element(By.ID, "decision-adjusted_grant").text
            assert "227.25" in row
            assert "1" in driver.find_element(By.ID, "decision-sanction_level").text
            explanation = driver.find_element(By.ID, "explanation").text
            assert "adjusted_grant" in explanation and "(decisión)" in explanation and "escala" in explanation
        finally:
            driver.quit()

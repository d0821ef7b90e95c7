from tests.e2e.conftest import assert_no_axe_violations, login


def test_demo_learner_logs_in_and_reaches_learn(page, demo_site):
    login(page, demo_site.url, "learner@example.com")
    assert page.url == f"{demo_site.url}/learn/"
    assert page.locator("h1").inner_text() == "내 학습"


def test_login_by_staff_number_in_browser(page, demo_site):
    login(page, demo_site.url, "20200101")
    assert page.url.endswith("/learn/")


def test_hr_lands_in_admin(page, demo_site):
    login(page, demo_site.url, "hr@example.com")
    assert page.url.endswith("/admin/")


def test_skip_link_is_first_and_reaches_main(page, demo_site):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_axe_home_page(page, demo_site):
    page.goto(demo_site.url + "/")
    assert_no_axe_violations(page)


def test_axe_login_page(page, demo_site):
    page.goto(demo_site.url + "/accounts/login/")
    assert_no_axe_violations(page)


def test_axe_learn_dashboard(page, demo_site):
    login(page, demo_site.url, "learner@example.com")
    assert_no_axe_violations(page)


def test_axe_home_page_in_english(page, demo_site):
    page.goto(demo_site.url + "/")
    page.select_option("#language-select", "en")
    page.locator(".language-switcher button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_axe_violations(page)

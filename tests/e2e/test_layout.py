"""Layout in a real browser, on a phone (390 px) and on a desktop (1280 px, the
admin's menu open): no table is cut off (each fits its container, or scrolls in
its own region with a visible cue), no word in a cell is broken across lines
("PD F"), the page itself never scrolls sideways, the site's Korean web font is
loaded, the favicon is served, and axe-core finds nothing at either width.
Screenshots go to pytest's tmp_path (look at them when a test fails)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from certificates.models import Certificate, Qualification, SupportCategory
from certificates.qualifications.services.review import staff_qualification_submit
from certificates.support.services import (
    claim_draft_create,
    claim_item_add,
    claim_submit,
    claim_update,
)
from certificates.uploads import upload_clean
from courses.models import CoursePage
from courses.services.learning import (
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.certificates.support.claim_fixtures import receipt_png
from tests.certificates.upload_files import png_bytes, upload
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import lessons_of, quiz_of, right_answers

PHONE, DESKTOP = 390, 1280
WIDTHS = (PHONE, DESKTOP)
FONT_FAMILY = "LMS Gothic"

# Every problem of the page's layout, as sentences (an empty list: none).
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} px`);
  }
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  for (const table of [...document.querySelectorAll("main table")].filter(visible)) {
    const name = table.id || table.querySelector("caption")?.textContent.trim().slice(0, 40) || "a table";
    const region = table.closest(".table-scroll");
    if (region) {
      if (region.getAttribute("role") !== "region" || region.tabIndex !== 0
          || !region.getAttribute("aria-labelledby")) {
        problems.push(`${name}: its scroll region is not a named, focusable region`);
      }
      if (region.scrollWidth > region.clientWidth + 1) {
        const cue = region.querySelector(".table-scroll__cue");
        const box = cue && cue.getBoundingClientRect();
        const shown = box && visible(cue) && box.width > 0
          && box.left >= region.getBoundingClientRect().left - 1
          && box.right <= region.getBoundingClientRect().right + 1;
        if (!shown) problems.push(`${name}: cut off, and no visible cue says to slide sideways`);
      }
    } else {
      const box = table.parentElement;
      if (table.getBoundingClientRect().right > box.getBoundingClientRect().right + 1
          || box.scrollWidth > box.clientWidth + 1) {
        problems.push(`${name}: wider than its container, and not in a scroll region`);
      }
    }
    // A word (between spaces, a middle dot or before a bracket) must sit on one line.
    for (const cell of table.querySelectorAll("th, td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!visible(node.parentElement) || node.parentElement.closest(".visually-hidden")) continue;
        for (const match of node.data.matchAll(/\\(?[^\\s·(]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
            .map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push(`${name}: "${match[0]}" is broken across lines`);
        }
      }
    }
  }
  return problems;
}"""

# After the fonts and two frames: the cue's scroll-state query has been applied.
SETTLED = """() => document.fonts.ready.then(() => new Promise(
  (done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""

FONT_LOADED = """(family) => {
  const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === family);
  return faces.some((f) => f.status === "loaded")
    && document.fonts.check(`16px "${family}"`, "한글");
}"""


@pytest.fixture
def learner_records(demo_site):
    """The demo learner completes a course (a completion and a certificate),
    records a qualification and submits an expense claim with two receipts."""
    learner = get_user_model().objects.get(email="learner@example.com")
    course = next(
        c for c in CoursePage.objects.live().order_by("pk") if quiz_of(c) is not None
    )
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz))
    certificate = Certificate.objects.filter(holder=learner).latest("pk")
    staff_qualification_submit(
        user=learner,
        qualification=Qualification.objects.filter(active=True).order_by("pk").first(),
        acquired_on=timezone.localdate() - datetime.timedelta(days=10),
        certificate_number="ADSP-2026-731945",
        evidence=upload_clean(file=upload(png_bytes(), "합격증.png")),
    )
    category = SupportCategory.objects.filter(active=True).order_by("number").first()
    claim = claim_draft_create(
        claimant=learner, category=category, certificate=certificate
    )
    for kind, amount in (("tuition", 120_000), ("textbooks", 25_000)):
        claim_item_add(
            claim=claim,
            kind=kind,
            amount=amount,
            receipt=receipt_png(),
            receipt_content_type="image/png",
            description="생성형 AI 실무 과정 수강료 및 교재비",
        )
    claim_update(claim=claim, category=category, attested=True)
    return claim_submit(claim=claim, actor=learner)


def _some_certificates_expire_soon():
    today = timezone.localdate()
    for days, cert in zip(
        (12, 40, 75), Certificate.objects.filter(revoked_at__isnull=True), strict=False
    ):
        Certificate.objects.filter(pk=cert.pk).update(
            expires_on=today + datetime.timedelta(days=days)
        )


def check_page(page, url: str, *, width: int, shots, name: str) -> list[str]:
    """The page's layout problems at this width (axe-core must find none)."""
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLED)
    page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
    problems = page.evaluate(LAYOUT_PROBLEMS)
    if not page.evaluate(FONT_LOADED, FONT_FAMILY):
        problems.append(f'the web font "{FONT_FAMILY}" is not loaded')
    assert_no_axe_violations(page)
    return [f"{url} at {width} px: {problem}" for problem in problems]


def test_the_learners_pages_fit_a_phone_and_a_desktop(
    page, demo_site, learner_records, tmp_path
):
    base = demo_site.url
    login(page, base, "learner@example.com")
    pages = {
        "learn": "/learn/",
        "certificates": "/learn/certificates/",
        "qualifications": "/learn/qualifications/",
        "claims": "/learn/claims/",
        "claim": f"/learn/claims/{learner_records.pk}/",
        "stats": "/stats/",
    }
    problems = []
    for width in WIDTHS:
        for name, path in pages.items():
            problems += check_page(
                page, base + path, width=width, shots=tmp_path, name=name
            )
    assert problems == [], "\n".join(problems)
    # The records are there: the tables checked above are the real ones.
    page.goto(base + "/learn/certificates/")
    assert page.locator("#certificate-table tbody tr").count() >= 1
    page.goto(base + "/learn/qualifications/")
    assert page.locator("table.table--stack tbody tr").count() == 1


def test_a_phone_shows_each_record_as_a_card_with_its_headers(
    page, demo_site, learner_records
):
    login(page, demo_site.url, "learner@example.com")
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"{demo_site.url}/learn/claims/{learner_records.pk}/")
    row = page.locator("table.table--stack tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    amount = row.locator("td[data-label]").nth(1)
    label = amount.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"금액: "'
    assert "120,000원" in amount.inner_text()


def test_the_hr_dashboard_fits_beside_the_admin_menu(page, demo_site, tmp_path):
    _some_certificates_expire_soon()
    base = demo_site.url
    login(page, base, "hr@example.com")
    problems = []
    for width in WIDTHS:
        problems += check_page(
            page,
            f"{base}/admin/training-dashboard/",
            width=width,
            shots=tmp_path,
            name="hr-dashboard",
        )
        if width == DESKTOP:
            # The menu is open beside the dashboard (Wagtail's default at 1280 px).
            assert page.locator(".sidebar--slim, body.sidebar-collapsed").count() == 0
            assert page.locator(".sidebar").bounding_box()["width"] >= 180
            # At 1280 px nothing needs to scroll: every panel's table fits.
            for region in page.locator(".table-scroll").all():
                assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), (
                    region.get_attribute("aria-labelledby")
                )
                assert not region.locator(".table-scroll__cue").is_visible()
        else:
            cue = page.locator("#panel-compliance .table-scroll__cue")
            assert cue.is_visible()
            assert "옆으로 밀어" in cue.inner_text()
    for table in (
        "compliance-table",
        "missing-table",
        "expiring-table",
        "budget-table",
    ):
        assert page.locator(f"#{table}").count() == 1, table
    assert problems == [], "\n".join(problems)


def test_the_heads_pages_fit_a_phone_and_a_desktop(page, demo_site, tmp_path):
    _some_certificates_expire_soon()
    base = demo_site.url
    login(page, base, "head@example.com")
    pages = {
        "head-dashboard": "/learn/department/",
        "head-claims": "/learn/claims/department/",
    }
    problems = []
    for width in WIDTHS:
        for name, path in pages.items():
            problems += check_page(
                page, base + path, width=width, shots=tmp_path, name=name
            )
    page.goto(f"{base}/learn/department/")
    assert page.locator("#compliance-table").is_visible()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_the_favicon_and_the_font_files_are_served(page, demo_site, path):
    page.goto(demo_site.url + path)
    icons = page.locator('link[rel~="icon"]')
    assert icons.count() >= 2
    types = set()
    for href in [icons.nth(i).get_attribute("href") for i in range(icons.count())]:
        assert "wagtailadmin" not in href  # the site's icon, not Wagtail's
        response = page.request.get(demo_site.url + href)
        assert response.status == 200, href
        types.add(response.headers["content-type"].split(";")[0])
    assert "image/svg+xml" in types
    assert types & {"image/x-icon", "image/vnd.microsoft.icon", "image/png"}
    page.evaluate(SETTLED)
    assert page.evaluate(FONT_LOADED, FONT_FAMILY)

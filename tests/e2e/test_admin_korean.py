"""The admin speaks Korean to HR, the content editor and the auditor.

For each role the browser opens every page of the admin menu (the sidebar's
links, submenus included) and the first row of each listing (its edit or
inspect page), a few listings filtered by a yes/no field, and a revoked
certificate with its history, and collects what a person meets there: the visible text, the
labels read out by screen readers (aria-label, title, placeholder) and the
page title. Nothing may be English, and no value may read True or False.

What may stay in Latin letters is listed below: proper nouns and units
(Wagtail, PDF, AI …), e-mail addresses, URLs, serial numbers, technical
identifiers, and the names the demo data itself carries (qualification names
such as "AWS Certified AI Practitioner"), read from the database.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from certificates.credentials.services.issuing import certificate_revoke
from certificates.models import Certificate, Qualification
from lms.models import AccessKind, AccessLog, ExportLog
from tests.e2e.conftest import login

ROLES = ["hr", "editor", "auditor"]

# Proper nouns, units and abbreviations a Korean admin writes in Latin letters.
ALLOWED_WORDS = {
    "Wagtail", "PDF", "PNG", "ZIP", "XLSX", "xlsx", "CSV", "QR", "AI", "ID",
    "URL", "HTML", "JSON", "Excel", "API", "UTC", "SQL", "OX", "CCTV",
}  # fmt: skip
IGNORED = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"https?://\S+|(?<![\w/])/[\w\-./?=&%]+"),  # URLs and paths
    re.compile(r"\b[A-Z]{2,}-\d{4}-\d{4,}\b"),  # certificate serial numbers
    re.compile(r"\b[A-Z0-9]{4}(-[A-Z0-9]{4}){3,}\b"),  # verification codes
    re.compile(r"\b[a-z]+:\d+\b"),  # record keys (course:12)
    re.compile(r"\b[a-z_]+\.[a-z_]+\b"),  # technical identifiers (app.model)
    re.compile(r"\b[\w-]+\.(xlsx|pdf|png|jpg|zip|csv|hwpx?|docx|pptx)\b", re.I),
]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# How COLLECT marks what is not page text.
PREFIXES = ("aria-label: ", "title: ", "placeholder: ", "<title>: ")
BOOLEAN = re.compile(r"\b(True|False)\b")

COLLECT = r"""
() => {
  const out = [];
  const hidden = el => !el || el.closest('script,style,template,noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.replace(/\s+/g, ' ').trim();
    const el = n.parentElement;
    if (!text || hidden(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (!el.getClientRects().length) continue;
    out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
    if (hidden(el) || el.closest('head')) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(`${name}: ${value}`);
    }
  }
  out.push(`<title>: ${document.title}`);
  return out;
}
"""

# The first row of a listing: its title link (edit or inspect), never a
# download, a menu or a link that leaves the admin.
FIRST_ROW_LINK = r"""
() => {
  const link = document.querySelector(
    'table.listing tbody tr td a[href^="/admin/"]:not([download])'
  );
  return link ? link.getAttribute('href') : null;
}
"""


def _demo_names() -> list[str]:
    """Names from the demo data that are written in Latin letters, longest first
    (so that "AICE Basic" goes before "AICE")."""
    names = set()
    for q in Qualification.objects.all():
        names.update({q.name, q.issuer})
    return sorted((n for n in names if n), key=len, reverse=True)


def _english(text: str, demo_names: list[str]) -> bool:
    for prefix in PREFIXES:
        text = text.removeprefix(prefix)
    for name in demo_names:
        text = text.replace(name, " ")
    for pattern in IGNORED:
        text = pattern.sub(" ", text)
    words = LATIN_WORD.findall(text)
    return any(word not in ALLOWED_WORDS for word in words)


def _problems(texts: list[str], demo_names: list[str]) -> list[str]:
    found = []
    for text in texts:
        if BOOLEAN.search(text) or _english(text, demo_names):
            found.append(text[:160])
    return sorted(set(found))


def _sidebar_urls(page) -> list[str]:
    props = page.evaluate(
        "() => JSON.parse(document.getElementById('wagtail-sidebar-props').textContent)"
    )
    urls = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str):
                    urls.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return sorted(u for u in urls if u.startswith("/admin/") and "logout" not in u)


@pytest.fixture
def admin_records(demo_site):
    """What the logs and the registry hold once people have worked: a full and a
    masked export, a file opened by someone else and by its owner, a revoked
    certificate (with its history)."""
    hr = get_user_model().objects.get(email="hr@example.com")
    ExportLog.objects.create(
        user=hr,
        roster="claims",
        filters={"year": 2026, "department": "D01"},
        masked=False,
        reason="감사 자료 제출",
        row_count=3,
    )
    ExportLog.objects.create(
        user=hr, roster="certificate-registry", masked=True, row_count=9
    )
    certificate = Certificate.objects.order_by("pk").first()
    holder = certificate.holder
    for own, user in ((False, hr), (True, holder)):
        AccessLog.objects.create(
            user=user,
            kind=AccessKind.CERTIFICATE_PDF,
            subject=holder,
            own=own,
            object_id=str(certificate.pk),
        )
    certificate_revoke(certificate=certificate, actor=hr, reason="발급 오류")
    return {"certificate": certificate}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_of_the_role_is_korean(page, demo_site, admin_records, role):
    base = demo_site.url
    demo_names = _demo_names()
    visited, problems = [], {}

    def check(url) -> bool:
        response = page.goto(f"{base}{url}")
        page.wait_for_load_state("networkidle")
        status = response.status if response else 0
        visited.append(f"{url} ({status})")
        found = [f"HTTP {status}"] if status >= 400 else []
        found = found or _problems(page.evaluate(COLLECT), demo_names)
        if found:
            problems[url] = found
        return status < 400

    check("/admin/login/")  # the admin's own login page, before logging in
    login(page, base, f"{role}@example.com")
    page.goto(f"{base}/admin/")
    urls = ["/admin/", *_sidebar_urls(page)]
    if role in ("hr", "auditor"):
        pk = admin_records["certificate"].pk
        urls += [
            f"/admin/certificates/registry/inspect/{pk}/",
            f"/admin/certificates/registry/history/{pk}/",
            # Filtered by a yes/no field: the chip above the list says 예/아니요.
            "/admin/departments/?active=true",
            "/admin/export_log/?masked=false",
            "/admin/access_log/?own=true",
        ]
    queue = list(dict.fromkeys(urls))
    listings, seen = set(queue), set(queue)
    while queue:
        url = queue.pop(0)
        if check(url) and url in listings:
            row = page.evaluate(FIRST_ROW_LINK)
            if row and row not in seen:
                seen.add(row)
                queue.append(row)
    assert len(visited) > 5, visited
    assert problems == {}, (
        f"{role}: English or True/False on {len(problems)} of {len(visited)} "
        f"pages visited ({', '.join(visited)}):\n"
        + "\n".join(f"{url}: {texts}" for url, texts in problems.items())
    )

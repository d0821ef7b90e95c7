"""Demo expense support (fixtures/support.json): this year's policy, budgets
and a few claims in different states, made through the services."""

import io
import json
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from certificates.credentials.models import Certificate, CertificateKind
from certificates.qualifications.constants import QUALIFICATION_CATALOGUE
from certificates.qualifications.models import Qualification
from certificates.support.constants import SUPPORT_CATEGORIES
from certificates.support.models import (
    Budget,
    ExpenseClaim,
    SupportCategory,
    SupportPolicy,
)
from certificates.support.services import (
    claim_approve,
    claim_draft_create,
    claim_item_add,
    claim_return,
    claim_submit,
    claim_update,
)
from lms.app_settings import app_settings
from lms.models import StaffProfile, User


def _fixture() -> dict:
    path = app_settings.FIXTURES_DIR / "support.json"
    return json.loads(path.read_text(encoding="utf-8"))


def demo_receipt(text: str) -> ContentFile:
    """A plain receipt image made on the spot (no personal data)."""
    image = Image.new("RGB", (360, 200), "white")
    ImageDraw.Draw(image).text((16, 16), f"RECEIPT / {text}", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="receipt.png")


@transaction.atomic
def load_support(*, log) -> Counter:
    counts: Counter = Counter()
    year = timezone.localdate().year
    _, created = SupportPolicy.objects.get_or_create(fiscal_year=year)
    counts["policy created" if created else "policy unchanged"] += 1
    data = _fixture()
    categories = _categories_ensure()
    for row in data["budgets"]:
        _, created = Budget.objects.get_or_create(
            fiscal_year=year,
            category=categories[row["category"]],
            department=None,
            defaults={"allocated": row["allocated"], "note": row["note"]},
        )
        counts["budgets created" if created else "budgets unchanged"] += 1
    hr = User.objects.filter(email="hr@example.com").first()
    for row in data["claims"]:
        counts[_claim_load(row, categories=categories, hr=hr, year=year)] += 1
    log("support: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return counts


def _categories_ensure() -> dict[int, SupportCategory]:
    """The migration's rows, again if a test emptied the tables since."""
    for number, name, code in SUPPORT_CATEGORIES:
        SupportCategory.objects.get_or_create(
            number=number, defaults={"name": name, "budget_item_code": code}
        )
    for name, issuer, kind in QUALIFICATION_CATALOGUE:
        Qualification.objects.get_or_create(
            name=name, defaults={"issuer": issuer, "kind": kind}
        )
    return {c.number: c for c in SupportCategory.objects.all()}


def _claim_load(row: dict, *, categories, hr, year: int) -> str:
    profile = (
        StaffProfile.objects.select_related("user")
        .filter(staff_number=row["staff_number"])
        .first()
    )
    if profile is None:
        return "claims skipped (staff missing)"
    if ExpenseClaim.objects.filter(claimant=profile.user, fiscal_year=year).exists():
        return "claims unchanged"
    certificate = (
        Certificate.objects.valid()
        .filter(holder=profile.user, kind=CertificateKind.CURRICULUM)
        .first()
    )
    if certificate is None:
        return "claims skipped (no certificate)"
    claim = claim_draft_create(
        claimant=profile.user,
        category=categories[row["category"]],
        certificate=certificate,
    )
    for kind, amount, description in row["items"]:
        claim_item_add(
            claim=claim,
            kind=kind,
            amount=amount,
            description=description,
            receipt=demo_receipt(description),
            receipt_content_type="image/png",
        )
    claim_update(claim=claim, category=claim.category, attested=True)
    claim = claim_submit(claim=claim, actor=profile.user)
    if row["decision"] == "approve" and hr is not None:
        claim_approve(claim=claim, approver=hr)
    elif row["decision"] == "return" and hr is not None:
        claim_return(claim=claim, actor=hr, reason="영수증의 결제일이 보이지 않습니다.")
    return "claims created"

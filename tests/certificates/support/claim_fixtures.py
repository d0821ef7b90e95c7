"""Builders for expense-claim tests (plain functions, usable from threads)."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from certificates.credentials.services.issuing import certificate_issue_for_completion
from certificates.models import Budget, SupportCategory, SupportPolicy
from certificates.support.services import (
    claim_draft_create,
    claim_item_add,
    claim_submit,
    claim_update,
)

YEAR = timezone.localdate().year


def receipt_png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="receipt.png")


def policy(**overrides) -> SupportPolicy:
    return SupportPolicy.objects.create(fiscal_year=YEAR, **overrides)


def category(number: int = 1) -> SupportCategory:
    # Transactional tests empty the tables that the data migration filled.
    return SupportCategory.objects.get_or_create(
        number=number, defaults={"name": f"지원 사업 {number}"}
    )[0]


def budget(allocated: int, *, number: int = 1, department=None) -> Budget:
    return Budget.objects.create(
        fiscal_year=YEAR,
        category=category(number),
        department=department,
        allocated=allocated,
    )


_completion = {"n": 10_000}


def certificate_for(user):
    _completion["n"] += 1
    return certificate_issue_for_completion(
        completion_id=_completion["n"],
        holder=user,
        course_key=f"course:{_completion['n']}",
        course_title="생성형 AI 실무",
        topics=[("14-2-1", "인공지능 기본 개념")],
        recognised_hours=Decimal("4"),
        completed_on=timezone.localdate(),
        validity_months=None,
        cycle_year=YEAR,
    )


def submitted_claim(user, *, amounts=(("tuition", 100_000),), number: int = 1):
    claim = claim_draft_create(
        claimant=user,
        category=category(number),
        certificate=certificate_for(user),
    )
    for kind, amount in amounts:
        claim_item_add(
            claim=claim,
            kind=kind,
            amount=amount,
            receipt=receipt_png(),
            receipt_content_type="image/png",
        )
    claim_update(claim=claim, category=claim.category, attested=True)
    return claim_submit(claim=claim, actor=user)

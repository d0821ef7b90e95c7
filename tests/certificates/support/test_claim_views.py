"""The claimant's and the department head's pages of expense support (Art. 15④)."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from certificates.credentials.services.issuing import certificate_issue_for_completion
from certificates.models import (
    Budget,
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
    Qualification,
    QualificationStatus,
    StaffQualification,
    SupportCategory,
    SupportPolicy,
)
from certificates.support.forms import ClaimItemForm, WonField
from certificates.support.services import (
    claim_draft_create,
    claim_item_add,
    claim_submit,
    claim_update,
)
from lms.models import Department
from lms.roles import GROUP_NAMES, roles_sync
from lms.services.staff import department_save

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
_completion = {"n": 50_000}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def receipt_upload(name="receipt.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def certificate_for(user, **overrides):
    _completion["n"] += 1
    fields = {
        "completion_id": _completion["n"],
        "holder": user,
        "course_key": f"course:{_completion['n']}",
        "course_title": "생성형 AI 실무",
        "topics": [("14-2-1", "인공지능 기본 개념")],
        "recognised_hours": Decimal("4"),
        "completed_on": timezone.localdate(),
        "validity_months": None,
        "cycle_year": YEAR,
    }
    fields.update(overrides)
    return certificate_issue_for_completion(**fields)


def submitted_claim(user, amount=100_000, kind="tuition"):
    claim = claim_draft_create(
        claimant=user,
        category=SupportCategory.objects.get(number=1),
        certificate=certificate_for(user),
    )
    claim_item_add(
        claim=claim,
        kind=kind,
        amount=amount,
        receipt=receipt_upload(),
        receipt_content_type="image/png",
    )
    claim_update(claim=claim, category=claim.category, attested=True)
    return claim_submit(claim=claim, actor=user)


def join(user, role: str):
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))


@pytest.fixture
def rules(db):
    # The post-migrate sync of role permissions does not run in a fresh test
    # database (lms/roles.py waits for the last app, which has no models).
    roles_sync()
    SupportPolicy.objects.create(fiscal_year=YEAR)
    return Budget.objects.create(
        fiscal_year=YEAR,
        category=SupportCategory.objects.get(number=1),
        allocated=1_000_000,
    )


def _claim_url(claim, suffix=""):
    return reverse("learner_claim_detail", args=[claim.pk]) + suffix


def test_learner_drafts_fixes_submits_and_withdraws(client, rules, learner):
    certificate = certificate_for(learner)
    category = SupportCategory.objects.get(number=1)
    client.force_login(learner)

    response = client.post(
        reverse("learner_claim_new"),
        {"basis": f"certificate:{certificate.pk}", "category": category.pk},
    )
    claim = ExpenseClaim.objects.get(claimant=learner)
    assert response.status_code == 302 and response.url == _claim_url(claim)
    assert claim.status == ClaimStatus.DRAFT and claim.certificate == certificate

    # Over the exam-fee cap (100,000) and not attested: two reasons, shown.
    response = client.post(
        _claim_url(claim, "items/"),
        {
            "item-kind": "exam_fee",
            "item-amount": "120,000",
            "item-description": "ADsP",
            "item-receipt": receipt_upload(),
        },
    )
    assert response.status_code == 302
    item = ClaimItem.objects.get(claim=claim)
    assert item.amount == 120_000 and item.receipt_content_type == "image/png"
    response = client.get(_claim_url(claim))
    eligibility = response.context["eligibility"]
    assert not eligibility.eligible and len(eligibility.problems) == 2
    content = response.content.decode()
    for problem in eligibility.problems:
        assert escape(problem) in content
    assert "120,000" in eligibility.problems[0]
    assert response.context["budget_has_room"] is True

    # Submitting is refused with the reasons; the attestation is kept.
    response = client.post(
        _claim_url(claim, "save/"),
        {"category": category.pk, "attested": "on", "submit": ""},
    )
    assert response.status_code == 400
    assert response.context["details_form"].non_field_errors()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT and claim.attested_no_other_funding

    # Fix: replace the expense with one within the cap, then submit.
    client.post(_claim_url(claim, f"items/{item.pk}/remove/"))
    assert not ClaimItem.objects.filter(pk=item.pk).exists()
    client.post(
        _claim_url(claim, "items/"),
        {
            "item-kind": "exam_fee",
            "item-amount": "100000",
            "item-receipt": receipt_upload(),
        },
    )
    assert client.get(_claim_url(claim)).context["eligibility"].eligible
    response = client.post(
        _claim_url(claim, "save/"),
        {"category": category.pk, "attested": "on", "submit": ""},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.amount_requested == 100_000

    # Read-only now: no forms, and a posted expense changes nothing.
    response = client.get(_claim_url(claim))
    assert response.context["editable"] is False
    assert "item_form" not in response.context
    assert response.context["withdrawable"] is True
    client.post(
        _claim_url(claim, "items/"),
        {
            "item-kind": "textbooks",
            "item-amount": "10000",
            "item-receipt": receipt_upload(),
        },
    )
    assert claim.items.count() == 1

    response = client.post(_claim_url(claim, "withdraw/"))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.WITHDRAWN
    history = client.get(_claim_url(claim)).context["history"]
    assert [row.to_label for row in history] == [
        str(ClaimStatus.SUBMITTED.label),
        str(ClaimStatus.WITHDRAWN.label),
    ]


def test_returned_claim_shows_the_reason_and_hides_the_officers_name(
    client, rules, learner, make_staff
):
    from certificates.support.services import claim_return

    hr = make_staff(name="담당관").user
    join(hr, "hr")
    claim = submitted_claim(learner)
    claim_return(claim=claim, actor=hr, reason="영수증이 흐립니다")
    client.force_login(learner)
    response = client.get(_claim_url(claim))
    assert response.context["editable"] is True
    assert response.context["last_return"].reason == "영수증이 흐립니다"
    content = response.content.decode()
    assert "영수증이 흐립니다" in content
    assert "담당관" not in content


def test_list_shows_my_claims_and_the_yearly_cap(client, rules, learner, make_staff):
    mine = submitted_claim(learner)
    other = submitted_claim(make_staff().user)
    client.force_login(learner)
    response = client.get(reverse("learner_claims"))
    assert response.status_code == 200
    assert list(response.context["claims"]) == [mine]
    assert other not in response.context["claims"]
    assert response.context["cap"].remaining == 500_000
    assert response.context["is_head"] is False


def test_someone_elses_claim_and_receipt_are_404(client, rules, learner, make_staff):
    claim = submitted_claim(learner)
    item = claim.items.get()
    stranger = make_staff().user
    client.force_login(stranger)
    receipt = _claim_url(claim, f"items/{item.pk}/receipt/")
    assert client.get(_claim_url(claim)).status_code == 404
    assert client.get(receipt).status_code == 404
    assert client.post(_claim_url(claim, "withdraw/")).status_code == 404
    assert client.post(_claim_url(claim, f"items/{item.pk}/remove/")).status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.items.count() == 1

    client.force_login(learner)
    response = client.get(receipt)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_receipts_open_to_hr_auditor_and_the_department_head(
    client, rules, learner, make_staff
):
    claim = submitted_claim(learner)
    url = _claim_url(claim, f"items/{claim.items.get().pk}/receipt/")
    other_department = department_save(
        department=Department(code="T200", name="다른과", kind="division"),
        parent=None,
    )
    head = make_staff().user
    join(head, "head")
    other_head = make_staff(department=other_department).user
    join(other_head, "head")
    hr, auditor = make_staff().user, make_staff().user
    join(hr, "hr")
    join(auditor, "auditor")
    for user, status in ((head, 200), (hr, 200), (auditor, 200), (other_head, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_basis_choices_are_my_valid_records_only(client, rules, learner, make_staff):
    mine = certificate_for(learner)
    revoked = certificate_for(learner)
    revoked.revoked_at = timezone.now()
    revoked.save()
    qualification = Qualification.objects.first()
    verified = StaffQualification.objects.create(
        user=learner,
        qualification=qualification,
        acquired_on=timezone.localdate(),
        certificate_number="A-1",
        status=QualificationStatus.VERIFIED,
    )
    pending = StaffQualification.objects.create(
        user=learner,
        qualification=qualification,
        acquired_on=timezone.localdate(),
        certificate_number="A-2",
    )
    theirs = certificate_for(make_staff().user)
    client.force_login(learner)
    response = client.get(reverse("learner_claim_new"))
    values = {
        value for value, _label in response.context["form"].fields["basis"].choices
    }
    assert values == {f"certificate:{mine.pk}", f"qualification:{verified.pk}"}
    assert f"qualification:{pending.pk}" not in values

    category = SupportCategory.objects.get(number=1)
    for posted in (f"certificate:{theirs.pk}", f"certificate:{revoked.pk}", "x:1", ""):
        response = client.post(
            reverse("learner_claim_new"), {"basis": posted, "category": category.pk}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["basis"]
    assert not ExpenseClaim.objects.exists()

    response = client.post(
        reverse("learner_claim_new"),
        {"basis": f"qualification:{verified.pk}", "category": category.pk},
    )
    assert response.status_code == 302
    assert ExpenseClaim.objects.get().qualification == verified


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("120,000", 120_000), ("1,234,000원", 1_234_000), (" 50000 ", 50_000), ("7", 7)],
)
def test_amounts_are_whole_won_with_or_without_commas(typed, expected):
    assert WonField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["0", "-5", "12.5", "abc", "", "1,,0,0원원"])
def test_bad_amounts_are_form_errors(typed):
    form = ClaimItemForm(
        {"item-kind": "tuition", "item-amount": typed},
        {"item-receipt": receipt_upload()},
        prefix="item",
    )
    assert not form.is_valid() and "amount" in form.errors


def test_bad_item_input_is_a_form_error_not_a_500(client, rules, learner):
    claim = claim_draft_create(
        claimant=learner,
        category=SupportCategory.objects.get(number=1),
        certificate=certificate_for(learner),
    )
    client.force_login(learner)
    fake = SimpleUploadedFile("receipt.png", b"<svg></svg>", content_type="image/png")
    response = client.post(
        _claim_url(claim, "items/"),
        {"item-kind": "nonsense", "item-amount": "abc", "item-receipt": fake},
    )
    assert response.status_code == 400
    assert set(response.context["item_form"].errors) == {"kind", "amount", "receipt"}
    assert not claim.items.exists()
    assert client.get(_claim_url(claim, "withdraw/")).status_code == 405


@pytest.fixture
def head_setup(rules, make_staff, department):
    head = make_staff(name="부서장님").user
    join(head, "head")
    below = department_save(
        department=Department(code="T110", name="시험팀", kind="team"),
        parent=department,
    )
    elsewhere = department_save(
        department=Department(code="T300", name="먼과", kind="division"), parent=None
    )
    return {
        "head": head,
        "mine": submitted_claim(make_staff(department=below).user),
        "foreign": submitted_claim(make_staff(department=elsewhere).user),
        "own": submitted_claim(head),
    }


def test_head_confirms_claims_of_their_department_only(client, head_setup):
    head, mine = head_setup["head"], head_setup["mine"]
    foreign, own = head_setup["foreign"], head_setup["own"]
    client.force_login(head)
    response = client.get(reverse("head_claims"))
    assert response.status_code == 200
    assert set(response.context["claims"]) == {mine, own}

    assert client.post(reverse("head_claim_confirm", args=[mine.pk])).status_code == 302
    assert (
        client.post(reverse("head_claim_confirm", args=[foreign.pk])).status_code == 404
    )
    response = client.post(reverse("head_claim_confirm", args=[own.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    for claim in (mine, foreign, own):
        claim.refresh_from_db()
    assert mine.status == ClaimStatus.CONFIRMED
    assert foreign.status == own.status == ClaimStatus.SUBMITTED


def test_head_returns_with_a_reason_only(client, head_setup):
    claim = head_setup["mine"]
    client.force_login(head_setup["head"])
    url = reverse("head_claim_return", args=[claim.pk])
    client.post(url, {"reason": "  "})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    client.post(url, {"reason": "교육 일정 확인 필요"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED
    assert claim.events.last().reason == "교육 일정 확인 필요"


def test_only_heads_see_the_department_queue(client, learner):
    client.force_login(learner)
    assert client.get(reverse("head_claims")).status_code == 404
    client.logout()
    assert client.get(reverse("head_claims")).status_code == 302

"""HR's claim queue, decisions and budgets in the Wagtail admin; the auditor
reads the same pages without acting."""

import pytest
from django.core import mail

from certificates.models import Budget, ClaimStatus, SupportCategory, SupportPolicy
from certificates.support.services import (
    claim_approve,
    claim_draft_create,
    claim_head_confirm,
)
from lms.roles import roles_sync
from tests.certificates.support.test_claim_views import (
    YEAR,
    certificate_for,
    join,
    submitted_claim,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/expense_claims/"


def detail(claim) -> str:
    return f"{QUEUE}inspect/{claim.pk}/"


@pytest.fixture
def budget(db):
    roles_sync()
    SupportPolicy.objects.create(fiscal_year=YEAR)
    return Budget.objects.create(
        fiscal_year=YEAR,
        category=SupportCategory.objects.get(number=1),
        allocated=1_000_000,
    )


@pytest.fixture
def people(budget, make_staff):
    users = {}
    for role in ("hr", "auditor", "editor", "learner"):
        users[role] = make_staff().user
        if role != "learner":
            join(users[role], role)
    users["claimant"] = make_staff(email="claimant@example.com").user
    return users


@pytest.fixture
def claim(people):
    return submitted_claim(people["claimant"], amount=100_000)


def _decide(client, claim, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(detail(claim), data)


def test_queue_shows_claims_awaiting_a_decision(client, people, claim):
    draft = claim_draft_create(
        claimant=people["claimant"],
        category=SupportCategory.objects.get(number=1),
        certificate=certificate_for(people["claimant"]),
    )
    client.force_login(people["hr"])
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [claim]
    content = response.content.decode()
    assert people["claimant"].staff_profile.staff_number in content

    response = client.get(QUEUE, {"status": "all"})
    assert set(response.context["object_list"]) == {claim, draft}
    response = client.get(QUEUE, {"status": "draft", "fiscal_year": YEAR})
    assert list(response.context["object_list"]) == [draft]
    department = people["claimant"].staff_profile.department
    response = client.get(QUEUE, {"department": department.pk})
    assert list(response.context["object_list"]) == [claim]
    other_category = SupportCategory.objects.get(number=2)
    response = client.get(QUEUE, {"category": other_category.pk})
    assert list(response.context["object_list"]) == []


def test_hr_approves_in_part_and_the_claimant_is_told(
    client, people, claim, budget, django_capture_on_commit_callbacks
):
    client.force_login(people["hr"])
    response = client.get(detail(claim))
    assert response.status_code == 200
    assert response.context["forms"]["approve"]["amount"].value() == 100_000
    assert response.context["eligibility"].eligible
    assert response.context["budget"] == budget

    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            client, claim, "approve", amount="60,000", reason="교재비 일부 불인정"
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    budget.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.amount_approved == 60_000
    assert budget.approved == 60_000 and budget.remaining == 940_000
    assert [m.to for m in mail.outbox] == [["claimant@example.com"]]
    assert str(claim.pk) in mail.outbox[0].body

    # Never above the request.
    other = submitted_claim(people["claimant"], amount=50_000)
    response = _decide(client, other, "approve", amount="50,001")
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.status == ClaimStatus.SUBMITTED


def test_approval_over_the_remaining_budget_changes_nothing(
    client, people, claim, budget
):
    budget.allocated = 50_000
    budget.save()
    client.force_login(people["hr"])
    assert client.get(detail(claim)).context["budget_has_room"] is False
    response = _decide(client, claim, "approve", amount="100000")
    assert response.status_code == 400
    assert response.context["forms"]["approve"].non_field_errors()
    claim.refresh_from_db()
    budget.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.amount_approved is None
    assert budget.approved == 0
    assert claim.events.count() == 1


@pytest.mark.parametrize(
    ("action", "status"),
    [("return", ClaimStatus.RETURNED), ("reject", ClaimStatus.REJECTED)],
)
def test_return_and_reject_need_a_reason(client, people, claim, action, status):
    client.force_login(people["hr"])
    response = _decide(client, claim, action, reason="   ")
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    response = _decide(client, claim, action, reason="증빙 불충분")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == status
    assert claim.events.last().reason == "증빙 불충분"


def test_payment_requested_then_paid_with_a_reference(client, people, claim, budget):
    claim_approve(claim=claim, approver=people["hr"])
    client.force_login(people["hr"])
    assert _decide(client, claim, "payment_request", reference="").status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAYMENT_REQUESTED

    assert _decide(client, claim, "paid", reference=" ").status_code == 400
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAYMENT_REQUESTED
    assert _decide(client, claim, "paid", reference="지출-2026-0042").status_code == 302
    claim.refresh_from_db()
    budget.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert claim.payment_reference == "지출-2026-0042"
    assert budget.paid == budget.approved == 100_000
    # Paid is final: no decision is offered and a posted one is refused.
    assert client.get(detail(claim)).context["forms"] == {}
    _decide(client, claim, "cancel", reason="실수")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_reduce_then_cancel_an_approval_gives_the_money_back(
    client, people, claim, budget
):
    claim_approve(claim=claim, approver=people["hr"])
    client.force_login(people["hr"])
    assert (
        _decide(client, claim, "reduce", amount="70,000", reason="").status_code == 400
    )
    assert (
        _decide(client, claim, "reduce", amount="70,000", reason="중복 지원 확인")
    ).status_code == 302
    budget.refresh_from_db()
    assert budget.approved == 70_000
    assert _decide(client, claim, "cancel", reason="자격 취소").status_code == 302
    claim.refresh_from_db()
    budget.refresh_from_db()
    assert claim.status == ClaimStatus.CANCELLED and budget.approved == 0


def test_head_confirmation_required_is_respected(client, people, claim, make_staff):
    SupportPolicy.objects.filter(fiscal_year=YEAR).update(
        head_confirmation_required=True
    )
    client.force_login(people["hr"])
    response = _decide(client, claim, "approve", amount="100000")
    assert response.status_code == 400
    head = make_staff().user
    join(head, "head")
    claim_head_confirm(claim=claim, head=head)
    assert _decide(client, claim, "approve", amount="100000").status_code == 302


def test_auditor_reads_but_cannot_decide(client, people, claim):
    client.force_login(people["auditor"])
    assert list(client.get(QUEUE).context["object_list"]) == [claim]
    response = client.get(detail(claim))
    assert response.status_code == 200
    assert response.context["forms"] == {}
    assert b'name="action"' not in response.content
    response = _decide(client, claim, "approve", amount="100000")
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


@pytest.mark.parametrize("role", ["editor", "learner"])
def test_learners_and_editors_cannot_open_the_queue(client, people, claim, role):
    client.force_login(people[role])
    for url in (QUEUE, detail(claim), "/admin/expense_budgets/"):
        assert client.get(url).status_code in (302, 403), url
    _decide(client, claim, "approve", amount="100000")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_nobody_edits_or_deletes_claims_in_the_admin(client, people, claim, admin_user):
    client.force_login(admin_user)
    assert client.get(f"{QUEUE}edit/{claim.pk}/").status_code in (302, 403)
    assert client.post(f"{QUEUE}delete/{claim.pk}/").status_code in (302, 403)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def _budget_data(budget, **overrides):
    data = {
        "fiscal_year": budget.fiscal_year,
        "category": budget.category_id,
        "department": budget.department_id or "",
        "allocated": budget.allocated,
        "note": "",
    }
    data.update(overrides)
    return data


def test_budget_cannot_go_below_what_is_approved(client, people, claim, budget):
    claim_approve(claim=claim, approver=people["hr"])
    client.force_login(people["hr"])
    url = f"/admin/expense_budgets/edit/{budget.pk}/"
    response = client.post(url, _budget_data(budget, allocated=99_999))
    assert response.status_code == 200
    assert "allocated" in response.context["form"].errors
    budget.refresh_from_db()
    assert budget.allocated == 1_000_000

    response = client.post(url, _budget_data(budget, allocated=100_000, approved=0))
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.allocated == 100_000 and budget.approved == 100_000


def test_budget_once_per_year_and_category(client, people, budget):
    client.force_login(people["hr"])
    response = client.post("/admin/expense_budgets/new/", _budget_data(budget))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Budget.objects.count() == 1
    response = client.post(
        "/admin/expense_budgets/new/",
        _budget_data(budget, category=SupportCategory.objects.get(number=2).pk),
    )
    assert response.status_code == 302
    assert Budget.objects.count() == 2


def test_auditor_views_budgets_and_policies_read_only(client, people, budget):
    client.force_login(people["auditor"])
    response = client.get("/admin/expense_budgets/")
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [budget]
    assert client.get("/admin/expense_policies/").status_code == 200
    assert client.get(f"/admin/expense_budgets/inspect/{budget.pk}/").status_code == 200
    for url in (
        "/admin/expense_budgets/new/",
        f"/admin/expense_budgets/edit/{budget.pk}/",
        f"/admin/expense_budgets/delete/{budget.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url


def test_categories_are_edited_never_added_or_deleted(client, people, admin_user):
    category = SupportCategory.objects.get(number=1)
    client.force_login(people["hr"])
    url = f"/admin/expense_categories/edit/{category.pk}/"
    response = client.post(
        url, {"name": category.name, "budget_item_code": "201-01", "active": "on"}
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.budget_item_code == "201-01"
    client.force_login(admin_user)
    assert client.get("/admin/expense_categories/new/").status_code in (302, 403)
    assert client.post(
        f"/admin/expense_categories/delete/{category.pk}/"
    ).status_code in (
        302,
        403,
    )
    assert SupportCategory.objects.filter(pk=category.pk).exists()


def test_expense_support_menu_for_hr_and_auditor_only(client, people):
    for role, shown in (("hr", True), ("auditor", True), ("editor", False)):
        client.force_login(people[role])
        content = client.get("/admin/").content.decode()
        assert ("expense-support" in content) is shown, role
        assert ("/admin/expense_claims/" in content) is shown, role
        assert ("/admin/expense_budgets/" in content) is shown, role

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.credentials.services.issuing import certificate_revoke
from certificates.models import (
    Budget,
    ClaimEvent,
    ClaimStatus,
    ExpenseClaim,
    SupportCategory,
)
from certificates.support.eligibility import (
    ClaimFacts,
    PolicyTerms,
    eligibility_evaluate,
)
from certificates.support.services import (
    BUDGET_EXHAUSTED,
    HEAD_CONFIRMATION_NEEDED,
    NOT_EDITABLE,
    REASON_REQUIRED,
    ClaimError,
    claim_approval_cancel,
    claim_approval_reduce,
    claim_approve,
    claim_draft_create,
    claim_eligibility,
    claim_head_confirm,
    claim_item_add,
    claim_mark_paid,
    claim_payment_request,
    claim_reject,
    claim_return,
    claim_submit,
    claim_update,
    claim_withdraw,
)
from certificates.support.services.events import claim_events_verify
from lms.models import AppendOnlyError, Department
from lms.services.staff import department_save
from tests.certificates.support.claim_fixtures import (
    budget,
    certificate_for,
    policy,
    receipt_png,
    submitted_claim,
)
from tests.conftest import with_role

# --- Eligibility rules as a pure function (property-based) ---------------------

TODAY = datetime.date(2026, 6, 1)
kinds = st.sampled_from(["exam_fee", "tuition", "textbooks", "travel"])
items = st.lists(st.tuples(kinds, st.integers(1, 400_000)), max_size=5)


@st.composite
def facts(draw):
    return ClaimFacts(
        basis_kind=draw(st.sampled_from(["certificate", "qualification"])),
        basis_valid=draw(st.booleans()),
        basis_date=TODAY - datetime.timedelta(days=draw(st.integers(0, 200))),
        items=tuple(draw(items)),
        attested=draw(st.booleans()),
        basis_supported_before=draw(st.booleans()),
        basis_pending_elsewhere=draw(st.booleans()),
        used_this_year=draw(st.integers(0, 700_000)),
        today=TODAY,
    )


@given(facts=facts())
def test_eligible_exactly_when_every_rule_holds(facts):
    terms = PolicyTerms()
    result = eligibility_evaluate(terms=terms, facts=facts)
    totals = {}
    for kind, amount in facts.items:
        totals[kind] = totals.get(kind, 0) + amount
    remaining = max(terms.annual_cap - facts.used_this_year, 0)
    expected = (
        facts.basis_valid
        and (TODAY - facts.basis_date).days <= terms.deadline_days
        and not facts.basis_supported_before
        and not facts.basis_pending_elsewhere
        and bool(facts.items)
        and all(total <= terms.item_caps[kind] for kind, total in totals.items())
        and sum(totals.values()) <= remaining
        and facts.attested
    )
    assert result.eligible == expected
    assert result.annual_remaining == remaining
    # Never eligible for more than the yearly cap allows.
    if result.eligible:
        assert facts.used_this_year + result.requested <= terms.annual_cap


def test_the_reasons_name_the_rule_and_the_figures():
    facts = ClaimFacts(
        basis_kind="qualification",
        basis_valid=True,
        basis_date=TODAY,
        items=(("exam_fee", 150_000),),
        attested=True,
        basis_supported_before=True,
        basis_pending_elsewhere=False,
        used_this_year=380_000,
        today=TODAY,
    )
    problems = eligibility_evaluate(terms=PolicyTerms(), facts=facts).problems
    text = " ".join(problems)
    assert "120,000" in text and "500,000" in text  # yearly cap left of cap
    assert "100,000" in text and "150,000" in text  # item cap and claim
    assert len(problems) == 3  # supported before, item cap, yearly cap


def test_without_a_policy_nothing_is_eligible():
    facts = ClaimFacts(
        "certificate", True, TODAY, (("tuition", 1),), True, False, False, 0, TODAY
    )
    assert not eligibility_evaluate(terms=None, facts=facts).eligible


# --- The state machine against the database ---------------------------------------


@pytest.mark.django_db
def test_a_claim_from_draft_to_paid_keeps_the_budget_and_the_trail(
    learner, hr, django_capture_on_commit_callbacks
):
    policy()
    money = budget(1_000_000)
    claim = submitted_claim(
        learner, amounts=[("tuition", 200_000), ("textbooks", 30_000)]
    )
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.amount_requested == 230_000

    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_approve(
            claim=claim, approver=hr, amount=180_000, reason="교재비 일부"
        )
    money.refresh_from_db()
    assert (claim.status, claim.amount_approved, money.approved) == (
        ClaimStatus.APPROVED,
        180_000,
        180_000,
    )
    assert mail.outbox and learner.email in mail.outbox[-1].to
    assert "180,000" in mail.outbox[-1].body

    claim = claim_approval_reduce(
        claim=claim, actor=hr, amount=150_000, reason="영수증 금액 정정"
    )
    money.refresh_from_db()
    assert money.approved == 150_000 and money.remaining == 850_000

    claim = claim_payment_request(claim=claim, actor=hr, reference="e호조-2026-0001")
    with pytest.raises(ClaimError) as missing:
        claim_mark_paid(claim=claim, actor=hr, reference=" ")
    assert "finance" in str(missing.value) or "재정" in str(missing.value)
    claim = claim_mark_paid(claim=claim, actor=hr, reference="e호조-2026-0001")
    money.refresh_from_db()
    assert claim.status == ClaimStatus.PAID and money.paid == 150_000

    trail = list(claim.events.values_list("from_status", "to_status", "amount"))
    assert trail == [
        ("draft", "submitted", 230_000),
        ("submitted", "approved", 180_000),
        ("approved", "approved", 150_000),
        ("approved", "payment_requested", 150_000),
        ("payment_requested", "paid", 150_000),
    ]
    assert claim_events_verify().intact


@pytest.mark.django_db
def test_approval_never_passes_the_budget_and_changes_nothing_when_it_would(
    learner, hr, make_staff
):
    policy()
    money = budget(150_000)
    first = submitted_claim(learner, amounts=[("tuition", 100_000)])
    second = submitted_claim(make_staff().user, amounts=[("tuition", 100_000)])
    claim_approve(claim=first, approver=hr)
    with pytest.raises(ClaimError) as refused:
        claim_approve(claim=second, approver=hr)
    assert str(refused.value) == BUDGET_EXHAUSTED % {
        "remaining": "50,000원" if "원" in str(refused.value) else "50,000 won",
        "amount": "100,000원" if "원" in str(refused.value) else "100,000 won",
    }
    second.refresh_from_db()
    money.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED and second.amount_approved is None
    assert money.approved == 100_000
    assert second.events.count() == 1
    # A part that fits is fine.
    claim_approve(claim=second, approver=hr, amount=50_000)
    money.refresh_from_db()
    assert money.approved == money.allocated == 150_000


@pytest.mark.django_db
def test_cancelling_an_approval_gives_the_money_back(learner, hr):
    policy()
    money = budget(500_000)
    claim = claim_approve(claim=submitted_claim(learner), approver=hr)
    with pytest.raises(ClaimError) as no_reason:
        claim_approval_cancel(claim=claim, actor=hr, reason="")
    assert str(no_reason.value) == str(REASON_REQUIRED)
    claim_approval_cancel(claim=claim, actor=hr, reason="중복 지원 확인")
    money.refresh_from_db()
    claim.refresh_from_db()
    assert money.approved == 0 and claim.status == ClaimStatus.CANCELLED


@pytest.mark.django_db
def test_return_correct_and_resubmit_then_reject(learner, hr):
    policy()
    budget(500_000)
    claim = submitted_claim(learner)
    with pytest.raises(ClaimError) as read_only:
        claim_update(claim=claim, category=claim.category, attested=False)
    assert str(read_only.value) == str(NOT_EDITABLE)
    claim = claim_return(claim=claim, actor=hr, reason="영수증이 흐립니다")
    claim_item_add(
        claim=claim,
        kind="textbooks",
        amount=20_000,
        receipt=receipt_png(),
        receipt_content_type="image/png",
    )
    claim = claim_submit(claim=claim, actor=learner)
    assert claim.amount_requested == 120_000
    claim = claim_reject(claim=claim, actor=hr, reason="지원 대상 교육이 아닙니다")
    assert claim.status == ClaimStatus.REJECTED
    assert [e.reason for e in claim.events.all() if e.reason] == [
        "영수증이 흐립니다",
        "지원 대상 교육이 아닙니다",
    ]


@pytest.mark.django_db
def test_withdraw_before_a_decision_only(learner, hr):
    policy()
    budget(500_000)
    claim = claim_withdraw(claim=submitted_claim(learner), actor=learner)
    assert claim.status == ClaimStatus.WITHDRAWN
    approved = claim_approve(claim=submitted_claim(learner), approver=hr)
    with pytest.raises(ClaimError):
        claim_withdraw(claim=approved, actor=learner)


@pytest.mark.django_db
def test_eligibility_is_checked_again_at_approval(learner, hr):
    policy()
    budget(500_000)
    claim = submitted_claim(learner)
    certificate_revoke(certificate=claim.certificate, actor=hr, reason="착오 발급")
    with pytest.raises(ClaimError) as refused:
        claim_approve(claim=claim, approver=hr)
    assert str(claim_eligibility(claim=claim).problems[0]) in str(refused.value)


def _filled(claim, kind, amount):
    claim_item_add(
        claim=claim,
        kind=kind,
        amount=amount,
        receipt=receipt_png(),
        receipt_content_type="image/png",
    )
    return claim_update(claim=claim, category=claim.category, attested=True)


@pytest.mark.django_db
def test_once_per_basis_and_the_yearly_cap(learner, hr):
    policy(annual_cap=250_000)
    budget(1_000_000)
    certificate = certificate_for(learner)
    category = SupportCategory.objects.get(number=1)
    first = claim_draft_create(
        claimant=learner, category=category, certificate=certificate
    )
    # A second draft on the same basis, started before the first was decided.
    again = _filled(
        claim_draft_create(
            claimant=learner, category=category, certificate=certificate
        ),
        "travel",
        10_000,
    )
    first = claim_submit(claim=_filled(first, "tuition", 200_000), actor=learner)
    first = claim_approve(claim=first, approver=hr)
    problems = " ".join(claim_eligibility(claim=again).problems)
    assert "course" in problems or "과정" in problems
    # Once supported, the basis starts no new draft at all.
    with pytest.raises(ClaimError) as refused:
        claim_draft_create(claimant=learner, category=category, certificate=certificate)
    assert "course" in str(refused.value) or "과정" in str(refused.value)
    other = _filled(
        claim_draft_create(
            claimant=learner, category=category, certificate=certificate_for(learner)
        ),
        "tuition",
        60_000,
    )
    eligibility = claim_eligibility(claim=other)
    assert eligibility.annual_remaining == 50_000 and not eligibility.eligible
    with pytest.raises(ClaimError):
        claim_submit(claim=other, actor=learner)


@pytest.mark.django_db
def test_head_confirmation_when_the_policy_asks(make_staff, hr):
    policy(head_confirmation_required=True)
    budget(500_000)
    division = department_save(
        department=Department(code="H1", name="정보통신과", kind="division"),
        parent=None,
    )
    team = department_save(
        department=Department(code="H2", name="데이터팀", kind="team"), parent=division
    )
    other = department_save(
        department=Department(code="H3", name="회계과", kind="division"), parent=None
    )
    head = make_staff(department=division).user
    stranger_head = make_staff(department=other).user
    claim = submitted_claim(make_staff(department=team).user)
    with pytest.raises(ClaimError) as early:
        claim_approve(claim=claim, approver=hr)
    assert str(early.value) == str(HEAD_CONFIRMATION_NEEDED)
    with pytest.raises(ClaimError):
        claim_head_confirm(claim=claim, head=stranger_head)
    claim = claim_head_confirm(claim=claim, head=head)
    assert claim_approve(claim=claim, approver=hr).status == ClaimStatus.APPROVED


@pytest.mark.django_db
def test_department_budget_is_used_before_the_city_wide_one(make_staff, hr):
    policy()
    division = department_save(
        department=Department(code="B1", name="복지과", kind="division"), parent=None
    )
    team = department_save(
        department=Department(code="B2", name="복지정책팀", kind="team"),
        parent=division,
    )
    city = budget(500_000)
    own = budget(200_000, department=division)
    claim = claim_approve(
        claim=submitted_claim(make_staff(department=team).user), approver=hr
    )
    own.refresh_from_db()
    city.refresh_from_db()
    assert claim.budget_id == own.pk and own.approved == 100_000 and city.approved == 0


@pytest.mark.django_db
def test_a_claim_needs_my_own_basis(learner, make_staff):
    stranger = make_staff().user
    with pytest.raises(ClaimError):
        claim_draft_create(
            claimant=learner,
            category=SupportCategory.objects.get(number=1),
            certificate=certificate_for(stranger),
        )


# --- The audit trail ------------------------------------------------------------------


@pytest.mark.django_db
def test_events_are_append_only_and_tampering_is_detected(learner, hr):
    policy()
    budget(500_000)
    claim = claim_approve(claim=submitted_claim(learner), approver=hr)
    event = claim.events.last()
    with pytest.raises(RuntimeError):
        event.reason = "고침"
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    # Bulk writes through the ORM are refused too (they would skip save()).
    with pytest.raises(AppendOnlyError):
        ClaimEvent.objects.filter(pk=event.pk).update(amount=1)
    with pytest.raises(AppendOnlyError):
        ClaimEvent.objects.filter(pk=event.pk).delete()
    call_command("verify_claim_events", stdout=open("/dev/null", "w"))  # noqa: SIM115

    # An edit behind the application's back (plain SQL) breaks the chain.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE certificates_claimevent SET amount = %s WHERE id = %s",
            [999_999, event.pk],
        )
    report = claim_events_verify()
    assert not report.intact and report.broken_at == event.sequence
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("verify_claim_events")


@pytest.mark.django_db
def test_removing_the_last_event_is_detected(learner, hr):
    policy()
    budget(500_000)
    claim_approve(claim=submitted_claim(learner), approver=hr)
    ClaimEvent.objects.filter(sequence=ClaimEvent.objects.count())._raw_delete(
        ClaimEvent.objects.db
    )
    assert not claim_events_verify().intact


# --- A random walk through the state machine (hypothesis) -----------------------------

actions = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "submit",
                "approve",
                "reduce",
                "cancel",
                "return",
                "reject",
                "pay_request",
                "paid",
                "withdraw",
            ]
        ),
        st.integers(0, 3),
        st.integers(1, 300_000),
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=actions)
def test_invariants_hold_whatever_the_order_of_actions(make_staff, steps):
    # Each example runs in a savepoint that is rolled back: a fresh start.
    with transaction.atomic():
        _walk(make_staff, steps)
        transaction.set_rollback(True)


def _walk(make_staff, steps):
    from certificates.models import SupportPolicy

    SupportPolicy.objects.get_or_create(
        fiscal_year=timezone.localdate().year,
        defaults={"annual_cap": 10_000_000, "cap_tuition": 10_000_000},
    )
    Budget.objects.all().update(approved=0, paid=0)
    money = Budget.objects.first() or budget(400_000)
    hr = with_role(make_staff().user, "hr")
    claims = [
        submitted_claim(make_staff().user, amounts=[("tuition", 150_000)])
        for _ in range(4)
    ]
    calls = {
        "submit": lambda c, a: claim_submit(claim=c, actor=c.claimant),
        "approve": lambda c, a: claim_approve(
            claim=c, approver=hr, amount=min(a, c.amount_requested)
        ),
        "reduce": lambda c, a: claim_approval_reduce(
            claim=c, actor=hr, amount=a, reason="감액"
        ),
        "cancel": lambda c, a: claim_approval_cancel(claim=c, actor=hr, reason="취소"),
        "return": lambda c, a: claim_return(claim=c, actor=hr, reason="보완"),
        "reject": lambda c, a: claim_reject(claim=c, actor=hr, reason="반려"),
        "pay_request": lambda c, a: claim_payment_request(claim=c, actor=hr),
        "paid": lambda c, a: claim_mark_paid(claim=c, actor=hr, reference="REF"),
        "withdraw": lambda c, a: claim_withdraw(claim=c, actor=c.claimant),
    }
    for name, index, amount in steps:
        claim = ExpenseClaim.objects.get(pk=claims[index].pk)
        before_events = ClaimEvent.objects.count()
        try:
            calls[name](claim, amount)
        except ClaimError:
            assert (
                ClaimEvent.objects.count() == before_events
            )  # refused: nothing written
        money.refresh_from_db()
        reserved = (
            ExpenseClaim.objects.filter(
                budget=money, status__in=["approved", "payment_requested", "paid"]
            ).aggregate(total=Sum("amount_approved"))["total"]
            or 0
        )
        paid = (
            ExpenseClaim.objects.filter(budget=money, status="paid").aggregate(
                total=Sum("amount_approved")
            )["total"]
            or 0
        )
        assert money.approved == reserved <= money.allocated
        assert money.remaining == money.allocated - money.approved
        assert money.paid == paid <= money.approved
    assert claim_events_verify().intact


# --- Concurrency on real PostgreSQL: one connection per thread ----------------------


def _require_postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency tests need PostgreSQL: run `make test`.")


def _in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = {}, []

    def run(n):
        try:
            barrier.wait(timeout=60)
            results[n] = target(n)
        except ClaimError as exc:
            results[n] = exc
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_approvals_never_pass_the_budget(make_staff):
    _require_postgres()
    policy()
    money = budget(3_300_000)  # 50 claims × 100,000 = 5,000,000 = 150 %
    hr = [with_role(make_staff().user, "hr") for _ in range(3)]
    claims = [submitted_claim(make_staff().user) for _ in range(50)]
    events_before = ClaimEvent.objects.count()

    results, errors = _in_threads(
        50, lambda n: claim_approve(claim=claims[n], approver=hr[n % 3])
    )
    assert errors == []
    approved = [r for r in results.values() if not isinstance(r, ClaimError)]
    refused = [r for r in results.values() if isinstance(r, ClaimError)]
    assert len(approved) + len(refused) == 50
    money.refresh_from_db()
    assert money.approved == 100_000 * len(approved) <= money.allocated
    assert len(approved) == 33
    exhausted = str(BUDGET_EXHAUSTED).split("%")[0]
    assert all(str(r).startswith(exhausted) for r in refused)
    assert ExpenseClaim.objects.filter(status="approved").count() == 33
    assert ClaimEvent.objects.count() - events_before == 33  # one per transition
    assert claim_events_verify().intact


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_approvals_of_one_claim_approve_it_once(make_staff):
    _require_postgres()
    policy()
    money = budget(5_000_000)
    claim = submitted_claim(make_staff().user)
    hr = [with_role(make_staff().user, "hr") for _ in range(10)]
    results, errors = _in_threads(
        10, lambda n: claim_approve(claim=claim, approver=hr[n])
    )
    assert errors == []
    assert sum(not isinstance(r, ClaimError) for r in results.values()) == 1
    money.refresh_from_db()
    assert money.approved == 100_000
    assert claim.events.filter(to_status="approved").count() == 1

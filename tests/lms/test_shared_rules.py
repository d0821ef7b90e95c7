"""The shared rules of the core: append-only records, the one private
download, owner-or-permission visibility, the permission every
state-changing service checks, and the admin history of decisions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.credentials.selectors import certificates_visible_to
from certificates.credentials.services.issuing import (
    certificate_reissue,
    certificate_revoke,
)
from certificates.support.services import (
    claim_approve,
    claim_mark_paid,
    claim_payment_request,
    claim_reject,
)
from courses.models import EnrolmentSource
from courses.services.learning import enrolment_create
from lms.downloads import PrivateFile, private_download, private_file_serve
from lms.models import AccessKind, AccessLog, AppendOnlyError, ExportLog
from lms.permissions import NOT_PERMITTED, owned_or_permitted, permission_require
from lms.storage import private_storage
from tests.certificates.support.claim_fixtures import (
    budget,
    certificate_for,
    policy,
    submitted_claim,
)
from tests.conftest import with_role
from tests.factories import make_course

pytestmark = pytest.mark.django_db


# --- Append-only records ------------------------------------------------------------


@pytest.mark.parametrize("model", [AccessLog, ExportLog])
def test_logs_are_written_once_and_never_changed(model, make_staff):
    user = make_staff().user
    if model is AccessLog:
        row = AccessLog.objects.create(user=user, kind=AccessKind.RECEIPT)
    else:
        row = ExportLog.objects.create(user=user, roster="claims", masked=True)
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update(user=None)
    with pytest.raises(AppendOnlyError):
        model.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        model.objects.bulk_update([row], ["user"])
    assert model.objects.filter(pk=row.pk, user=user).exists()


# --- The one private download ---------------------------------------------------------


def _request(rf, user):
    request = rf.get("/")
    request.user = user
    return request


def _pdf(certificate) -> PrivateFile:
    return PrivateFile(
        content=b"%PDF-1.4 test",
        download_name="수료증.pdf",
        content_type="application/pdf",
        access=AccessKind.CERTIFICATE_PDF,
        object_id=certificate.pk,
        subject=certificate.holder_id,
        detail=certificate.serial,
    )


def test_a_record_outside_what_the_user_may_see_is_not_found(rf, make_staff):
    holder, stranger = make_staff().user, make_staff().user
    certificate = certificate_for(holder)
    with pytest.raises(Http404):
        private_download(
            _request(rf, stranger),
            visible=certificates_visible_to(stranger),
            describe=_pdf,
            pk=certificate.pk,
        )
    assert not AccessLog.objects.exists()


def test_a_served_file_is_logged_once_with_safe_headers(rf, make_staff):
    holder = make_staff().user
    certificate = certificate_for(holder)
    response = private_download(
        _request(rf, holder),
        visible=certificates_visible_to(holder),
        describe=_pdf,
        pk=certificate.pk,
    )
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    (entry,) = AccessLog.objects.all()
    assert (entry.user, entry.subject_id, entry.own) == (holder, holder.pk, True)
    assert entry.kind == AccessKind.CERTIFICATE_PDF


def test_a_stored_file_that_is_gone_is_not_found_and_not_logged(rf, make_staff):
    user = make_staff().user
    name = private_storage().save("test/gone.png", ContentFile(b"x"))
    private_storage().delete(name)

    class Stored:
        def __init__(self, name):
            self.name = name

        def __bool__(self):
            return True

        def open(self, mode="rb"):
            return private_storage().open(self.name, mode)

    with pytest.raises(Http404):
        private_file_serve(
            _request(rf, user),
            PrivateFile(
                content=Stored(name),
                download_name="x.png",
                content_type="image/png",
                access=AccessKind.RECEIPT,
            ),
        )
    assert not AccessLog.objects.exists()


def test_a_stream_is_served_as_it_is_made(rf, make_staff):
    user = make_staff().user
    response = private_file_serve(
        _request(rf, user),
        PrivateFile(
            content=iter([b"PK", b"\x03\x04"]),
            download_name="수료증.zip",
            content_type="application/zip",
            access=AccessKind.CERTIFICATES_ZIP,
            detail="2건",
        ),
    )
    assert response.streaming
    assert b"".join(response.streaming_content) == b"PK\x03\x04"
    assert AccessLog.objects.get().subject_id is None


# --- Visibility -----------------------------------------------------------------------


def test_owner_or_permission(make_staff):
    holder, other = make_staff().user, make_staff().user
    auditor = with_role(make_staff().user, "auditor")
    mine, theirs = certificate_for(holder), certificate_for(other)
    assert list(certificates_visible_to(holder)) == [mine]
    assert set(certificates_visible_to(auditor)) == {mine, theirs}
    assert not certificates_visible_to(AnonymousUser()).exists()
    everyone = owned_or_permitted(
        certificates_visible_to(auditor),
        user=AnonymousUser(),
        owner="holder",
        permission="certificates.view_certificate",
    )
    assert not everyone.exists()


# --- Services check the actor's permission themselves -------------------------------


def test_permission_require_refuses_the_anonymous_and_the_unprivileged(make_staff):
    with pytest.raises(PermissionDenied) as refused:
        permission_require(make_staff().user, "certificates.review_expenseclaim")
    assert str(refused.value) == str(NOT_PERMITTED)
    with pytest.raises(PermissionDenied):
        permission_require(None, "certificates.review_expenseclaim")
    permission_require(
        with_role(make_staff().user, "hr"), "certificates.review_expenseclaim"
    )


@pytest.mark.parametrize(
    "decide",
    [
        lambda claim, actor: claim_approve(claim=claim, approver=actor),
        lambda claim, actor: claim_reject(claim=claim, actor=actor, reason="x"),
    ],
    ids=["approve", "reject"],
)
def test_claim_decisions_need_the_review_permission(decide, make_staff):
    policy()
    budget(500_000)
    claim = submitted_claim(make_staff().user)
    for not_allowed in ("learner", "head", "auditor", "editor"):
        with pytest.raises(PermissionDenied):
            decide(claim, with_role(make_staff().user, not_allowed))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert claim.events.count() == 1  # only the submission


def test_certificate_revoke_and_reissue_need_their_permission(make_staff):
    certificate = certificate_for(make_staff().user)
    auditor = with_role(make_staff().user, "auditor")
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, actor=auditor, reason="x")
    with pytest.raises(PermissionDenied):
        certificate_reissue(certificate=certificate, actor=auditor, reason="x")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_assigning_someone_to_a_course_needs_the_assign_permission(make_staff):
    course = make_course(slug="assign-permission")
    learner, colleague = make_staff().user, make_staff().user
    with pytest.raises(PermissionDenied):
        enrolment_create(
            user=learner,
            course=course,
            source=EnrolmentSource.ASSIGNED,
            assigned_by=colleague,
        )
    assert not learner.enrolments.exists()


# --- The admin history ----------------------------------------------------------------


def test_revoke_and_reissue_are_in_the_admin_history(make_staff):
    hr = with_role(make_staff().user, "hr")
    old = certificate_for(make_staff().user)
    new = certificate_reissue(certificate=old, actor=hr, reason="성명 정정")
    (revoked,) = ModelLogEntry.objects.for_instance(old)
    assert (revoked.action, revoked.user, revoked.comment) == (
        "certificates.revoke",
        hr,
        "성명 정정",
    )
    (reissued,) = ModelLogEntry.objects.for_instance(new)
    assert reissued.action == "certificates.reissue"
    assert reissued.data["replaces"] == old.serial


def test_claim_decisions_are_in_the_admin_history(make_staff):
    policy()
    budget(500_000)
    hr = with_role(make_staff().user, "hr")
    claim = claim_approve(claim=submitted_claim(make_staff().user), approver=hr)
    claim = claim_payment_request(claim=claim, actor=hr)
    claim_mark_paid(claim=claim, actor=hr, reference="지급-1")
    entries = list(
        ModelLogEntry.objects.for_instance(claim).order_by("timestamp", "pk")
    )
    assert [e.data["to_status"] for e in entries] == [
        "submitted",
        "approved",
        "payment_requested",
        "paid",
    ]
    assert entries[-1].user == hr and entries[-1].comment == "지급-1"
    assert "→" in entries[-1].message


@pytest.mark.parametrize("role", ["hr", "auditor"])
def test_hr_and_auditors_read_the_decisions_on_the_history_pages(
    client, make_staff, role
):
    policy()
    budget(500_000)
    hr = with_role(make_staff().user, "hr")
    certificate = certificate_for(make_staff().user)
    certificate_revoke(certificate=certificate, actor=hr, reason="부정 수료 확인")
    claim = claim_approve(
        claim=submitted_claim(make_staff().user), approver=hr, reason="영수증 확인"
    )
    client.force_login(with_role(make_staff().user, role))
    page = client.get(reverse("certificate_registry:history", args=[certificate.pk]))
    assert page.status_code == 200
    assert "부정 수료 확인" in page.content.decode()
    page = client.get(reverse("expense_claims:history", args=[claim.pk]))
    assert page.status_code == 200
    assert "영수증 확인" in page.content.decode()


def test_the_history_pages_are_not_for_learners(client, make_staff):
    certificate = certificate_for(make_staff().user)
    client.force_login(with_role(make_staff().user, "learner"))
    page = client.get(reverse("certificate_registry:history", args=[certificate.pk]))
    assert page.status_code in (302, 403)

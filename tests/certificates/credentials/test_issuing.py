import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from certificates.credentials.models import CertificateStatus
from certificates.credentials.selectors import certificate_list_filtered
from certificates.credentials.services.issuing import (
    ALREADY_REVOKED,
    REASON_REQUIRED,
    CertificateError,
    certificate_issue_for_completion,
    certificate_reissue,
    certificate_revoke,
    months_add,
    verification_code_normalise,
)
from certificates.models import Certificate, CertificateKind, CertificateSettings
from courses.models import Completion, Enrolment, Topic
from courses.services.learning import (
    course_completion_evaluate,
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.services.pages import home_page_ensure
from tests.conftest import with_role
from tests.factories import lessons_of, make_course, quiz_of, right_answers


def _finish(user, course):
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=user, quiz=quiz)
    return quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz))


def _issue(holder, completion_id, **overrides):
    fields = {
        "completion_id": completion_id,
        "holder": holder,
        "course_key": "course:1",
        "course_title": "생성형 AI 기초",
        "topics": [("14-2-1", "인공지능 기본 개념")],
        "recognised_hours": Decimal("2"),
        "completed_on": timezone.localdate(),
        "validity_months": None,
        "cycle_year": timezone.localdate().year,
    }
    fields.update(overrides)
    return certificate_issue_for_completion(**fields)


@pytest.mark.django_db
def test_completing_a_course_issues_one_certificate_with_a_snapshot(make_staff):
    staff = make_staff(name="홍길동")
    course = make_course(validity=24, topics=("14-2-1", "14-2-2"))
    _finish(staff.user, course)
    completion = Completion.objects.get(user=staff.user)

    certificate = Certificate.objects.get(holder=staff.user)
    year = timezone.localdate().year
    assert certificate.kind == CertificateKind.COURSE
    assert certificate.completion_ref == completion.pk
    assert certificate.serial == f"PAJU-{year}-000001"
    assert certificate.holder_name == "홍길동"
    assert certificate.department_name == staff.department.full_name
    assert certificate.course_title == course.title
    assert [code for code, _ in certificate.topics] == ["14-2-1", "14-2-2"]
    assert certificate.recognised_hours == course.recognised_hours
    assert certificate.expires_on == months_add(certificate.issued_on, 24)
    assert certificate.status == CertificateStatus.VALID
    # 160 random bits, base32
    assert len(certificate.code) == 32 and certificate.code.isalnum()

    # Evaluating again, or a later edit of the course, changes nothing.
    course_completion_evaluate(enrolment=Enrolment.objects.get(user=staff.user))
    course.title = "바뀐 제목"
    course.save_revision().publish()
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().course_title != "바뀐 제목"


@pytest.mark.django_db
def test_issuing_twice_for_one_completion_returns_the_same_certificate(make_staff):
    holder = make_staff().user
    first = _issue(holder, 41)
    second = _issue(holder, 41)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_serial_numbers_are_gap_free_per_year_and_use_the_site_prefix(make_staff):
    home_page_ensure()
    settings = CertificateSettings.current()
    settings.serial_prefix = "GOYANG"
    settings.save()
    holder = make_staff().user
    serials = [_issue(holder, n).serial for n in range(1, 4)]
    year = timezone.localdate().year
    assert serials == [f"GOYANG-{year}-00000{n}" for n in (1, 2, 3)]


@pytest.mark.django_db
def test_all_five_topics_earn_the_curriculum_certificate_once(make_staff):
    staff = make_staff()
    codes = list(Topic.objects.values_list("code", flat=True))
    assert len(codes) == 5
    first = make_course(slug="a", topics=codes[:3], hours="3")
    second = make_course(slug="b", topics=codes[3:], hours="4")
    _finish(staff.user, first)
    assert not Certificate.objects.filter(kind=CertificateKind.CURRICULUM).exists()
    _finish(staff.user, second)

    curriculum = Certificate.objects.get(kind=CertificateKind.CURRICULUM)
    assert curriculum.holder == staff.user
    assert curriculum.recognised_hours == Decimal("7")
    assert [code for code, _ in curriculum.topics] == codes
    assert Certificate.objects.filter(kind=CertificateKind.COURSE).count() == 2

    third = make_course(slug="c", topics=codes[:1])
    _finish(staff.user, third)
    assert Certificate.objects.filter(kind=CertificateKind.CURRICULUM).count() == 1


@pytest.mark.django_db
def test_revoke_needs_a_reason_and_happens_once(make_staff):
    hr = with_role(make_staff().user, "hr")
    certificate = _issue(make_staff().user, 7)
    with pytest.raises(CertificateError) as empty:
        certificate_revoke(certificate=certificate, actor=hr, reason="  ")
    assert str(empty.value) == str(REASON_REQUIRED)

    certificate_revoke(certificate=certificate, actor=hr, reason="착오 발급")
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == hr
    with pytest.raises(CertificateError) as again:
        certificate_revoke(certificate=certificate, actor=hr, reason="다시")
    assert str(again.value) == str(ALREADY_REVOKED)


@pytest.mark.django_db
def test_reissue_revokes_the_old_and_keeps_its_expiry(make_staff):
    hr = with_role(make_staff().user, "hr")
    old = _issue(make_staff(name="김철수").user, 9, validity_months=12)
    new = certificate_reissue(certificate=old, actor=hr, reason="성명 정정")
    old.refresh_from_db()
    assert old.status == CertificateStatus.REVOKED
    assert old.revoked_reason == "성명 정정"
    assert new.replaces == old
    assert new.serial != old.serial and new.code != old.code
    assert new.expires_on == old.expires_on
    assert new.completion_ref == old.completion_ref
    assert new.status == CertificateStatus.VALID


@pytest.mark.django_db
def test_expiry_statuses_and_the_valid_queryset(make_staff):
    holder = make_staff().user
    today = timezone.localdate()
    lasting, soon, gone = (_issue(holder, n) for n in (1, 2, 3))
    Certificate.objects.filter(pk=soon.pk).update(
        expires_on=today + datetime.timedelta(days=10)
    )
    Certificate.objects.filter(pk=gone.pk).update(
        expires_on=today - datetime.timedelta(days=1)
    )
    soon.refresh_from_db()
    gone.refresh_from_db()
    assert lasting.status == CertificateStatus.VALID
    assert soon.status == CertificateStatus.EXPIRING
    assert gone.status == CertificateStatus.EXPIRED
    assert set(Certificate.objects.valid()) == {lasting, soon}
    for status, expected in [
        (CertificateStatus.VALID, {lasting}),
        (CertificateStatus.EXPIRING, {soon}),
        (CertificateStatus.EXPIRED, {gone}),
        (CertificateStatus.REVOKED, set()),
    ]:
        assert set(certificate_list_filtered(status=status)) == expected


def test_months_add_and_code_normalising():
    assert months_add(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert months_add(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)
    assert verification_code_normalise(" abcd-efgh 2345 ") == "ABCDEFGH2345"


# --- Concurrency, on real PostgreSQL: one connection per thread ---------------


def _require_postgres():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency tests need PostgreSQL: run `make test`.")


def _in_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def run(n):
        try:
            barrier.wait(timeout=30)
            target(n)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_completions_issue_exactly_one_certificate(make_staff):
    _require_postgres()
    staff = make_staff()
    course = make_course()
    for lesson in lessons_of(course):
        lesson_complete(user=staff.user, lesson=lesson)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=staff.user, quiz=quiz)
    quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz))
    Certificate.objects.all().delete()
    Completion.objects.all().delete()
    Enrolment.objects.update(completed_at=None)
    enrolment = Enrolment.objects.get()

    errors = _in_threads(
        2,
        lambda n: course_completion_evaluate(
            enrolment=Enrolment.objects.get(pk=enrolment.pk)
        ),
    )
    assert errors == []
    assert Completion.objects.count() == 1
    assert Certificate.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_for_the_same_completion_and_gap_free_serials(make_staff):
    _require_postgres()
    holder = make_staff().user

    # Ten threads issue for one completion: one certificate.
    assert _in_threads(10, lambda n: _issue(holder, 500)) == []
    assert Certificate.objects.filter(completion_ref=500).count() == 1

    # Twenty threads issue for twenty completions: serials 2..21 without a gap.
    assert _in_threads(20, lambda n: _issue(holder, 600 + n)) == []
    numbers = sorted(Certificate.objects.values_list("serial_number", flat=True))
    assert numbers == list(range(1, 22))

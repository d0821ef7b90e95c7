"""Orphaned private files: found once old enough, deleted by the command;
files that a record names and files too young are never touched."""

import datetime
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from certificates.models import Qualification, StaffQualification
from certificates.qualifications.services.review import staff_qualification_submit
from certificates.uploads import upload_clean
from lms.services.private_files import private_file_fields, private_files_orphaned
from lms.storage import private_storage
from tests.certificates.upload_files import png_bytes, upload

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(hours=24)


def _stored(name: str, *, age_hours: float) -> str:
    storage = private_storage()
    name = storage.save(name, ContentFile(b"stale personal data"))
    then = time.time() - age_hours * 3600
    os.utime(storage.path(name), (then, then))
    return name


@pytest.fixture
def kept(make_staff):
    qualification = Qualification.objects.first()  # seeded by a migration
    record = staff_qualification_submit(
        user=make_staff().user,
        qualification=qualification,
        acquired_on=timezone.localdate() - datetime.timedelta(days=2),
        certificate_number="AICE-1",
        evidence=upload_clean(file=upload(png_bytes(), "합격증.png")),
    )
    then = time.time() - 72 * 3600
    os.utime(private_storage().path(record.evidence.name), (then, then))
    return record


def test_every_private_file_field_is_known():
    found = {(f.model._meta.label, f.name) for f in private_file_fields()}
    assert {
        ("certificates.StaffQualification", "evidence"),
        ("certificates.ClaimItem", "receipt"),
        ("lms.ExportJob", "file"),
    } <= found


def test_only_old_files_no_record_names_are_orphans(kept):
    old = _stored("staffqualification/ab/left-behind.png", age_hours=48)
    young = _stored("staffqualification/ab/on-its-way.png", age_hours=1)
    elsewhere = _stored("not-a-model-folder/old.png", age_hours=480)
    orphaned = private_files_orphaned(min_age=DAY)
    assert old in orphaned
    assert young not in orphaned
    assert elsewhere not in orphaned
    assert kept.evidence.name not in orphaned


def test_the_command_dry_run_lists_and_the_run_deletes(kept, capsys):
    storage = private_storage()
    old = _stored("claimitem/cd/receipt-of-a-rolled-back-claim.pdf", age_hours=30)
    call_command("prune_private_files", "--dry-run")
    out = capsys.readouterr().out
    assert old in out and "삭제 예정" in out
    assert storage.exists(old)

    call_command("prune_private_files")
    assert not storage.exists(old)
    assert storage.exists(kept.evidence.name)
    StaffQualification.objects.get(pk=kept.pk).evidence.open("rb").close()


def test_the_command_refuses_a_zero_age():
    with pytest.raises(CommandError, match="1 이상"):
        call_command("prune_private_files", "--min-age-hours", "0")

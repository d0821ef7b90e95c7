"""Seed the qualification catalogue (../shared/DOMAIN.md); HR edits it afterwards."""

from django.db import migrations

from certificates.qualifications.constants import QUALIFICATION_CATALOGUE as CATALOGUE


def seed(apps, schema_editor):
    Qualification = apps.get_model("certificates", "Qualification")
    for name, issuer, kind in CATALOGUE:
        Qualification.objects.get_or_create(
            name=name, defaults={"issuer": issuer, "kind": kind}
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_certificates_and_qualifications")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

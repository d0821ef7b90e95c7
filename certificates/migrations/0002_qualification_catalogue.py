"""Seed the qualification catalogue (../shared/DOMAIN.md); HR edits it afterwards."""

from django.db import migrations

CATALOGUE = [
    ("AICE Basic", "KT · 한국경제신문", "private"),
    ("AICE Associate", "KT · 한국경제신문", "national_private"),
    ("AICE Professional", "KT · 한국경제신문", "private"),
    ("빅데이터분석기사", "한국데이터산업진흥원", "national_technical"),
    ("ADsP (데이터분석 준전문가)", "한국데이터산업진흥원", "national_private"),
    ("ADP (데이터분석 전문가)", "한국데이터산업진흥원", "national_private"),
    ("SQLD (SQL 개발자)", "한국데이터산업진흥원", "national_private"),
    ("SQLP (SQL 전문가)", "한국데이터산업진흥원", "national_private"),
    ("정보처리기사", "한국산업인력공단", "national_technical"),
    ("사회조사분석사 2급", "한국산업인력공단", "national_technical"),
    ("AWS Certified AI Practitioner", "Amazon Web Services", "vendor"),
    ("Microsoft Certified: Azure AI Fundamentals", "Microsoft", "vendor"),
    ("Google Cloud Professional Machine Learning Engineer", "Google Cloud", "vendor"),
]


def seed(apps, schema_editor):
    Qualification = apps.get_model("certificates", "Qualification")
    for name, issuer, kind in CATALOGUE:
        Qualification.objects.get_or_create(
            name=name, defaults={"issuer": issuer, "kind": kind}
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_certificates_and_qualifications")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

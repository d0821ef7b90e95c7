"""The six Art. 15② programme kinds as support categories; HR may rename them."""

from django.db import migrations

CATEGORIES = [
    (1, "인공지능 이해·활용 교육 및 연수", "201-01"),
    (2, "대학·연구기관·기업 연계 전문교육 및 연수", "201-01"),
    (3, "해외 선진사례 벤치마킹, 국제 포럼 및 학술대회 참가", "202-05"),
    (4, "인공지능·데이터 분석·머신러닝 관련 자격증 취득", "201-01"),
    (5, "인공지능 기반 전직 및 창업 지원", "201-01"),
    (6, "그 밖에 시장이 필요하다고 인정하는 인재 양성 및 역량 강화 사업", "201-01"),
]


def seed(apps, schema_editor):
    SupportCategory = apps.get_model("certificates", "SupportCategory")
    for number, name, code in CATEGORIES:
        SupportCategory.objects.get_or_create(
            number=number, defaults={"name": name, "budget_item_code": code}
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_expense_support")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

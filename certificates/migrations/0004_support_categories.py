"""The six Art. 15② programme kinds as support categories; HR may rename them."""

from django.db import migrations

from certificates.support.constants import SUPPORT_CATEGORIES as CATEGORIES


def seed(apps, schema_editor):
    SupportCategory = apps.get_model("certificates", "SupportCategory")
    for number, name, code in CATEGORIES:
        SupportCategory.objects.get_or_create(
            number=number, defaults={"name": name, "budget_item_code": code}
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_expense_support")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

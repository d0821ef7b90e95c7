from django.db import migrations

from courses.constants import ARTICLE_14_2_TOPICS


def create_topics(apps, schema_editor):
    Topic = apps.get_model("courses", "Topic")
    for order, (code, name) in enumerate(ARTICLE_14_2_TOPICS, start=1):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(create_topics, migrations.RunPython.noop)]

"""Wagtail's own rows, named in Korean: the root page and root collection
(shown as "Root" in the page explorer and collection choosers) and the default
moderation workflow and its task (shown as "Submit to Moderators approval").
Only rows still carrying Wagtail's English names are renamed."""

from django.db import migrations

ROOT_PAGE = ("Root", "최상위")
ROOT_COLLECTION = ("Root", "기본 컬렉션")
WORKFLOW = ("Moderators approval", "콘텐츠 검토")
TASK = ("Moderators approval", "편집자 승인")


def _rename(apps, forward: bool):
    def pick(pair):
        return pair if forward else pair[::-1]

    Page = apps.get_model("wagtailcore", "Page")
    old, new = pick(ROOT_PAGE)
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    Collection = apps.get_model("wagtailcore", "Collection")
    old, new = pick(ROOT_COLLECTION)
    Collection.objects.filter(depth=1, name=old).update(name=new)
    Workflow = apps.get_model("wagtailcore", "Workflow")
    old, new = pick(WORKFLOW)
    Workflow.objects.filter(name=old).update(name=new)
    Task = apps.get_model("wagtailcore", "Task")
    old, new = pick(TASK)
    Task.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, forward=True)


def backwards(apps, schema_editor):
    _rename(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0007_staffprofile_invited_at"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

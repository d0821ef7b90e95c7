from django.contrib.auth.management import create_permissions
from django.db import migrations

from lms.content import HOME_PAGE
from lms.roles import ROLES, roles_sync

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so
    # that the groups get theirs on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    roles_sync(apps=apps)
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")
    editors = Group.objects.get(name=ROLES["editor"].group_name)
    for task in Task.objects.all():
        task.groups.add(editors)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("lms", "HomePage")

    # Wagtail's own welcome page (and the site pointing to it) make way for ours.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="lms", model="homepage")
    home = HomePage.objects.create(
        title=HOME_PAGE["title"],
        draft_title=HOME_PAGE["title"],
        slug=HOME_PAGE["slug"],
        lead=HOME_PAGE["lead"],
        body=HOME_PAGE["body"],
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True,
        site_name="AI 역량강화 교육",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_organisation_and_home"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]

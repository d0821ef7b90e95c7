"""The five roles, as groups with their permissions.

Groups are created by a data migration and their permissions are (re)applied
after every ``migrate`` (and after ``flush``), so a later app adds its
permissions here and a fresh or existing database gets them. The sync only
adds: permissions that HR granted by hand are never taken away.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    # "app_label.codename"; permissions of apps not installed are skipped.
    permissions: tuple[str, ...] = ()
    # Wagtail page permissions on the whole tree (codenames of wagtailcore.Page).
    page_permissions: tuple[str, ...] = ()
    # Wagtail collection permissions on the root collection ("app.codename").
    collection_permissions: tuple[str, ...] = ()


ADMIN = "wagtailadmin.access_admin"

LEARNER = Role(key="learner", group_name="학습자")
HEAD = Role(key="head", group_name="부서장")
HR = Role(
    key="hr",
    group_name="교육담당",
    permissions=(
        ADMIN,
        "lms.add_department",
        "lms.change_department",
        "lms.delete_department",
        "lms.view_department",
        "lms.add_staffprofile",
        "lms.change_staffprofile",
        "lms.view_staffprofile",
        "lms.export_roster",
        "lms.export_full_roster",
        "lms.view_exportlog",
        "lms.view_accesslog",
        "courses.add_trainingcycle",
        "courses.change_trainingcycle",
        "courses.view_trainingcycle",
        "courses.view_enrolment",
        "courses.assign_enrolment",
        "courses.view_completion",
        "courses.view_surveyresponse",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        "certificates.add_qualification",
        "certificates.change_qualification",
        "certificates.view_qualification",
        "certificates.view_staffqualification",
        "certificates.verify_staffqualification",
        "certificates.change_certificatesettings",
        "certificates.view_supportcategory",
        "certificates.change_supportcategory",
        "certificates.add_budget",
        "certificates.change_budget",
        "certificates.view_budget",
        "certificates.add_supportpolicy",
        "certificates.change_supportpolicy",
        "certificates.view_supportpolicy",
        "certificates.view_expenseclaim",
        "certificates.review_expenseclaim",
        "certificates.view_claimevent",
    ),
)
EDITOR = Role(
    key="editor",
    group_name="콘텐츠 편집자",
    permissions=(ADMIN, "courses.change_topic", "courses.view_topic"),
    page_permissions=(
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ),
    collection_permissions=(
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
)
AUDITOR = Role(
    key="auditor",
    group_name="감사",
    permissions=(
        ADMIN,
        "lms.view_department",
        "lms.view_staffprofile",
        "lms.view_exportlog",
        "lms.view_accesslog",
        "courses.view_trainingcycle",
        "courses.view_enrolment",
        "courses.view_completion",
        "courses.view_surveyresponse",
        "certificates.view_certificate",
        "certificates.view_qualification",
        "certificates.view_staffqualification",
        "certificates.view_supportcategory",
        "certificates.view_budget",
        "certificates.view_supportpolicy",
        "certificates.view_expenseclaim",
        "certificates.view_claimevent",
    ),
)

ROLES: dict[str, Role] = {r.key: r for r in (LEARNER, HEAD, HR, EDITOR, AUDITOR)}
GROUP_NAMES = {r.key: r.group_name for r in ROLES.values()}


def _permission(apps, dotted: str):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def roles_sync(*, apps=global_apps) -> None:
    """Create the role groups and give them at least their declared permissions."""
    Group = apps.get_model("auth", "Group")
    for role in ROLES.values():
        group, _ = Group.objects.get_or_create(name=role.group_name)
        wanted = [p for p in (_permission(apps, d) for d in role.permissions) if p]
        if wanted:
            group.permissions.add(*wanted)
        _sync_page_permissions(apps, group, role)
        _sync_collection_permissions(apps, group, role)


def _sync_page_permissions(apps, group, role: Role) -> None:
    if not role.page_permissions:
        return
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for codename in role.page_permissions:
        permission = _permission(apps, f"wagtailcore.{codename}")
        if permission is not None:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission
            )


def _sync_collection_permissions(apps, group, role: Role) -> None:
    if not role.collection_permissions:
        return
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for dotted in role.collection_permissions:
        permission = _permission(apps, dotted)
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


@receiver(post_migrate)
def _roles_sync_after_migrate(sender, **kwargs) -> None:
    # post_migrate fires once per installed app that has models, and each
    # firing creates that app's permissions; act on the last one, when every
    # permission exists. (Apps without models, like humanize, get no signal.)
    with_models = [a for a in global_apps.get_app_configs() if a.models_module]
    if sender.label != with_models[-1].label:
        return
    roles_sync(apps=kwargs.get("apps") or global_apps)


def user_role_keys(user) -> set[str]:
    """The role keys of a user (from group membership), cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_lms_role_keys", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {key for key, name in GROUP_NAMES.items() if name in names}
        user._lms_role_keys = cached
    return cached


def user_has_admin_access(user) -> bool:
    """Whether the Wagtail admin is open to the user, in one query (Django's
    has_perm loads all user and all group permissions: two)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_lms_admin_access", None)
    if cached is None:
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        cached = Permission.objects.filter(
            Q(user=user) | Q(group__user=user),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        ).exists()
        user._lms_admin_access = cached
    return cached

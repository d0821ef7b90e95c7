"""The site's home page, for databases where the migration's page is gone
(for instance after a test flush)."""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from lms.content import HOME_PAGE, INFO_PAGES
from lms.models import HomePage, StandardPage


def home_page_ensure() -> bool:
    """Make sure a home page exists and is the default site's root. Returns
    whether anything had to be created."""
    if HomePage.objects.exists() and Site.objects.filter(is_default_site=True).exists():
        return False
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="기본 컬렉션")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="최상위", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title=HOME_PAGE["title"],
                slug=HOME_PAGE["slug"],
                lead=HOME_PAGE["lead"],
                body=HOME_PAGE["body"],
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": HOME_PAGE["title"],
        },
    )
    return True


def info_pages_ensure() -> int:
    """The privacy notice and accessibility statement, created once under the
    home page; editors own them afterwards. Returns how many were created."""
    home = HomePage.objects.first()
    created = 0
    for data in INFO_PAGES:
        if StandardPage.objects.filter(slug=data["slug"]).exists():
            continue
        page = home.add_child(instance=StandardPage(**data, show_in_menus=True))
        page.save_revision().publish()
        created += 1
    return created

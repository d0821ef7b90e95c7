"""The site's URLconf (``ROOT_URLCONF``): the project shell, not the core.

Each app mounts its own URLs with its full paths; they are named here by
dotted string, as ``INSTALLED_APPS`` names them, so the core imports nothing
of the apps above it. Wagtail's page serving comes last and takes every path
no app claimed.
"""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/invitation/<str:uidb36>/<str:token>/",
        views.invitation_accept,
        name="lms_invitation_accept",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

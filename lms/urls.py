from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses import urls as courses_urls
from courses import views_stats
from lms import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("learn/", include(courses_urls)),
    path("learn/certificates/", include("certificates.urls_certificates")),
    path("learn/qualifications/", include("certificates.urls_qualifications")),
    path("learn/claims/", include("certificates.urls_claims")),
    path("certificates/", include("certificates.urls_public")),
    path("stats/", views_stats.public_statistics, name="public_statistics"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

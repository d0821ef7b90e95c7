"""Registration only: each admin area of certificates registers its own hooks
in its module (certificates/admin/*.py), imported here so Wagtail finds them."""

from certificates.admin import qualifications, registry  # noqa: F401

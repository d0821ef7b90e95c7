"""The certificates app's one door for Wagtail: each room registers its own
hooks in its ``wagtail_hooks`` module, imported here so that Wagtail (which
looks for ``<app>.wagtail_hooks``) finds them. The order is the menu order."""

from certificates.credentials import wagtail_hooks as credentials_hooks  # noqa: F401
from certificates.qualifications import wagtail_hooks as qualifications_hooks  # noqa: F401
from certificates.support import wagtail_hooks as support_hooks  # noqa: F401

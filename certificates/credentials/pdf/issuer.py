"""Who issues certificates, as the site settings say (city, programme,
ordinance, issuer name and office, seal image, base URL): read once per
document or once per batch.
"""

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from reportlab.lib.utils import ImageReader

from certificates.credentials.models import CertificateSettings
from lms.models import LmsSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Issuer:
    """What the settings say about who issues certificates. Read once per
    document or once per batch (the HR ZIP)."""

    city: str
    programme: str
    ordinance: str
    issuer_name: str
    issuing_office: str
    seal: ImageReader | None
    base_url: str

    @property
    def signature(self) -> str:
        """'파주시장' stays as it is; a bare title gets the city in front."""
        if self.city and not self.issuer_name.startswith(self.city):
            return f"{self.city} {self.issuer_name}".strip()
        return self.issuer_name


def issuer_current() -> Issuer:
    certificate_settings = CertificateSettings.current()
    lms = LmsSettings.current()
    return Issuer(
        city=lms.city_name,
        programme=lms.programme_name,
        ordinance=lms.ordinance_name,
        issuer_name=certificate_settings.issuer_name,
        issuing_office=certificate_settings.issuing_office,
        seal=_seal_image(certificate_settings),
        base_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    )


def _seal_image(certificate_settings: CertificateSettings) -> ImageReader | None:
    image = certificate_settings.seal_image
    if image is None:
        return None
    try:
        with image.file.open("rb") as f:
            return ImageReader(io.BytesIO(f.read()))
    except (OSError, ValueError):
        # A missing seal file must not stop certificates being issued.
        log.warning("Certificate seal image %s could not be read", image.pk)
        return None

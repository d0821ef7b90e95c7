"""Where Django finds the models of the certificates app.

The app is three rooms, and each defines its own models; this module only
gathers them under the one app label ``certificates`` (so tables and
migrations stay where they are):

- ``certificates.credentials.models``: certificates issued by this site;
- ``certificates.qualifications.models``: the catalogue and staff qualifications;
- ``certificates.support.models``: Art. 15 categories, budgets, policy, claims
  and their events.
"""

from certificates.credentials.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    CertificateStatus,
    SerialCounter,
)
from certificates.qualifications.models import (
    Qualification,
    QualificationKind,
    QualificationStatus,
    StaffQualification,
)
from certificates.support.models import (
    RESERVING_STATES,
    Budget,
    ClaimChainHead,
    ClaimEvent,
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
    ItemKind,
    SupportCategory,
    SupportPolicy,
)

__all__ = [
    "RESERVING_STATES",
    "Budget",
    "Certificate",
    "CertificateKind",
    "CertificateSettings",
    "CertificateStatus",
    "ClaimChainHead",
    "ClaimEvent",
    "ClaimItem",
    "ClaimStatus",
    "ExpenseClaim",
    "ItemKind",
    "Qualification",
    "QualificationKind",
    "QualificationStatus",
    "SerialCounter",
    "StaffQualification",
    "SupportCategory",
    "SupportPolicy",
]

from .certificates import Certificate, CertificateKind, SerialCounter
from .qualifications import (
    Qualification,
    QualificationKind,
    QualificationStatus,
    StaffQualification,
)
from .settings import CertificateSettings
from .support import (
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
    "ClaimChainHead",
    "ClaimEvent",
    "ClaimItem",
    "ClaimStatus",
    "ExpenseClaim",
    "ItemKind",
    "SupportCategory",
    "SupportPolicy",
    "Certificate",
    "CertificateKind",
    "CertificateSettings",
    "Qualification",
    "QualificationKind",
    "QualificationStatus",
    "SerialCounter",
    "StaffQualification",
]

from .certificates import Certificate, CertificateKind, SerialCounter
from .qualifications import (
    Qualification,
    QualificationKind,
    QualificationStatus,
    StaffQualification,
)
from .settings import CertificateSettings

__all__ = [
    "Certificate",
    "CertificateKind",
    "CertificateSettings",
    "Qualification",
    "QualificationKind",
    "QualificationStatus",
    "SerialCounter",
    "StaffQualification",
]

"""External qualifications (AICE, 빅데이터분석기사, …): the catalogue, what staff record
with evidence, and HR's review (verify or reject with a reason).

Public surface: ``models`` (``StaffQualification``, ``QualificationStatus``) and
``services.review``."""

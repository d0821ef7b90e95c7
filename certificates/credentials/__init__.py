"""Certificates this site issues: serial numbers, the PDF, public verification by
code or QR, revocation and reissue, and HR's certificate registry.

Public surface for the other rooms and apps: ``services.issuing`` (issue, revoke,
reissue), ``selectors`` (who holds what) and ``pdf`` (render, ZIP)."""

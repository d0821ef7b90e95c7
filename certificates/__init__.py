"""Credentials and what they earn: certificates, qualifications, Art. 15 support."""

"""Changes to staff qualifications: submission with evidence, verification, rejection."""

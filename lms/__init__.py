"""Site-wide core of wagtail-staff-lms: organisation, staff, roles, home page."""

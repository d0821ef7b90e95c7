"""The core's Wagtail admin: departments and staff (viewsets), the staff import,
rosters and the export log, the access log, the training dashboard."""

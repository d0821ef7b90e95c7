"""Qualification catalogue and verification in the Wagtail admin (hooks and views)."""

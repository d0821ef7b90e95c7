"""HR's certificate registry in the Wagtail admin (hooks and views)."""

"""HR's expense-claim queue and decisions in the Wagtail admin (hooks and views)."""

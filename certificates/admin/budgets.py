"""Budgets, support policies and categories in the Wagtail admin (hooks and viewsets)."""

"""Expense support in the Wagtail admin: the claims queue and decision pages, budgets,
policies and categories."""

"""The certificate registry in the Wagtail admin: filters, list, inspect, revoke and
reissue, and the bulk ZIP download."""

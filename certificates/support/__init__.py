"""Art. 15 expense support: categories, budgets and the yearly policy; claims from
draft through the department head's confirmation and HR's decision to payment; the
append-only, hash-chained event trail; the budget-claim roster.

Where a rule lives:
- who may claim what, and how much: ``eligibility`` (pure rules) fed by
  ``services.common.claim_facts``;
- who may approve, and what happens to the budget: ``services.decisions``
  (``claim_approve`` locks the budget row and moves ``allocated`` with ``F()``);
- what every transition writes: ``services.events`` (one event per transition, chained);
- who sees a claim: ``selectors.claims_visible_to``."""

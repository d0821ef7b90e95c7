"""Learning in the Wagtail admin: topics, cycles, enrolments and completions
(viewsets), the bulk assignment page and the survey report (views)."""

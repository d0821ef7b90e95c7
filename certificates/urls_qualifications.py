"""The learner's own qualifications, under /learn/qualifications/."""

urlpatterns: list = []

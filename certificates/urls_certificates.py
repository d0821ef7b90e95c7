"""The learner's own certificates, under /learn/certificates/."""

urlpatterns: list = []
